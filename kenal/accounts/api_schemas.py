"""Shapes every API module shares."""

from ninja import Schema


class Error(Schema):
    """Every 4xx answer: `detail` says why; a refused write adds each field's messages in `errors`."""

    detail: str
    errors: dict[str, list[str]] | None = None


class UserOut(Schema):
    """A member as every API names one: the person's owner, an engagement's lead, a note's author."""

    id: int
    email: str
    name: str


def user_out(user) -> dict | None:
    if user is None:
        return None
    return {"id": user.pk, "email": user.email, "name": user.get_full_name()}
