from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "kenal.network"
    verbose_name = _("Network")

    def ready(self):
        from kenal.lib import registry
        from kenal.network import demo, views

        registry.register("person_page_block", views.person_page_block)
        registry.register("engagement_facts", views.engagement_facts)
        registry.register("demo_loader", demo.load)
