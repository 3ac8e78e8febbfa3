"""Login lockout: django-axes per username and address, plus a higher limit per address alone.

axes counts failures per ``AXES_LOCKOUT_PARAMETERS`` group against one threshold, so a group
``"ip_address"`` would lock a whole office after five typos. The per-address limit across usernames
(password spraying, SECURITY-CHECKLIST AUTH-01/AUTH-05) is added here, from the attempts axes already
records, so it needs no cache and survives a Redis outage. A locked address gets the same lockout
page whatever the username, known or not.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def failures_from_address(request) -> int:
    """Failed logins from the request's client address within the cool-off window, any username."""
    attempts = AccessAttempt.objects.filter(
        ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)
    )
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class PortalAxesHandler(AxesDatabaseHandler):
    def is_locked(self, request, credentials=None) -> bool:
        if super().is_locked(request, credentials):
            return True
        return failures_from_address(request) >= settings.AXES_FAILURE_LIMIT_PER_ADDRESS
