"""A family known by its P3KE id alone gets its No KK by hand, folding into that No KK's family if asked."""

import pytest
from django.test import Client
from django.urls import reverse

from beneficiaries.models import HouseholdStatus, PersonMove
from tests.factories import HouseholdFactory, PersonFactory

NO_KK = "1801040101200077"


@pytest.fixture
def p3ke_family(village_a):
    household = HouseholdFactory(village=village_a, no_kk=None, p3ke_family_id="P3KE-0042")
    PersonFactory(household=household, relationship="anak")
    return household


def _post(user, household, **data):
    client = Client()
    client.force_login(user)
    return client.post(reverse("beneficiaries:household_no_kk", args=[household.pk]), data, follow=True)


def test_a_family_takes_a_no_kk_nobody_has(officer_a, p3ke_family):
    response = _post(officer_a, p3ke_family, no_kk=NO_KK)
    p3ke_family.refresh_from_db()
    assert (p3ke_family.no_kk, p3ke_family.p3ke_family_id) == (NO_KK, "P3KE-0042")
    assert "No KK disimpan." in response.text


def test_a_no_kk_of_another_family_asks_before_folding_and_then_folds(officer_a, p3ke_family, village_a):
    known = HouseholdFactory(village=village_a, no_kk=NO_KK)
    PersonFactory(household=known, relationship="kepala")
    response = _post(officer_a, p3ke_family, no_kk=NO_KK)
    assert "centang &#x27;Gabungkan&#x27;" in response.text
    _post(officer_a, p3ke_family, no_kk=NO_KK, fold="on")
    p3ke_family.refresh_from_db()
    known.refresh_from_db()
    assert (p3ke_family.status, p3ke_family.p3ke_family_id, p3ke_family.members.count()) == (
        HouseholdStatus.MERGED, None, 0)  # fmt: skip
    assert (known.p3ke_family_id, known.members.count()) == ("P3KE-0042", 2)
    assert PersonMove.objects.get().batch is None


def test_two_heads_are_not_folded_together(officer_a, p3ke_family, village_a):
    PersonFactory(household=p3ke_family, relationship="kepala")
    known = HouseholdFactory(village=village_a, no_kk=NO_KK)
    PersonFactory(household=known, relationship="kepala")
    response = _post(officer_a, p3ke_family, no_kk=NO_KK, fold="on")
    assert "masing-masing punya kepala keluarga" in response.text
    assert p3ke_family.members.count() == 2


def test_a_no_kk_held_in_another_district_is_refused_without_saying_where(officer_a, p3ke_family, village_b):
    HouseholdFactory(village=village_b, no_kk=NO_KK)
    response = _post(officer_a, p3ke_family, no_kk=NO_KK, fold="on")
    assert "sudah dipakai keluarga lain di registri" in response.text and "Metro" not in response.text
    p3ke_family.refresh_from_db()
    assert p3ke_family.no_kk is None


def test_an_officer_of_another_district_cannot_reach_it(officer_b, p3ke_family):
    assert _post(officer_b, p3ke_family, no_kk=NO_KK).status_code == 404


def test_the_registry_lists_the_families_still_without_a_no_kk(officer_a, p3ke_family, village_a):
    HouseholdFactory(village=village_a)
    client = Client()
    client.force_login(officer_a)
    response = client.get(reverse("beneficiaries:household_list"), {"kk": "kosong"})
    assert [row.record.pk for row in response.context["table"].rows] == [p3ke_family.pk]
