from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone

from . import second_factor
from .middleware import LOGIN_AT


@receiver(user_logged_in)
def remember_login_time(sender, request, user, **kwargs):
    request.session[LOGIN_AT] = timezone.now().timestamp()


@receiver(user_logged_in)
def remember_whether_a_second_factor_is_owed(sender, request, user, **kwargs):
    """Decided once per login for users who may go without one (turning it on ends other sessions), so that
    their requests cost no device look-up."""
    request.session[second_factor.OWED] = second_factor.confirmed_totp_device(user) is not None
