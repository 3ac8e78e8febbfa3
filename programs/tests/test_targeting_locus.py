"""Locus villages against the floor of 20 distinct persons reached in the year."""

import pytest

from programs.models import InterventionStatus
from programs.targeting import locus_village_status
from tests.factories import (
    HouseholdFactory,
    InterventionFactory,
    PersonFactory,
    RecipientFactory,
    VillageFactory,
    VillageYearFactory,
)


@pytest.fixture
def locus_a(village_a):
    VillageYearFactory(village=village_a, year=2026, is_locus=True)
    return village_a


def _family(village, size=3):
    household = HouseholdFactory(village=village, desil=1)
    return household, [PersonFactory(household=household) for _ in range(size)]


def test_it_counts_persons_reached_directly_and_through_their_household_once(locus_a, admin_user):
    household, members = _family(locus_a)
    intervention = InterventionFactory(village=locus_a)
    RecipientFactory(intervention=intervention, household=household)
    RecipientFactory(intervention=intervention, person=members[0])  # already counted through the household
    RecipientFactory(intervention=InterventionFactory(village=locus_a), person=members[1])
    _, others = _family(locus_a)
    RecipientFactory(intervention=intervention, person=others[0])
    [village] = locus_village_status(user=admin_user, year=2026)
    assert (village.reached, village.below_floor) == (4, True)


def test_it_does_not_count_cancelled_interventions_or_other_years(locus_a, admin_user):
    _, members = _family(locus_a)
    cancelled = InterventionFactory(village=locus_a, status=InterventionStatus.CANCELLED)
    RecipientFactory(intervention=cancelled, person=members[0])
    RecipientFactory(intervention=InterventionFactory(village=locus_a, program__fiscal_year=2025), person=members[1])
    assert [v.reached for v in locus_village_status(user=admin_user, year=2026)] == [0]


def test_it_lists_only_locus_villages_of_the_year_in_the_users_scope(locus_a, village_b, officer_a, officer_b):
    VillageYearFactory(village=village_b, year=2026, is_locus=True)
    VillageYearFactory(village=VillageFactory(subdistrict=locus_a.subdistrict), year=2025, is_locus=True)
    VillageYearFactory(village=VillageFactory(subdistrict=locus_a.subdistrict), year=2026, is_locus=False)
    assert list(locus_village_status(user=officer_a, year=2026)) == [locus_a]
    assert list(locus_village_status(user=officer_b, year=2026)) == [village_b]


def test_it_meets_the_floor_at_twenty_persons(locus_a, admin_user):
    intervention = InterventionFactory(village=locus_a)
    for _ in range(5):
        household, _ = _family(locus_a, size=4)
        RecipientFactory(intervention=intervention, household=household)
    [village] = locus_village_status(user=admin_user, year=2026)
    assert (village.reached, village.below_floor) == (20, False)


def test_it_lists_the_villages_below_the_floor_on_the_page(client, locus_a, admin_user):
    full = VillageFactory(subdistrict=locus_a.subdistrict, name="Desa Penuh")
    VillageYearFactory(village=full, year=2026, is_locus=True)
    intervention = InterventionFactory(village=full)
    for _ in range(10):
        RecipientFactory(intervention=intervention, household=_family(full, size=2)[0])
    client.force_login(admin_user)
    response = client.get("/program/sasaran/desa-lokus/", {"tahun": 2026, "di_bawah": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert locus_a.name in page and "Desa Penuh" not in page
    assert "Kurang 20 dari 20" in page
    assert response.context["below_count"] == 1
    everything = client.get("/program/sasaran/desa-lokus/", {"tahun": 2026}).content.decode()
    assert "Desa Penuh" in everything and "Memenuhi batas" in everything


def test_it_answers_in_a_constant_number_of_queries(locus_a, admin_user, django_assert_max_num_queries):
    for _ in range(3):
        village = VillageFactory(subdistrict=locus_a.subdistrict)
        VillageYearFactory(village=village, year=2026, is_locus=True)
        RecipientFactory(intervention=InterventionFactory(village=village), household=_family(village)[0])
    with django_assert_max_num_queries(2):  # the villages, then their reach
        assert len([v.reached for v in locus_village_status(user=admin_user, year=2026)]) == 4


def test_it_counts_persons_where_they_were_reached_not_where_they_live_now(locus_a, admin_user):
    """A person reached in the locus village who moved away still counts there, and nowhere else."""
    elsewhere = VillageFactory(subdistrict=locus_a.subdistrict)
    VillageYearFactory(village=elsewhere, year=2026, is_locus=True)
    household, members = _family(locus_a, size=2)
    RecipientFactory(intervention=InterventionFactory(village=locus_a), person=members[0])
    household.village = elsewhere
    household.save()
    reached = {v.pk: v.reached for v in locus_village_status(user=admin_user, year=2026)}
    assert reached == {locus_a.pk: 1, elsewhere.pk: 0}


def test_it_lists_one_district_when_asked(locus_a, village_b, admin_user):
    VillageYearFactory(village=village_b, year=2026, is_locus=True)
    assert locus_village_status(user=admin_user, year=2026, district=village_b.district_id) == [village_b]
