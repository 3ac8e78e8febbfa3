import django_tables2 as tables
from django.template.defaultfilters import date as format_date

from .models import Intervention, Program
from .templatetags.rupiah import rupiah

MONEY = {"td": {"class": "text-end text-nowrap"}, "th": {"class": "text-end"}}


class RupiahColumn(tables.Column):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, attrs=MONEY, **kwargs)

    def render(self, value):
        return rupiah(value)


class IndonesianDateColumn(tables.Column):
    """``1 Maret 2026`` in the active language (id), not the numeric ``DATE_FORMAT``."""

    def render(self, value):
        return format_date(value, "j F Y")


class ProgramTable(tables.Table):
    code = tables.Column("Kode")
    name = tables.Column("Nama program")
    fiscal_year = tables.Column("Tahun")
    cluster = tables.Column("Klaster")
    kind = tables.Column("Jenis", order_by="kind__name")
    lead_agency = tables.Column("Perangkat daerah", order_by="lead_agency__short_name")
    target_count = tables.Column("Sasaran", attrs={"td": {"class": "text-end"}})
    budget_ceiling = RupiahColumn("Pagu")
    is_desaku_maju = tables.BooleanColumn(verbose_name="Desaku Maju", yesno="✔,")
    edit = tables.LinkColumn(
        "programs:program_edit", args=[tables.A("pk")], text="Ubah", verbose_name="", orderable=False
    )

    class Meta:
        model = Program
        fields = []
        sequence = [
            *("code", "name", "fiscal_year", "cluster", "kind", "lead_agency"),
            *("target_count", "budget_ceiling", "is_desaku_maju", "edit"),
        ]
        attrs = {"class": "table table-sm table-hover align-middle", "id": "program-table"}
        orderable = True

    def render_cluster(self, record):
        return f"Klaster {record.cluster}"

    def render_target_count(self, value, record):
        return f"{value} {record.get_target_kind_display().lower()}"


class InterventionTable(tables.Table):
    program = tables.Column(
        "Program", accessor="program__name", order_by="program__name", linkify=lambda record: record.get_absolute_url()
    )
    agency = tables.Column("Perangkat daerah", accessor="agency__short_name", order_by="agency__short_name")
    village = tables.Column("Desa/Kel.", accessor="village__name", order_by="village__name")
    subdistrict = tables.Column(
        "Kecamatan", accessor="village__subdistrict__name", order_by="village__subdistrict__name"
    )
    district = tables.Column("Kabupaten/Kota", accessor="village__district__name", order_by="village__code")
    status = tables.Column("Status")
    planned_budget = RupiahColumn("Anggaran")
    realised_spending = RupiahColumn("Realisasi")
    planned_date = IndonesianDateColumn("Tanggal rencana")
    actual_date = IndonesianDateColumn("Tanggal pelaksanaan", default="—")
    recipient_count = tables.Column("Penerima", attrs={"td": {"class": "text-end"}})

    class Meta:
        model = Intervention
        fields = []
        sequence = [
            *("program", "agency", "village", "subdistrict", "district", "status"),
            *("planned_budget", "realised_spending", "planned_date", "actual_date", "recipient_count"),
        ]
        attrs = {"class": "table table-sm table-hover align-middle", "id": "intervention-table"}
        orderable = True
