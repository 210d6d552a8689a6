"""What every view does the same way: go back only to our own pages, and show a service's refusal
(a command uses the same refusal mechanism, ending in a CommandError)."""

from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from kenal.lib.roles import at_least


def absolute_url(path: str) -> str:
    """A full address for outside Kenal (calendar feeds, webhooks, invitations, password resets), built
    from KENAL_BASE_URL: never from the request's Host header, which the sender chooses."""
    return settings.KENAL_BASE_URL.rstrip("/") + "/" + path.lstrip("/")


def safe_next(request, url: str | None) -> str | None:
    """The address to return to after a form, or None when it would leave this site."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None


def redirect_back(request, url: str | None, fallback, *args, **kwargs):
    """Redirect to `url` when it is one of our pages, else to `fallback` (a URL name, model or path)."""
    return redirect(safe_next(request, url) or fallback, *args, **kwargs)


@dataclass
class Outcome:
    ok: bool = True
    error: ValidationError | None = None


@contextmanager
def service_errors(form=None, *, request=None, command: bool = False):
    """Run a service; its ValidationError becomes the form's errors (or a message) and `outcome.ok` is False.

    With `command=True` (management commands) it becomes a CommandError with the messages instead."""
    outcome = Outcome()
    try:
        yield outcome
    except ValidationError as error:
        outcome.ok, outcome.error = False, error
        if form is not None:
            _add_to_form(form, error)
        elif request is not None:
            messages.error(request, " ".join(error.messages))
        elif command:
            raise CommandError(" ".join(error.messages)) from None
        else:
            raise


def _add_to_form(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def role_required(role: str):
    """A view or API endpoint only `role` and above may use; others get a 403 (the API answers it in JSON)."""

    def decorate(view):
        @wraps(view)
        def check(request, *args, **kwargs):
            if not at_least(getattr(request, "role", None), role):
                raise PermissionDenied(_("Only an owner or an admin of this workspace may do that."))
            return view(request, *args, **kwargs)

        return check

    return decorate


def int_param(value, default: int | None = None) -> int | None:
    """A whole number from a query or form value ("14", "", None, "abc"), or `default` when it is none."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
