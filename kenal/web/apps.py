from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "kenal.web"
    verbose_name = "Web"
