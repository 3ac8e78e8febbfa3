"""Request middleware of the records app: the change context of each request, and 404s of logged-in users."""

from django.urls import reverse

from . import access, audit
from .client import client_address


def request_path(request) -> str:
    """Through which path a request changes data."""
    if request.path.startswith(reverse("admin:index")):
        return audit.Path.ADMIN
    if request.path.startswith("/api/"):
        return audit.Path.API
    if not request.user.is_authenticated:
        return audit.Path.PUBLIC
    return audit.Path.FORM


class ChangeContextMiddleware:
    """Every change a request makes is recorded with its user, address, path and URL (records.audit)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user.pk if request.user.is_authenticated else None
        metadata = {
            "user": user,
            "address": client_address(request),
            "path": request_path(request),
            "url": request.path,
        }
        with audit.context(**metadata):
            return self.get_response(request)


class NotFoundRecordMiddleware:
    """A logged-in user's 404 on a page of one record (an id in the URL) is recorded: probing ids of other
    districts shows as a burst of them (records.alerts)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        if response.status_code == 404 and request.user.is_authenticated and match and match.kwargs:
            access.record_access(request, action=access.AccessAction.NOT_FOUND)
        return response
