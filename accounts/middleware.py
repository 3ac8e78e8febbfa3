from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django_htmx.http import HttpResponseClientRedirect

from . import second_factor

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


def allowed_before_second_factor(view):
    """Mark a view a logged-in user may open before passing the second factor (its own pages, logout)."""
    view.allowed_before_second_factor = True
    return view


class SecondFactorMiddleware:
    """After the password, a user who needs a second factor reaches only its pages until they pass it:
    the setup page (a Bappeda admin without a device) or the code page. Public pages stay open.

    Placed after LoginRequiredMiddleware, which already sent anonymous users to the login page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "login_required", True) or getattr(view_func, "allowed_before_second_factor", False):
            return None
        step = second_factor.pending_step(request)
        if step is None:
            return None
        url = f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}"
        return HttpResponseClientRedirect(url) if getattr(request, "htmx", False) else redirect(url)
