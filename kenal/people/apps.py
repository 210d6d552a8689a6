from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "kenal.people"
    verbose_name = _("People")

    def ready(self):
        from kenal.lib import registry
        from kenal.people import cli, demo, selectors

        registry.register("import_parsers", cli.add_import_parsers)
        # "Handed over to you" on the new owner's Today.
        registry.register("agenda_provider", selectors.agenda_handovers)
        registry.register("demo_loader", demo.load)
