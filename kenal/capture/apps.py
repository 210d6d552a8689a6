from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaptureConfig(AppConfig):
    name = "kenal.capture"
    verbose_name = _("Live capture")

    def ready(self):
        from kenal.capture import views
        from kenal.lib import registry

        registry.register("conversation_page_block", views.conversation_page_block)
