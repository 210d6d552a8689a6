"""The one workspace-scoping helper every view, API endpoint and command goes through."""

from django.db.models import Model, QuerySet
from django.http import Http404


def scoped(model_or_queryset: type[Model] | QuerySet, workspace) -> QuerySet:
    """Rows of one workspace only."""
    queryset = (
        model_or_queryset if isinstance(model_or_queryset, QuerySet) else model_or_queryset.objects.all()
    )
    return queryset.filter(workspace=workspace)


def get_scoped_or_404(model_or_queryset: type[Model] | QuerySet, workspace, **lookup) -> Model:
    """One row of the workspace, or 404: an outsider can't tell a foreign row from a missing one."""
    try:
        return scoped(model_or_queryset, workspace).get(**lookup)
    except (scoped(model_or_queryset, workspace).model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
