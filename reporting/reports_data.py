"""BAB 2 of the LP2KD: the regional profile and the registry by desil, counted with GROUP BY."""

from django.db.models import Count, Q

from beneficiaries.models import Household, HouseholdStatus, Person
from villages.models import IdmStatus, Village, VillageKind, VillageYear

from .reports_models import Report
from .reports_scope import Units, in_scope
from .reports_tables import INTEGER, Column, Table, column_sums

DESILS = range(1, 11)


def grouped(queryset, key: str, **aggregates) -> dict:
    """``{key value: {aggregate: value}}`` from one GROUP BY query."""
    rows = queryset.order_by().values(key).annotate(**aggregates)
    return {row.pop(key): row for row in rows}


def counted(queryset, *keys: str) -> dict:
    """``{(key values…): count}`` from one GROUP BY query."""
    rows = queryset.order_by().values_list(*keys).annotate(n=Count("*"))
    return {tuple(row[:-1]): row[-1] for row in rows}


def region_table(report: Report, units: Units) -> Table:
    villages = grouped(
        in_scope(Village.objects, report, "district"),
        units.lookup,
        subdistricts=Count("subdistrict", distinct=True),
        desa=Count("pk", filter=Q(kind=VillageKind.DESA)),
        kelurahan=Count("pk", filter=Q(kind=VillageKind.KELURAHAN)),
    )
    years = in_scope(VillageYear.objects, report, "village__district").filter(year=report.year)
    idm = counted(years.exclude(idm_status=""), f"village__{units.lookup}", "idm_status")
    locus = counted(years.filter(is_locus=True), f"village__{units.lookup}")
    columns = [
        Column("Kode"), Column(units.title), Column("Kecamatan", INTEGER), Column("Desa", INTEGER),
        Column("Kelurahan", INTEGER), Column(f"Desa lokus {report.year}", INTEGER),
        *[Column(f"IDM {status.label}", INTEGER) for status in IdmStatus],
    ]  # fmt: skip
    rows = []
    for pk, code, name in units.rows:
        found = villages.get(pk, {})
        counts = [found.get("subdistricts", 0), found.get("desa", 0), found.get("kelurahan", 0)]
        rows.append([code, name, *counts, locus.get((pk,), 0), *[idm.get((pk, s), 0) for s in IdmStatus.values]])
    return Table("Wilayah", f"Wilayah administrasi dan status desa {report.year}", columns, rows,
                 column_sums(rows, columns, "Jumlah"))  # fmt: skip


def desil_table(report: Report, units: Units) -> Table:
    households = in_scope(Household.objects, report, "village__district").active()
    by_desil = counted(households, f"village__{units.lookup}", "desil")
    persons = counted(
        in_scope(Person.objects, report, "household__village__district").filter(
            household__status=HouseholdStatus.ACTIVE
        ),
        f"household__village__{units.lookup}",
    )
    columns = [
        Column("Kode"), Column(units.title), *[Column(f"Desil {d}", INTEGER) for d in DESILS],
        Column("Tanpa desil", INTEGER), Column("Jumlah keluarga", INTEGER), Column("Jumlah jiwa", INTEGER),
    ]  # fmt: skip
    rows = []
    for pk, code, name in units.rows:
        counts = [by_desil.get((pk, d), 0) for d in (*DESILS, None)]
        rows.append([code, name, *counts, sum(counts), persons.get((pk,), 0)])
    note = "Keluarga berstatus aktif di registri BNBA saat laporan disusun, menurut desil terbarunya."
    return Table("Registri per Desil", "Keluarga miskin per desil kesejahteraan", columns, rows,
                 column_sums(rows, columns, "Jumlah"), note)  # fmt: skip


def desil_totals(table: Table) -> dict[int, int]:
    """Households per desil over the whole scope, from the desil table's total row."""
    return {d: table.total[1 + d] for d in DESILS}
