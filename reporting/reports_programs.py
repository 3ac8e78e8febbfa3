"""BAB 3 of the LP2KD: programs and activities per agency (target, realisation, budget, recipients),
by cluster and by region, and the status of the locus villages."""

from django.db.models import Count, Q, Sum

from beneficiaries.models import Person
from programs.models import Cluster, Recipient, TargetKind
from programs.models.assignments import DELIVERED
from programs.targeting import LOCUS_FLOOR
from villages.models import IdmStatus, Village

from .reports_data import counted
from .reports_models import Report
from .reports_scope import Units, in_scope, period_interventions, reach_receipts, reached_persons_by
from .reports_tables import INTEGER, PERCENT, RUPIAH, Column, Table, column_sums, share

MONEY = {"planned": Sum("planned_budget"), "realised": Sum("realised_spending")}


def _recipients_by(interventions, *keys: str) -> dict:
    """Recipients (persons and households picked) of ``interventions``, grouped by intervention fields."""
    chosen = Recipient.objects.filter(intervention__in=interventions.values("pk"))
    return counted(chosen, *[f"intervention__{key}" for key in keys])


def program_table(report: Report) -> Table:
    interventions = period_interventions(report)
    keys = ("program", "agency")
    found = (
        interventions.order_by()
        .values(*keys, "program__cluster", "agency__name", "program__code", "program__name")
        .annotate(activities=Count("*"), delivered=Count("pk", filter=Q(status__in=DELIVERED)), **MONEY)
        .values(*keys, "program__cluster", "agency__name", "program__code", "program__name", "activities",
                "delivered", "planned", "realised", "program__target_count", "program__target_kind",
                "program__budget_ceiling")
        .order_by("program__cluster", "agency__name", "program__code")
    )  # fmt: skip
    recipients = _recipients_by(interventions, *keys)
    columns = [
        Column("Klaster"), Column("Perangkat daerah"), Column("Kode"), Column("Program"),
        Column("Sasaran program", INTEGER), Column("Satuan sasaran"), Column("Pagu program", RUPIAH),
        Column("Kegiatan", INTEGER), Column("Kegiatan selesai", INTEGER), Column("Penerima", INTEGER),
        Column("Anggaran rencana", RUPIAH), Column("Realisasi anggaran", RUPIAH), Column("Realisasi (%)", PERCENT),
    ]  # fmt: skip
    rows = [
        [Cluster(row["program__cluster"]).label, row["agency__name"], row["program__code"], row["program__name"],
         row["program__target_count"], TargetKind(row["program__target_kind"]).label,
         row["program__budget_ceiling"], row["activities"], row["delivered"],
         recipients.get((row["program"], row["agency"]), 0), row["planned"], row["realised"],
         share(row["realised"], row["planned"])]
        for row in found
    ]  # fmt: skip
    total = ["Jumlah", "", "", "", None, "", None, *_sums(rows, 7, 12), None]
    total[-1] = share(total[11], total[10])
    note = "Kegiatan yang tidak dibatalkan; pagu dan sasaran adalah milik program (seluruh wilayahnya)."
    return Table("Program per OPD", "Program dan kegiatan per perangkat daerah", columns, rows, total, note)


def _sums(rows: list[list], start: int, stop: int) -> list[int]:
    return [sum(row[index] or 0 for row in rows) for index in range(start, stop)]


def cluster_table(report: Report) -> Table:
    interventions = period_interventions(report)
    found = counted(interventions, "program__cluster")
    money = {
        row["program__cluster"]: row for row in interventions.order_by().values("program__cluster").annotate(**MONEY)
    }
    recipients = _recipients_by(interventions, "program__cluster")
    columns = [
        Column("Klaster"), Column("Kegiatan", INTEGER), Column("Penerima", INTEGER),
        Column("Anggaran rencana", RUPIAH), Column("Realisasi anggaran", RUPIAH), Column("Realisasi (%)", PERCENT),
    ]  # fmt: skip
    rows = []
    for cluster in Cluster:
        planned, realised = (money.get(cluster.value, {}).get(key) or 0 for key in ("planned", "realised"))
        activities, picked = found.get((cluster.value,), 0), recipients.get((cluster.value,), 0)
        rows.append([cluster.label, activities, picked, planned, realised, share(realised, planned)])
    total = column_sums(rows, columns, "Jumlah", skip=1)
    total[-1] = share(total[4], total[3])
    return Table("Rekap Klaster", "Rekapitulasi per klaster", columns, rows, total)


def region_cluster_table(report: Report, units: Units) -> Table:
    interventions = period_interventions(report)
    unit = f"village__{units.lookup}"
    money = {
        (row[unit], row["program__cluster"]): row
        for row in interventions.order_by().values(unit, "program__cluster").annotate(activities=Count("*"), **MONEY)
    }
    recipients = _recipients_by(interventions, unit, "program__cluster")
    columns = [
        Column("Kode"), Column(units.title), Column("Klaster"), Column("Kegiatan", INTEGER),
        Column("Penerima", INTEGER), Column("Anggaran rencana", RUPIAH), Column("Realisasi anggaran", RUPIAH),
        Column("Realisasi (%)", PERCENT),
    ]  # fmt: skip
    rows = []
    for pk, code, name in units.rows:
        for cluster in Cluster:
            found = money.get((pk, cluster.value))
            if found:
                picked = recipients.get((pk, cluster.value), 0)
                planned, realised = found["planned"] or 0, found["realised"] or 0
                rows.append([code, name, f"Klaster {cluster.value}", found["activities"], picked, planned, realised,
                             share(realised, planned)])  # fmt: skip
    total = column_sums(rows, columns, "Jumlah", skip=3)
    total[-1] = share(total[6], total[5])
    return Table("Klaster per Wilayah", f"Kegiatan per klaster dan {units.title.lower()}", columns, rows, total)


def locus_table(report: Report) -> Table:
    villages = (
        in_scope(Village.objects, report, "district")
        .with_year(report.year)
        .filter(is_locus=True)
        .order_by("code")
        .values_list("pk", "district__name", "subdistrict__name", "code", "name", "idm_status")
    )
    villages = list(villages)
    persons = Person.objects.filter(household__village__in=[v[0] for v in villages])
    reached = reached_persons_by(persons, reach_receipts(report), "household__village")
    columns = [
        Column("Kabupaten/Kota"), Column("Kecamatan"), Column("Kode desa"), Column("Desa/Kelurahan"),
        Column("Status IDM"), Column("Warga terjangkau", INTEGER), Column(f"Memenuhi minimal {LOCUS_FLOOR}"),
    ]  # fmt: skip
    rows = []
    for pk, district, subdistrict, code, name, idm in villages:
        count = reached.get(pk, 0)
        idm_label = IdmStatus(idm).label if idm else ""
        rows.append([district, subdistrict, code, name, idm_label, count, "Ya" if count >= LOCUS_FLOOR else "Belum"])
    meeting = sum(1 for row in rows if row[-1] == "Ya")
    total = [f"{len(rows)} desa lokus", "", "", "", "", sum(row[5] for row in rows), f"{meeting} memenuhi"]
    note = (
        f"Warga (jiwa) yang menerima intervensi tahun {report.year} sampai akhir periode, langsung atau "
        f"melalui keluarganya; desa lokus wajib menjangkau minimal {LOCUS_FLOOR} warga miskin."
    )
    return Table("Desa Lokus", f"Status desa lokus Desaku Maju {report.year}", columns, rows, total, note)
