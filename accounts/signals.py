from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone

from .middleware import LOGIN_AT


@receiver(user_logged_in)
def remember_login_time(sender, request, user, **kwargs):
    request.session[LOGIN_AT] = timezone.now().timestamp()
