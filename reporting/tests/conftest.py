"""A small registry and program dataset whose dashboard numbers are known (see ``dataset``)."""

from datetime import date

import pytest
from django.core.cache import cache

from programs.models import InterventionStatus
from tests.factories import (
    AgencyFactory,
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

YEAR = 2026


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached numbers of one test must not answer another (ids are reused after a rollback)."""
    cache.clear()
    yield
    cache.clear()


def household(village, *, desil, members, status="aktif"):
    found = HouseholdFactory(village=village, desil=desil, status=status)
    for index in range(members):
        PersonFactory(household=found, relationship="kepala" if index == 0 else "anak")
    return found


class Dataset:
    pass


@pytest.fixture
def dataset(village_a, village_b, agency, admin_user):
    """District A: village_a (locus, Natar) and village_a2 (another kecamatan); district B: village_b.

    Active households by desil: 1 → 2 (h1 in A, 3 persons; h6 in B, 2 persons), 2 → 1 (2 persons),
    5 → 1 (1 person), none → 1 (1 person); graduated: 1 household of 2 persons (in A).
    Work of 2026: `agency` in village_a, cluster 1, semester 1, Rp 10.000.000 planned, 4.000.000
    realised, reaching h1 (3 persons) and one member of h2; `other` agency in village_b, cluster 2,
    semester 2, Rp 5.000.000 / 5.000.000, reaching one member of h6. A cancelled intervention and
    one of 2025 (trend only) in village_a.
    """
    data = Dataset()
    data.village_a2 = VillageFactory(
        subdistrict=SubdistrictFactory(district=village_a.district, code="18.01.05", name="Tanjung Bintang"),
        code="18.01.05.2001",
        name="Jatibaru",
    )
    VillageYearFactory(village=village_a, year=YEAR, is_locus=True)
    data.h1 = household(village_a, desil=1, members=3)
    data.h2 = household(village_a, desil=2, members=2)
    household(data.village_a2, desil=5, members=1)
    household(village_a, desil=None, members=1)
    data.graduated = household(village_a, desil=5, members=2, status="graduasi")
    data.h6 = household(village_b, desil=1, members=2)
    data.other = AgencyFactory(name="Dinas Sosial Uji", short_name="Dinsos Uji")
    empowerment = ProgramKindFactory(code="pemberdayaan", name="Pemberdayaan", cluster=2)
    data.i1 = InterventionFactory(
        village=village_a, program__lead_agency=agency, planned_budget=10_000_000, realised_spending=4_000_000,
        planned_date=date(YEAR, 3, 1),
    )  # fmt: skip
    RecipientFactory(intervention=data.i1, household=data.h1)
    RecipientFactory(intervention=data.i1, person=data.h2.members.first())
    data.i2 = InterventionFactory(
        village=village_b, program=ProgramFactory(lead_agency=data.other, kind=empowerment),
        planned_budget=5_000_000, realised_spending=5_000_000, planned_date=date(YEAR, 8, 1),
    )  # fmt: skip
    RecipientFactory(intervention=data.i2, person=data.h6.members.first())
    cancelled = InterventionFactory(village=village_a, program__lead_agency=agency, status=InterventionStatus.CANCELLED)
    RecipientFactory(intervention=cancelled, household=data.h2)
    InterventionFactory(
        village=village_a, program__lead_agency=agency, program__fiscal_year=YEAR - 1,
        planned_date=date(YEAR - 1, 9, 1), planned_budget=7_000_000, realised_spending=7_000_000,
    )  # fmt: skip
    return data
