"""The staff queue as export rows: what the queue shows, no personal data of the reporter."""

from django.utils import timezone

from .models import Category, Status

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
