"""The one pagination every API list uses: limit and offset, both bounded."""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_OFFSET = 10_000_000


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """Limit/offset pagination whose offset can't overflow the database's integers."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=500)
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
