"""Logins go into the access log: the breach signal on one account logging in from many addresses."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .access import AccessAction, record_access_for
from .client import client_address


@receiver(user_logged_in, dispatch_uid="records-login")
def record_login(sender, request, user, **kwargs):
    if request is not None:
        record_access_for(user, action=AccessAction.LOGIN, address=client_address(request), path=request.path)
