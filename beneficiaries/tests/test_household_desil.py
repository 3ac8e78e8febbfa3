"""Recording a locally verified desil: history appended, current desil follows the latest date."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from beneficiaries.models import DesilRecord, Household
from beneficiaries.services import EditConflict, record_desil
from tests.factories import DesilRecordFactory, HouseholdFactory


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def household(village_a):
    household = HouseholdFactory(village=village_a, desil=3, desil_source="dtsen", desil_as_of=date(2025, 6, 30))
    DesilRecordFactory(household=household, desil=3, source="dtsen", as_of=date(2025, 6, 30))
    return household


def _post(user, household, **data):
    url = reverse("beneficiaries:desil_add", args=[household.pk])
    return _client(user).post(url, data, follow=True)


def test_a_newer_record_becomes_the_current_desil(officer_a, household):
    record = record_desil(household=household, desil=1, source="lokal", as_of=date(2025, 10, 1), user=officer_a)
    household.refresh_from_db()
    assert (household.desil, household.desil_source, household.desil_as_of) == (1, "lokal", date(2025, 10, 1))
    assert (record.recorded_by, household.desil_history.count()) == (officer_a, 2)


def test_an_older_record_joins_the_history_only(officer_a, household):
    record_desil(household=household, desil=1, source="lokal", as_of=date(2024, 1, 31), user=officer_a)
    household.refresh_from_db()
    assert (household.desil, household.desil_source) == (3, "dtsen")
    assert list(household.desil_history.values_list("desil", flat=True)) == [3, 1]


def test_an_officer_records_a_local_verification(officer_a, household):
    response = _post(officer_a, household, desil="2", as_of="2025-11-03", source="dtks")
    assert "Desil 2 per 03/11/2025 dicatat." in response.text
    assert "Desil 2 · Verifikasi lokal per 03 November 2025" in response.text
    record = DesilRecord.objects.get(household=household, desil=2)
    assert (record.source, record.recorded_by) == ("lokal", officer_a)


def test_the_same_date_is_not_recorded_twice(admin_user, household):
    _post(admin_user, household, desil="2", as_of="2025-11-03")
    response = _post(admin_user, household, desil="4", as_of="2025-11-03")
    assert "sudah tercatat" in response.text
    assert household.desil_history.count() == 2


@pytest.mark.parametrize("data", [{"desil": "11", "as_of": "2025-11-03"}, {"desil": "2", "as_of": ""}])
def test_it_needs_a_desil_from_one_to_ten_and_a_date(admin_user, household, data):
    assert _post(admin_user, household, **data).context["form"].errors
    assert household.desil_history.count() == 1


def test_a_verification_date_cannot_be_in_the_future(admin_user, household):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert "tidak boleh melewati hari ini" in _post(admin_user, household, desil="2", as_of=tomorrow).text


@pytest.mark.parametrize(("role", "status"), [("viewer", 403), ("officer_b", 404), ("agency_staff", 404)])
def test_others_cannot_record_a_desil(request, role, status, household):
    response = _post(request.getfixturevalue(role), household, desil="1", as_of="2025-11-03")
    assert response.status_code == status
    assert household.desil_history.count() == 1
    assert Household.objects.get(pk=household.pk).desil == 3


def test_a_duplicate_recorded_meanwhile_is_a_conflict_not_a_crash(officer_a, household):
    with pytest.raises(EditConflict):
        record_desil(household=household, desil=1, source="dtsen", as_of=date(2025, 6, 30), user=officer_a)
    household.refresh_from_db()
    assert (household.desil, household.desil_history.count()) == (3, 1)
