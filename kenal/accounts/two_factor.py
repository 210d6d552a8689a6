"""Two-factor authentication: a TOTP authenticator app, plus 10 single-use recovery codes (django-otp)."""

import time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kenal.accounts.models import Membership, User, Workspace

RECOVERY_CODES = 10
# The session remembers, from the login on, that this user still owes a code (see TwoFactorMiddleware).
PENDING = "kenal_two_factor_pending"


def two_factor_enabled(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def totp_pending_device(user: User) -> TOTPDevice:
    """The authenticator being set up: shown as a QR code until a first code confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Kenal", confirmed=False)


@transaction.atomic
def totp_confirm(*, user: User, code: str) -> list[str]:
    """Turn two-factor on with the first code from the app; returns the recovery codes, shown once."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(_clean(code)):
        raise ValidationError(
            _("That code is not right. Type the 6 digits your authenticator app shows now."), code="code"
        )
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_renew(user)


@transaction.atomic
def totp_enable(*, user: User) -> tuple[str, list[str]]:
    """For administrators (`kenal otp enable`): a confirmed authenticator at once, its otpauth:// URI and codes."""
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name="Kenal", confirmed=True)
    return device.config_url, recovery_codes_renew(user)


def recovery_codes_renew(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def code_device(user: User, code: str):
    """The device a code belongs to (an authenticator code, or a recovery code, which is used up), or None."""
    code = _clean(code)
    if not code:
        return None
    return next((device for device in devices_for_user(user) if device.verify_token(code)), None)


def verify(request, code: str) -> bool:
    """The second step of logging in: a right code marks the session verified."""
    device = code_device(request.user, code)
    if device is None:
        return False
    otp_login(request, device)
    request.session.pop(PENDING, None)
    return True


def verify_with_device(request) -> None:
    """Mark this session verified with the user's authenticator, just confirmed in it."""
    otp_login(request, TOTPDevice.objects.get(user=request.user, confirmed=True))
    request.session.pop(PENDING, None)


@transaction.atomic
def two_factor_disable(*, user: User, code: str) -> None:
    """Turn two-factor off; it takes a current code, so a borrowed session alone can't."""
    if code_device(user, code) is None:
        raise ValidationError(
            _("That code is not right, so two-factor authentication stays on."), code="code"
        )
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).delete()


def two_factor_disable_for(*, user: User) -> None:
    """For administrators (`kenal otp disable`), when someone lost their phone and their recovery codes."""
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).delete()


def workspace_require_two_factor(*, workspace: Workspace, user: User, required: bool) -> Workspace:
    """An owner makes two-factor a condition of working in the workspace."""
    if not Membership.objects.filter(workspace=workspace, user=user, role=Membership.Role.OWNER).exists():
        raise PermissionDenied(_("Only an owner of this workspace may do that."))
    workspace.require_two_factor = required
    workspace.save(update_fields=["require_two_factor"])
    return workspace


CHECKED = "kenal_two_factor_checked"
RECHECK_SECONDS = 60


def login_started(sender, request, user, **kwargs):
    """On every login: does this session still owe a second factor?"""
    if request is not None and hasattr(request, "session"):
        request.session[CHECKED] = int(time.time())
        if two_factor_enabled(user):
            request.session[PENDING] = True


def recheck(request) -> bool:
    """Sessions opened before two-factor was turned on (on another device, say) owe a code too: each
    unverified session looks again at most once a minute, so pages cost no extra query."""
    now = int(time.time())
    if now - request.session.get(CHECKED, 0) < RECHECK_SECONDS:
        return False
    request.session[CHECKED] = now
    if two_factor_enabled(request.user):
        request.session[PENDING] = True
        return True
    return False


def _clean(code: str) -> str:
    return "".join((code or "").split()).replace("-", "")
