from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementsConfig(AppConfig):
    name = "kenal.engagements"
    verbose_name = _("Work")

    def ready(self):
        from kenal.engagements import demo, selectors, services, views
        from kenal.lib import registry

        registry.register("person_page_block", views.person_page_block)
        registry.register("organization_page_block", views.organization_page_block)
        registry.register("agenda_provider", selectors.agenda_engagement_dates)
        registry.register("client_worth", selectors.value_by_person)
        registry.register("demo_loader", demo.load)
        registry.register("after_handover", services.engagements_follow_handover)
