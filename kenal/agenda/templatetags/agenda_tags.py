from django import template

from kenal.lib.agenda import AgendaKind

register = template.Library()


@register.filter
def kind_label(kind: str) -> str:
    """The short label of an agenda item's kind, in the user's language."""
    try:
        return str(AgendaKind(kind).label)
    except ValueError:
        return kind
