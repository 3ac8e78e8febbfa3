"""Periodic work of the public complaint channel."""

from captcha.models import CaptchaStore
from celery import shared_task
from django.utils import timezone


@shared_task
def remove_expired_captchas() -> int:
    """Delete the CAPTCHA challenges nobody answered in time: each view of the form at a limit stores one."""
    # CaptchaStore.remove_expired() does the same but does not say how many it deleted.
    deleted, _ = CaptchaStore.objects.filter(expiration__lte=timezone.now()).delete()
    return deleted
