import django_tables2 as tables
from django.template.defaultfilters import date as format_date
from django.utils import timezone

from .models import Ticket


class TicketTable(tables.Table):
    code = tables.Column("Kode", linkify=lambda record: record.get_absolute_url())
    category = tables.Column("Jenis")
    village = tables.Column("Desa/Kel.", accessor="village__name", order_by="village__name")
    district = tables.Column("Kabupaten/Kota", accessor="village__district__name", order_by="village__code")
    status = tables.Column("Status")
    assignee = tables.Column("Petugas", default="—", order_by="assignee__username")
    created_at = tables.Column("Diajukan")
    due_at = tables.Column("Batas waktu")

    class Meta:
        model = Ticket
        fields = []
        sequence = ["code", "category", "village", "district", "status", "assignee", "created_at", "due_at"]
        attrs = {"class": "table table-sm table-hover align-middle", "id": "ticket-table"}
        row_attrs = {
            "class": lambda record: "table-danger" if record.is_overdue else "",
            "data-overdue": lambda record: "1" if record.is_overdue else "0",
        }
        orderable = True

    def render_assignee(self, value):
        return value.get_full_name() or value.username

    def render_created_at(self, value):
        return format_date(timezone.localtime(value), "j M Y H.i")

    def render_due_at(self, value, record):
        due = format_date(timezone.localtime(value), "j M Y H.i")
        return f"{due} · lewat batas" if record.is_overdue else due
