"""The complaints tile of the dashboard: open and overdue tickets of the region shown, live.

Counted through ``Ticket.objects.visible_to(user)`` in one COUNT query (conditional aggregation) and
never cached: a ticket closed a moment ago must not linger on the dashboard. The links lead to the
staff queue, so only the roles that may open the queue get them; viewers (pimpinan/TKPK) read the
counts only.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from .models import QUEUE_ROLES, Ticket


@dataclass(frozen=True)
class TicketCounts:
    open: int
    overdue: int
    open_url: str | None = None
    overdue_url: str | None = None


def _in_region(tickets, region):
    """Tickets of the region: a village, a kecamatan, a kabupaten/kota, or (neither) the province."""
    if region.village is not None:
        return tickets.filter(village=region.village.pk)
    if region.subdistrict is not None:
        return tickets.filter(village__subdistrict=region.subdistrict.pk)
    if region.district is not None:
        return tickets.filter(village__district=region.district.pk)
    return tickets


def _queue_url(region, **params) -> str:
    """The staff queue filtered to the region with the queue's own parameters (complaints/filters.py)."""
    return f"{reverse('complaints:queue')}?{urlencode({**params, **region.params})}"


def ticket_counts(user, region, *, now=None) -> TicketCounts:
    """Open tickets in ``region`` the user may see, how many of them are overdue, and queue links for queue roles."""
    now = now or timezone.now()
    tickets = _in_region(Ticket.objects.visible_to(user).open(), region)
    # The same rule as TicketQuerySet.overdue(): open and past due_at.
    counts = tickets.aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(due_at__lt=now)))
    if not (user.is_active and user.role in QUEUE_ROLES):
        return TicketCounts(counts["open"], counts["overdue"])
    return TicketCounts(
        counts["open"],
        counts["overdue"],
        open_url=_queue_url(region, status="terbuka"),
        overdue_url=_queue_url(region, overdue="true"),
    )
