from django.conf import settings
from django.contrib.auth import logout
from django.utils import timezone

LOGIN_AT = "accounts_login_at"


class SessionLifetimeMiddleware:
    """End a session SESSION_MAX_LIFETIME after login, however active it is.

    The idle limit is Django's own: SESSION_COOKIE_AGE renewed on every request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.setdefault(LOGIN_AT, timezone.now().timestamp())
            if timezone.now().timestamp() - started > settings.SESSION_MAX_LIFETIME.total_seconds():
                logout(request)
        return self.get_response(request)
