"""Who needs a second factor, and checking a code (SECURITY-CHECKLIST AUTH-01 (5)).

A TOTP device from an authenticator app is the second factor; a static device holds the one-time
recovery codes. Bappeda admins must have one; other users may enable it, and once they have, it is
asked at each login like an admin's. Devices come from django-otp, which also throttles wrong codes:
after n failures in a row a device refuses every code for 2^(n-1) seconds.
"""

import logging
import re
from base64 import b32encode, b64encode
from io import BytesIO

import django_otp
import qrcode
import qrcode.image.svg
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Role

logger = logging.getLogger(__name__)
SETUP = "accounts:otp_setup"
VERIFY = "accounts:otp_verify"
OWED = "accounts_second_factor_owed"  # session key
TOTP_CODE = re.compile(r"^\d{6}$")


class WrongCode(Exception):
    """The code matches no device of the user (or not the one being set up)."""


class TooManyWrongCodes(Exception):
    """The device refuses codes for a while after wrong ones in a row."""

    def __init__(self, seconds: int):
        super().__init__(seconds)
        self.seconds = seconds


def is_required_for(user) -> bool:
    return user.role == Role.BAPPEDA_ADMIN


def confirmed_totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_step(request) -> str | None:
    """The URL name of the step this session still has to pass (set up or verify), or None.

    Remembered on the request: the middleware and the navigation ask it on the same request.
    """
    if not hasattr(request, "_second_factor_step"):
        request._second_factor_step = _pending_step(request)
    return request._second_factor_step


def _pending_step(request) -> str | None:
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return None
    # Admins always; others when they had a device at login (accounts.signals), not on every request.
    if not (is_required_for(user) or request.session.get(OWED)):
        return None
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return VERIFY
    return SETUP if is_required_for(user) else None


def pending_totp_device(user) -> TOTPDevice:
    """The device being set up: the same secret however often the setup page is opened."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Aplikasi autentikator", confirmed=False)


def check_code(user, devices, code: str):
    """The device among ``devices`` that accepts ``code`` (a TOTP code or a recovery code).

    Only the device the code's shape points to is tried, so a wrong code slows down that one only.
    Raises WrongCode or TooManyWrongCodes.
    """
    code = normalise_code(code)
    kind = TOTPDevice if TOTP_CODE.match(code) else StaticDevice
    device = next((device for device in devices if isinstance(device, kind)), None)
    if device is None:
        raise WrongCode
    allowed, details = device.verify_is_allowed()
    if not allowed:
        raise TooManyWrongCodes(_seconds_until(details.get("locked_until")))
    if django_otp.verify_token(user, device.persistent_id, code) is None:
        logger.warning("Kode verifikasi dua langkah salah (pengguna #%s)", user.pk)
        raise WrongCode
    return device


def normalise_code(code: str) -> str:
    """Recovery codes may be typed with spaces, dashes or capitals."""
    return re.sub(r"[\s-]", "", code).lower()


def _seconds_until(moment) -> int:
    if moment is None:
        return 1
    return max(1, int((moment - timezone.now()).total_seconds() + 0.999))


def devices_to_verify(user) -> list:
    return [*TOTPDevice.objects.filter(user=user, confirmed=True), *StaticDevice.objects.filter(user=user)]


def complete(request, device) -> None:
    """Mark the session as having passed the second factor, under a new session key."""
    request.session.cycle_key()
    django_otp.login(request, device)
    request._second_factor_step = None


def secret_text(device: TOTPDevice) -> str:
    """The secret as authenticator apps take it when typed: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The device's otpauth:// URL as a QR code, drawn here (no third party sees the secret)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + b64encode(buffer.getvalue()).decode()
