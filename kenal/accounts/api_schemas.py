"""Shapes every API module shares."""

from ninja import Schema


class Error(Schema):
    """Every 4xx answer: `detail` says why; a refused write adds each field's messages in `errors`."""

    detail: str
    errors: dict[str, list[str]] | None = None
