from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kenal.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from kenal.accounts.middleware import session_seen
        from kenal.accounts.two_factor import login_started

        user_logged_in.connect(session_seen, dispatch_uid="kenal_session_seen")
        user_logged_in.connect(login_started, dispatch_uid="kenal_two_factor_pending")
