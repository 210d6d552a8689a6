from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "kenal.commitments"
    verbose_name = _("Promises")

    def ready(self):
        from kenal.commitments import demo, demo_team, selectors, services, views
        from kenal.lib import registry

        registry.register("person_page_block", views.person_page_block)
        registry.register("organization_page_block", views.organization_page_block)
        registry.register("timeline_entries", selectors.person_timeline_entries)
        registry.register("agenda_provider", selectors.agenda_promises)
        registry.register("message_marks", selectors.promises_in_messages)
        registry.register("demo_loader", demo.load)
        registry.register("demo_loader", demo_team.load)
        # Promise suggestions follow every chat import.
        registry.register("after_import", services.suggestions_from_messages)
        # And are read again when who is "me" in a chat changes.
        registry.register("conversation_reread", services.suggestions_reread)
        # Open promises follow a person handed over to another member, when asked.
        registry.register("after_handover", services.promises_follow_handover)
