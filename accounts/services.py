"""Writes to a user's second factor: confirming a new device, recovery codes, an admin's reset."""

import logging

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User

logger = logging.getLogger(__name__)


@transaction.atomic
def confirm_totp_device(*, device: TOTPDevice) -> list[str]:
    """Confirm the device being set up, once it accepted a code from the app (which proves the app has the
    secret); return the new recovery codes, to be shown once.

    The user's other sessions end, as at a password change: someone who knew the password and logged in
    before does not go on without the code.
    """
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.user.end_sessions()
    logger.info("Verifikasi dua langkah diaktifkan (pengguna #%s)", device.user_id)
    return issue_recovery_codes(user=device.user)


@transaction.atomic
def issue_recovery_codes(*, user: User) -> list[str]:
    """New one-time recovery codes; earlier ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Kode cadangan")
    codes = [StaticToken.random_token() for _ in range(settings.OTP_RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def reset_second_factor(*, user: User, actor: User) -> None:
    """Remove the user's devices (lost phone): a Bappeda admin sets it up again at the next login.

    A session that passed with a removed device is no longer verified. Recorded with the actor, never
    with a secret.
    """
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    logger.warning("Verifikasi dua langkah %s diatur ulang oleh %s", user.get_username(), actor.get_username())
