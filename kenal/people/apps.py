from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "kenal.people"
    verbose_name = _("People")

    def ready(self):
        from kenal.lib import registry
        from kenal.people import cli, demo

        registry.register("import_parsers", cli.add_import_parsers)
        registry.register("demo_loader", demo.load)
