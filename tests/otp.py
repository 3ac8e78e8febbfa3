"""Second-factor helpers for tests: a confirmed device, the code an authenticator app would show, and a
test client session that has passed the second factor (as ``force_login`` stands for a whole login)."""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import second_factor


def totp_device(user) -> TOTPDevice:
    """The user's confirmed authenticator device, made if they have none."""
    device = second_factor.confirmed_totp_device(user)
    return device or TOTPDevice.objects.create(user=user, name="Aplikasi uji", confirmed=True)


def totp_code(key: bytes, *, at: float | None = None, step: int = 30) -> str:
    """What an authenticator app shows for this secret at this time (RFC 6238)."""
    counter = int(time.time() if at is None else at) // step
    return f"{hotp(key, counter):06d}"


def current_code(device: TOTPDevice) -> str:
    """A code the device accepts now: the current one, or the next when the current one was used already
    (the device takes codes one step ahead, and never the same step twice)."""
    device.refresh_from_db()
    now = (int(time.time()) - device.t0) // device.step + device.drift
    for counter in (now, now + 1, now - 1):
        if counter > device.last_t and abs(counter - now) <= device.tolerance:
            return f"{hotp(device.bin_key, counter, digits=device.digits):0{device.digits}d}"
    raise AssertionError("every code the device accepts now was used already: wait for the next step")


def needs_second_factor(user) -> bool:
    return second_factor.is_required_for(user) or second_factor.confirmed_totp_device(user) is not None


def pass_second_factor(client, user) -> None:
    """Mark the client's logged-in session as verified with the user's device, as the code page would."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = totp_device(user).persistent_id
    session.save()
