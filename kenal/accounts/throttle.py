"""Login throttling with django-axes: one account after 5 failures, one address after many more."""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from kenal.lib.formatting import duration


def client_ip(request) -> str:
    """The address a login comes from. Behind the HTTPS proxy (KENAL_HTTPS) every request comes from the
    proxy, so it is the last X-Forwarded-For entry: the one the proxy itself added, which a client can't forge."""
    if settings.KENAL_HTTPS:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")


def username(request, credentials) -> str:
    """The account an attempt is counted against: emails are case-insensitive, so are their lockouts."""
    value = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD) or request.POST.get(
        settings.AXES_USERNAME_FORM_FIELD, ""
    )
    return value.strip().lower()


class ThrottleHandler(AxesDatabaseHandler):
    """Axes counts failures per account and per address (AXES_LOCKOUT_PARAMETERS); an address, which an
    office shares, gets KENAL_LOGIN_IP_FAILURE_LIMIT tries instead of AXES_FAILURE_LIMIT."""

    def get_failures(self, request, credentials=None) -> int:
        per_account, per_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        # Scaled to the account limit, so axes' one comparison serves both.
        scaled = per_address * settings.AXES_FAILURE_LIMIT // settings.KENAL_LOGIN_IP_FAILURE_LIMIT
        return max(per_account, scaled)


def lockout_message() -> str:
    wait = duration(settings.AXES_COOLOFF_TIME.total_seconds(), translation.get_language())
    return _(
        "Too many failed logins. Logging in is paused for %(wait)s, even with the right password. "
        "Wait, then try again, or reset your password."
    ) % {"wait": wait}


def lockout_response(request, original_response=None, credentials=None):
    """The login page again, saying why it refuses (429), instead of axes' bare text."""
    from django.contrib.auth.forms import AuthenticationForm

    form = AuthenticationForm(request, initial={"username": username(request, credentials)})
    context = {"form": form, "locked_out": lockout_message(), "next": request.POST.get("next", "")}
    return render(request, "accounts/login.html", context, status=429)
