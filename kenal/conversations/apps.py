from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    name = "kenal.conversations"
    verbose_name = _("Conversations")

    def ready(self):
        from kenal.conversations import cli, demo, selectors, views
        from kenal.lib import registry

        registry.register("person_page_block", views.person_page_block)
        registry.register("organization_page_block", views.organization_page_block)
        registry.register("timeline_entries", selectors.person_timeline_entries)
        registry.register("agenda_provider", selectors.agenda_waiting_replies)
        registry.register("import_parsers", cli.add_import_parsers)
        registry.register("demo_loader", demo.load)
