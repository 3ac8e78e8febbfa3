"""A small province for report tests: districts A and B, households in several desils, interventions
of two clusters in both semesters (one cancelled), recipients, a graduation and institutions."""

from dataclasses import dataclass
from datetime import date

from django.core.files.base import ContentFile

from beneficiaries.models import Graduation, HouseholdStatus
from programs.models import InterventionStatus
from reporting import reports_services
from reporting.reports_models import Report
from tests.factories import (
    HouseholdFactory,
    InterventionFactory,
    PersonFactory,
    ProgramFactory,
    ProgramKindFactory,
    RecipientFactory,
    SubdistrictFactory,
    VillageFactory,
    VillageYearFactory,
)
from villages.models import Institution

YEAR = 2026


@dataclass
class World:
    village_a: object
    village_a2: object
    village_b: object
    households: dict
    interventions: dict


def _household(village, desil, members: int, **extra):
    household = HouseholdFactory(village=village, desil=desil, **extra)
    PersonFactory(household=household, relationship="kepala")
    for _ in range(members - 1):
        PersonFactory(household=household)
    return household


def make_world(*, village_a, village_b, agency, admin_user) -> World:
    village_a2 = VillageFactory(
        subdistrict=SubdistrictFactory(district=village_a.district, code="18.01.05", name="Tanjung Bintang"),
        code="18.01.05.2002",
        name="Jatibaru",
    )
    VillageYearFactory(village=village_a, year=YEAR, is_locus=True, idm_status="berkembang")
    VillageYearFactory(village=village_a2, year=YEAR, is_locus=False, idm_status="tertinggal")
    VillageYearFactory(village=village_b, year=YEAR, is_locus=True, idm_status="maju")
    households = {
        "a1": _household(village_a, 1, 2),
        "a2": _household(village_a, 1, 2),
        "a3": _household(village_a, 1, 2),
        "a4": _household(village_a, 2, 3),
        "a5": _household(village_a, None, 1),
        "a_grad": _household(village_a, 5, 2, status=HouseholdStatus.GRADUATED),
        "a2_1": _household(village_a2, 1, 1),
        "b1": _household(village_b, 1, 2),
        "b2": _household(village_b, 1, 2),
        "b3": _household(village_b, 3, 1),
    }
    Graduation.objects.create(
        household=households["a_grad"], graduated_on=date(YEAR, 4, 10), source="manual", reason="Usaha tani mandiri",
        evidence=ContentFile(b"%PDF-1.4 bukti", name="bukti.pdf"), evidence_extension=".pdf",
    )  # fmt: skip
    bumdes = Institution.objects.create(village=village_a, kind="bumdes", name="BUMDes Hajimena")
    Institution.objects.create(village=village_a, kind="koperasi", name="Koperasi Tani Hajimena")
    Institution.objects.create(village=village_b, kind="gapoktan", name="Gapoktan Metro")
    housing = ProgramFactory(lead_agency=agency, budget_ceiling=500_000_000, target_count=40)
    empowerment = ProgramFactory(
        lead_agency=agency, kind=ProgramKindFactory(code="pelatihan-tani", name="Pelatihan tani", cluster=2)
    )
    common = {"created_by": admin_user, "updated_by": admin_user}
    interventions = {
        "a_sem1": InterventionFactory(
            program=housing, village=village_a, institution=bumdes, planned_date=date(YEAR, 3, 1),
            actual_date=date(YEAR, 3, 15), planned_budget=25_000_000, realised_spending=20_000_000,
            status=InterventionStatus.COMPLETED, **common,
        ),
        "a_sem2": InterventionFactory(
            program=empowerment, village=village_a, planned_date=date(YEAR, 8, 1), planned_budget=10_000_000, **common
        ),
        "b_sem1": InterventionFactory(
            program=housing, village=village_b, planned_date=date(YEAR, 2, 1), planned_budget=15_000_000,
            realised_spending=15_000_000, **common,
        ),
        "a_cancelled": InterventionFactory(
            program=housing, village=village_a, planned_date=date(YEAR, 4, 1), planned_budget=99_000_000,
            status=InterventionStatus.CANCELLED, cancel_reason="Batal", **common,
        ),
    }  # fmt: skip
    RecipientFactory(intervention=interventions["a_sem1"], household=households["a1"])
    RecipientFactory(intervention=interventions["a_sem1"], person=households["a2"].members.first())
    RecipientFactory(intervention=interventions["a_sem2"], household=households["a3"])
    RecipientFactory(intervention=interventions["b_sem1"], household=households["b1"])
    RecipientFactory(intervention=interventions["a_cancelled"], household=households["a4"])
    return World(village_a, village_a2, village_b, households, interventions)


def build(django_capture_on_commit_callbacks, **request) -> Report:
    """Request a report and run its (eager) build as the web request's commit would."""
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = reports_services.request_report(**request)
    report.refresh_from_db()
    return report
