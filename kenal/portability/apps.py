from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortabilityConfig(AppConfig):
    """Export, re-import, backups, erasure and merging: the user's data made theirs; composes every app."""

    name = "kenal.portability"
    verbose_name = _("Your data")
