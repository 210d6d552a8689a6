"""The one workspace-scoping helper every view, API endpoint and command goes through."""

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _


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


def get_scoped_or_refuse(model: type[Model], workspace, pk: int | None) -> Model | None:
    """The row a request names by id, None when it names none; a foreign or missing id is refused (a 400)."""
    if pk is None:
        return None
    row = scoped(model, workspace).filter(pk=pk).first()
    if row is None:
        raise ValidationError(
            _("There is no %(thing)s %(id)s in this workspace.")
            % {"thing": model._meta.verbose_name, "id": pk}
        )
    return row
