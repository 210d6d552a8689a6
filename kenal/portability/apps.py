from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortabilityConfig(AppConfig):
    """Export, re-import, backups, erasure and merging: the user's data made theirs; composes every app."""

    name = "kenal.portability"
    verbose_name = _("Your data")

    def ready(self):
        from kenal.lib import registry
        from kenal.portability import cli, views

        registry.register("person_page_block", views.person_page_block)
        registry.register("import_parsers", cli.add_import_parsers)
