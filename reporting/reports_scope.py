"""What a report covers: whose data (scope), which rows (units) and which interventions (period).

Scope is decided at generation: every query starts from ``visible_to(report.requested_by)`` and a
district report is narrowed to its district (SECURITY-CHECKLIST EXP-02), so a report never holds
more than its requester may see. A province report has a row per kabupaten/kota, a district
report a row per kecamatan.

Period: the interventions of programs of the report's fiscal year, not cancelled; a semester
report keeps those whose semester (of the actual date, else the planned date) is its semester:
the rule ``programs.locking`` uses to lock approved semesters.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef

from programs.models import Intervention, InterventionStatus, semester_happened
from programs.targeting import receipts
from villages.models import District, Subdistrict

from .reports_models import Report


@dataclass(frozen=True)
class Units:
    """The rows of the regional tables: ``lookup`` reaches a unit from a village."""

    lookup: str
    title: str
    rows: list[tuple[int, str, str]]  # (pk, code, name)


def units_of(report: Report) -> Units:
    user = report.requested_by
    if report.district_id:
        subdistricts = Subdistrict.objects.visible_to(user).filter(district=report.district_id)
        return Units("subdistrict", "Kecamatan", list(subdistricts.order_by("code").values_list("pk", "code", "name")))
    districts = District.objects.visible_to(user).order_by("code")
    return Units("district", "Kabupaten/Kota", list(districts.values_list("pk", "code", "name")))


def in_scope(queryset, report: Report, district_path: str):
    """``queryset`` as the requester sees it, narrowed to the report's district when it has one."""
    scoped = queryset.visible_to(report.requested_by)
    return scoped.filter(**{district_path: report.district_id}) if report.district_id else scoped


def period_interventions(report: Report):
    interventions = in_scope(Intervention.objects, report, "village__district").filter(program__fiscal_year=report.year)
    interventions = interventions.exclude(status=InterventionStatus.CANCELLED)
    if report.semester:
        interventions = interventions.alias(period_semester=semester_happened()).filter(period_semester=report.semester)
    return interventions


def reach_receipts(report: Report):
    """Receipts that count as reach for the report: the fiscal year's, up to the end of its period.

    Reach is a fact about a person, so every agency's interventions count (``programs.targeting``).
    """
    found = receipts(year=report.year)
    if report.semester == 1:
        found = found.alias(period_semester=semester_happened("intervention__")).filter(period_semester=1)
    return found


def reached_persons_by(persons, found, key: str) -> dict:
    """``{key value: persons reached}`` by ``found`` receipts, directly or as members of a household that
    received. Counted in two GROUP BY queries without OR (which PostgreSQL cannot run as a join over a
    million receipts): members of households that received, plus those reached only in person."""
    via_household = Exists(found.filter(household=OuterRef("household_id")))
    in_person = Exists(found.filter(person=OuterRef("pk")))
    totals: dict = {}
    for reached in (persons.filter(via_household), persons.filter(in_person).exclude(via_household)):
        for value, count in reached.order_by().values_list(key).annotate(n=Count("*")):
            totals[value] = totals.get(value, 0) + count
    return totals
