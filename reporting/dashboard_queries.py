"""The dashboard's GROUP BY queries: a few per page, whatever the number of districts, each grouped by
village (the finest level) so that every level above is a sum in Python (reporting.dashboard_numbers)."""

from collections import defaultdict

from django.db.models import Count, Exists, F, OuterRef, Sum

from beneficiaries.models import Household, Person
from programs import targeting
from programs.models import Intervention, Recipient, semester_happened
from villages.models import Subdistrict, Village, VillageYear

from .dashboard_filters import Filters
from .dashboard_numbers import Numbers, Work, add_reach_row, add_registry_row, mark_locus


def registry_rows(district_ids) -> dict[int, list[tuple]]:
    """``{district pk: [(village, desil, status, households, persons), …]}``: the registry's share of the
    numbers, the same whatever the filters (so cached apart from them, ``dashboard_cache``)."""
    cells = defaultdict(lambda: [0, 0])
    for index, (manager, prefix) in enumerate(((Household.objects, ""), (Person.objects, "household__"))):
        rows = (
            manager.filter(**{f"{prefix}village__district__in": district_ids})
            .order_by()
            .values_list(f"{prefix}village__district", f"{prefix}village", f"{prefix}desil", f"{prefix}status")
            .annotate(n=Count("*"))
        )
        for *key, n in rows:
            cells[tuple(key)][index] = n
    found = {pk: [] for pk in district_ids}
    for (district, village, desil, status), (households, persons) in cells.items():
        found[district].append((village, desil, status, households, persons))
    return found


def village_numbers(district_ids, filters: Filters, registry: dict[int, list[tuple]]) -> dict[int, Numbers]:
    """Numbers of every village of these districts (villages without data get empty Numbers), from
    ``registry`` (``registry_rows``) and the queries of the filtered work and reach."""
    villages = defaultdict(Numbers)
    for rows in registry.values():
        for village, desil, status, households, persons in rows:
            add_registry_row(villages[village], desil=desil, status=status, households=households, persons=persons)
    for row in _reach(district_ids, filters):
        add_reach_row(villages[row["g_village"]], desil=row["g_desil"], persons=row["n"])
    for village_id in VillageYear.objects.filter(
        village__district__in=district_ids, year=filters.year, is_locus=True
    ).values_list("village", flat=True):
        mark_locus(villages[village_id])
    _add_work(villages, district_ids, filters)
    return villages


def _reach(district_ids, filters: Filters) -> list[dict]:
    """Distinct persons reached in the year, by village and desil: reached through their household,
    plus reached in person and not through their household (no one counted twice). The year's
    receipts narrowed to the chosen semester, cluster, program and agency.

    Two queries, because each correlates on one column and PostgreSQL runs it as a hash semi- (or
    anti-) join; one EXISTS on "person or household" is probed per person (bench-web: 3.4 s → 1.3 s
    on 3,000,000 persons)."""
    receipts = targeting.receipts(year=filters.year, cluster=filters.cluster).filter(
        filters.interventions_q("intervention__")
    )
    if filters.semester:
        receipts = receipts.alias(happened=semester_happened("intervention__")).filter(happened=filters.semester)
    through_household = Exists(receipts.filter(household=OuterRef("household_id")))
    in_person = Exists(receipts.filter(person=OuterRef("pk")))
    persons = Person.objects.filter(household__village__district__in=district_ids).order_by()
    reached = defaultdict(int)
    for found in (persons.filter(through_household), persons.filter(in_person).exclude(through_household)):
        for village, desil, n in found.values_list("household__village", "household__desil").annotate(n=Count("*")):
            reached[village, desil] += n
    return [{"g_village": village, "g_desil": desil, "n": n} for (village, desil), n in reached.items()]


WORK_DIMENSIONS = ("village", "year", "semester", "cluster", "agency", "commodity")


def _work_rows(queryset, prefix: str, measures: dict):
    return (
        queryset.order_by()
        .values(
            g_village=F(f"{prefix}village"),
            g_year=F(f"{prefix}program__fiscal_year"),
            g_semester=semester_happened(prefix),
            g_cluster=F(f"{prefix}program__cluster"),
            g_agency=F(f"{prefix}agency"),
            g_commodity=F(f"{prefix}commodity"),
        )
        .annotate(**measures)
    )


def _add_work(villages, district_ids, filters: Filters) -> None:
    """Interventions, budgets and recipients by village, year, semester, cluster, agency and commodity."""
    interventions = Intervention.objects.filter(village__district__in=district_ids).filter(filters.interventions_q())
    recipients = Recipient.objects.filter(intervention__village__district__in=district_ids).filter(
        filters.interventions_q("intervention__")
    )
    cells = defaultdict(Work)
    for row in _work_rows(
        interventions, "", {"n": Count("*"), "planned": Sum("planned_budget"), "realised": Sum("realised_spending")}
    ):
        cell = cells[tuple(row[f"g_{name}"] for name in WORK_DIMENSIONS)]
        cell.interventions, cell.planned, cell.realised = row["n"], row["planned"] or 0, row["realised"] or 0
    for row in _work_rows(recipients, "intervention__", {"n": Count("*")}):
        cells[tuple(row[f"g_{name}"] for name in WORK_DIMENSIONS)].recipients = row["n"]
    for (village, year, semester, cluster, agency, commodity), work in cells.items():
        numbers = villages[village]
        numbers.trend[(year, semester)].add(work)
        if year == filters.year and filters.semester in (None, semester):
            for breakdown, key in (
                (numbers.by_cluster, cluster),
                (numbers.by_agency, agency),
                (numbers.by_commodity, commodity),
            ):
                breakdown[key].add(work)
            numbers.work.add(work)


def regions_of(district_ids) -> tuple[list[tuple], list[tuple]]:
    """The kecamatan and villages of these districts (pk, code, name, parent pk), for the drill-down tables."""
    subdistricts = list(
        Subdistrict.objects.filter(district__in=district_ids).values_list("pk", "code", "name", "district")
    )
    villages = list(Village.objects.filter(district__in=district_ids).values_list("pk", "code", "name", "subdistrict"))
    return subdistricts, villages
