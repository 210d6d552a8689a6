from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def kind_label(kind: str) -> str:
    """The short label of an agenda item's kind, in the user's language."""
    labels = {
        "birthday": _("birthday"),
        "important_date": _("important date"),
        "keep_in_touch": _("keep in touch"),
        "promise": _("promise"),
        "waiting_reply": _("waiting for your reply"),
        "follow_up": _("follow-up"),
        "anniversary": _("how we met"),
        "engagement": _("engagement"),
    }
    return labels.get(kind, kind)
