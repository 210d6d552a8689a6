from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "kenal.agenda"
    verbose_name = _("Agenda")

    def ready(self):
        from kenal.agenda import demo
        from kenal.lib import registry

        registry.register("demo_loader", demo.load)
