"""The one pagination every API list uses: limit and offset, both bounded. It lives below the apps so
that each app's api.py can use it without importing kenal.api, which composes them."""

from typing import Annotated

from ninja import Field, Query, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 500
MAX_OFFSET = 10_000_000
# For endpoints that page by hand (a detail with its messages, say): the same bounds as every list.
PageLimit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
PageOffset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """Limit/offset pagination whose offset can't overflow the database's integers."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


class LazyPage:
    """A queryset the paginator slices first; only the rows of the page are turned into JSON."""

    def __init__(self, queryset, convert):
        self.queryset = queryset
        self.convert = convert

    def __getitem__(self, item):
        return [self.convert(row) for row in self.queryset[item]]

    def __len__(self):
        return self.queryset.count()
