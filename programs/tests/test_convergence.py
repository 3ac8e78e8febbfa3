"""Convergence per household: clusters received and the three flags."""

import pytest

from programs.models import InterventionStatus
from programs.targeting import convergence, convergence_counts
from tests.factories import (
    HouseholdFactory,
    InterventionFactory,
    PersonFactory,
    ProgramKindFactory,
    RecipientFactory,
    VillageYearFactory,
)


@pytest.fixture
def kinds(db):
    return {
        "rtlh": ProgramKindFactory(code="bsps-rtlh", cluster=1),
        "pkh": ProgramKindFactory(code="pkh-uji", name="Bantuan sosial uji", cluster=1),
        "kube": ProgramKindFactory(code="kube-uji", name="Kelompok usaha uji", cluster=3),
    }


def _give(household, kind, village, year=2026, **kwargs):
    intervention = InterventionFactory(village=village, program__kind=kind, program__fiscal_year=year, **kwargs)
    return RecipientFactory(intervention=intervention, household=household)


def _row(user, household, year=2026):
    return convergence(user=user, year=year).get(pk=household.pk)


def test_it_shows_the_clusters_a_household_received_through_itself_or_a_member(village_a, kinds, admin_user):
    household = HouseholdFactory(village=village_a, desil=2)
    _give(household, kinds["rtlh"], village_a)
    member = PersonFactory(household=household)
    RecipientFactory(intervention=InterventionFactory(village=village_a, program__kind=kinds["kube"]), person=member)
    row = _row(admin_user, household)
    assert (row.cluster_1, row.cluster_2, row.cluster_3) == (True, False, True)
    assert not (row.aid_only or row.duplicate or row.neglected)


def test_it_flags_aid_without_empowerment(village_a, kinds, admin_user):
    household = HouseholdFactory(village=village_a, desil=1)
    _give(household, kinds["rtlh"], village_a)
    _give(household, kinds["pkh"], village_a)
    row = _row(admin_user, household)
    assert row.aid_only and not row.duplicate


def test_it_flags_the_same_program_kind_twice_in_a_year(village_a, kinds, admin_user):
    twice, once_a_year = HouseholdFactory(village=village_a), HouseholdFactory(village=village_a)
    _give(twice, kinds["rtlh"], village_a)
    _give(twice, kinds["rtlh"], village_a)
    _give(once_a_year, kinds["rtlh"], village_a)
    _give(once_a_year, kinds["rtlh"], village_a, year=2025)
    assert _row(admin_user, twice).duplicate
    assert not _row(admin_user, once_a_year).duplicate


def test_a_cancelled_intervention_is_no_duplicate(village_a, kinds, admin_user):
    household = HouseholdFactory(village=village_a)
    _give(household, kinds["rtlh"], village_a)
    _give(household, kinds["rtlh"], village_a, status=InterventionStatus.CANCELLED)
    assert not _row(admin_user, household).duplicate


def test_it_flags_desil_1_households_of_locus_villages_with_nothing(village_a, village_b, kinds, admin_user):
    VillageYearFactory(village=village_a, year=2026, is_locus=True)
    waiting = HouseholdFactory(village=village_a, desil=1)
    reached = HouseholdFactory(village=village_a, desil=1)
    _give(reached, kinds["kube"], village_a)
    HouseholdFactory(village=village_a, desil=2)  # not desil 1
    HouseholdFactory(village=village_b, desil=1)  # not a locus village
    found = convergence(user=admin_user, year=2026)
    assert set(found.filter(neglected=True)) == {waiting}
    assert set(found) == {waiting, reached}
    assert convergence_counts(found) == {"aid_only": 0, "duplicate": 0, "neglected": 1}


def test_it_shows_only_the_users_scope(village_a, village_b, kinds, officer_b):
    _give(HouseholdFactory(village=village_a), kinds["rtlh"], village_a)
    mine = HouseholdFactory(village=village_b)
    _give(mine, kinds["rtlh"], village_b)
    assert list(convergence(user=officer_b, year=2026)) == [mine]


def test_the_page_filters_by_flag_and_counts_each(client, village_a, kinds, viewer):
    aid_only = HouseholdFactory(village=village_a)
    _give(aid_only, kinds["rtlh"], village_a)
    empowered = HouseholdFactory(village=village_a)
    _give(empowered, kinds["kube"], village_a)
    client.force_login(viewer)
    response = client.get("/program/sasaran/konvergensi/", {"tahun": 2026, "tanda": "aid_only"})
    assert [row.record for row in response.context["table"].rows] == [aid_only]
    assert response.context["flags"][0] == ("aid_only", "Bantuan tanpa pemberdayaan", 1)
    assert aid_only.masked_no_kk in response.content.decode()
