"""The staff queue as an export: what the queue shows, no personal data of the reporter
(desakumaju.lib.list_exports sends it or has a worker build it)."""

from django.utils import timezone

from desakumaju.lib.list_exports import ListExport, counted, list_export
from records.models import ExportList

from .filters import TicketFilter
from .models import Category, Status, Ticket

HEADERS = [
    *("Kode", "Jenis", "Desa/Kelurahan", "Kode desa", "Kabupaten/Kota", "Status", "Petugas", "Diajukan"),
    *("Batas waktu", "Lewat batas waktu"),
]


def ticket_rows(tickets):
    now = timezone.now()
    tickets = tickets.select_related("village__district", "assignee").order_by("due_at", "pk")
    for t in tickets.iterator(chunk_size=2000):
        assignee = (t.assignee.get_full_name() or t.assignee.username) if t.assignee else ""
        yield [
            t.code, Category(t.category).label, t.village.name, t.village.code, t.village.district.name,
            Status(t.status).label, assignee, t.created_at, t.due_at, t.is_open and t.due_at < now,
        ]  # fmt: skip


def filtered_tickets(*, user, params):
    """(the user's workable tickets, the queue's filter, the tickets it finds) for ``params``."""
    tickets = Ticket.objects.workable_by(user)
    ticket_filter = TicketFilter(params, queryset=tickets, user=user)
    return tickets, ticket_filter, (ticket_filter.qs if ticket_filter.is_valid() else tickets.none())


@list_export(ExportList.COMPLAINTS)
def ticket_export(*, user, params, full: bool = False) -> ListExport:
    _, _, found = filtered_tickets(user=user, params=params)
    return ListExport(
        name=ExportList.COMPLAINTS, filename="pengaduan", headers=HEADERS, rows=lambda: ticket_rows(found),
        size=counted(found), query=params.urlencode(), sheet_name="Pengaduan",
    )  # fmt: skip
