"""Program lists as exports (desakumaju.lib.list_exports sends them or has a worker build them;
desakumaju.lib.exports writes, escapes and records them).

Interventions with the same filter as their page; locus villages as ``targeting.locus_village_status``
returns them (at most the province's 2,651 villages: always sent at once, never by a worker); the
priority list with identity numbers as the user may see them.
"""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from beneficiaries.models import Household
from desakumaju.lib.exports import identity_number
from desakumaju.lib.list_exports import ListExport, counted, list_export
from records.models import ExportList

from . import targeting
from .filters import InterventionFilter, with_default_year
from .models import Cluster, Intervention, InterventionStatus, Recipient
from .region_form import RegionForm, selected_year

CHUNK = 2000

HEADERS = [
    *("Tahun", "Kode program", "Program", "Klaster", "Perangkat daerah", "Kode desa", "Desa/Kelurahan"),
    *("Kecamatan", "Kabupaten/Kota", "Kelembagaan", "Komoditas", "Uraian", "Volume", "Satuan", "Status"),
    *("Anggaran rencana (Rp)", "Realisasi (Rp)", "Tanggal rencana", "Tanggal pelaksanaan", "Penerima"),
]
FIELDS = [
    *("program__fiscal_year", "program__code", "program__name", "program__cluster", "agency__short_name"),
    *("village__code", "village__name", "village__subdistrict__name", "village__district__name"),
    *("institution__name", "commodity__name", "description", "quantity", "unit", "status"),
    *("planned_budget", "realised_spending", "planned_date", "actual_date", "recipient_count"),
]
CLUSTER, STATUS = FIELDS.index("program__cluster"), FIELDS.index("status")


def filtered_interventions(*, user, params):
    """(the filter, the interventions it finds) for the list's ``params``, within the user's scope."""
    # A correlated count, run for the rows shown only; a join + GROUP BY would count every recipient of the year.
    recipients = Recipient.objects.filter(intervention=OuterRef("pk")).order_by().values("intervention")
    recipient_count = Coalesce(Subquery(recipients.annotate(n=Count("*")).values("n")), 0)
    interventions = Intervention.objects.visible_to(user).annotate(recipient_count=recipient_count)
    found = InterventionFilter(with_default_year(params), queryset=interventions, user=user)
    return found, (found.qs if found.is_valid() else interventions.none())


@list_export(ExportList.INTERVENTIONS)
def intervention_export(*, user, params, full: bool = False) -> ListExport:
    intervention_filter, found = filtered_interventions(user=user, params=params)
    year = intervention_filter.form.cleaned_data.get("tahun") if intervention_filter.is_valid() else None
    found = found.order_by("program__fiscal_year", "village__code")
    return ListExport(
        name=ExportList.INTERVENTIONS, filename=f"intervensi-{year or 'semua'}", headers=HEADERS,
        rows=lambda: intervention_rows(found), size=counted(found), query=params.urlencode(), sheet_name="Intervensi",
    )  # fmt: skip


def intervention_rows(interventions):
    """``interventions`` must be annotated with ``recipient_count``."""
    for values in interventions.values_list(*FIELDS).iterator(chunk_size=CHUNK):
        row = list(values)
        row[CLUSTER] = Cluster(row[CLUSTER]).label
        row[STATUS] = InterventionStatus(row[STATUS]).label
        yield row


LOCUS_HEADERS = [
    *("Kode desa", "Desa/Kelurahan", "Kecamatan", "Kabupaten/Kota", "Warga terintervensi", "Batas minimal"),
    *("Kekurangan", "Status"),
]


def locus_rows(villages, *, floor: int):
    """``villages``: Village objects with ``reached`` (int) and ``below_floor`` (bool)."""
    for village in villages:
        yield [
            village.code, village.name, village.subdistrict.name, village.district.name, village.reached, floor,
            max(floor - village.reached, 0), "Di bawah batas" if village.below_floor else "Memenuhi batas",
        ]  # fmt: skip


PRIORITY_HEADERS = ["Desil", "Nama", "NIK", "No. KK", "Alamat", "RT", "RW", "Desa/Kelurahan", "Kode desa",
                    "Kecamatan", "Kabupaten/Kota"]  # fmt: skip
PRIORITY_TEXT_COLUMNS = (2, 3)


def priority_rows(persons, *, full: bool):
    """``persons``: ``targeting.priority_list`` (households and regions selected), or None for nothing."""
    for p in persons.iterator(chunk_size=CHUNK) if persons is not None else ():
        h = p.household
        yield [
            h.desil, p.name, identity_number(p.nik, full=full), identity_number(h.no_kk, full=full), h.address,
            h.rt, h.rw, h.village.name, h.village.code, h.village.subdistrict.name, h.village.district.name,
        ]  # fmt: skip


def priority_persons(*, user, params):
    """(the year, the region form, the persons of the priority list; None when the region is invalid)."""
    year, form = selected_year(params), RegionForm(params or None, user=user)
    region = form.region() if form.is_bound else {}
    persons = targeting.priority_list(user=user, year=year, **region) if region is not None else None
    return year, form, persons


@list_export(ExportList.PRIORITY)
def priority_export(*, user, params, full: bool = False) -> ListExport:
    year, _, persons = priority_persons(user=user, params=params)
    households = None if persons is None else Household.objects.filter(pk__in=persons.order_by().values("household"))
    return ListExport(
        name=ExportList.PRIORITY, filename=f"daftar-prioritas-{year}", headers=PRIORITY_HEADERS,
        rows=lambda: priority_rows(persons, full=full), size=counted(persons) if persons is not None else _none,
        query=params.urlencode(), text_columns=PRIORITY_TEXT_COLUMNS, sheet_name="Prioritas",
        full_identity_numbers=full, households=(lambda: households) if households is not None else None,
    )  # fmt: skip


def _none(limit) -> int:
    return 0
