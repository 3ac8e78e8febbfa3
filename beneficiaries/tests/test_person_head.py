"""Exactly one head per household: a clear error in the form, never an IntegrityError."""

import pytest
from django.test import Client
from django.urls import reverse

from beneficiaries.models import Person
from beneficiaries.services import EditConflict, add_person
from tests.factories import HouseholdFactory, PersonFactory

HEADLESS = "Keluarga ini belum punya kepala keluarga; tetapkan kepala keluarga yang baru."


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def household(village_a):
    household = HouseholdFactory(village=village_a)
    PersonFactory(household=household, relationship="kepala", name="Rusmanto Sukmawirya", sex="L")
    return household


def _post(user, url, person_data, **changes):
    return _client(user).post(url, {**person_data, **changes}, follow=True)


def _as_form(person) -> dict:
    fields = ["name", "nik", "sex", "relationship", "marital_status", "education", "occupation"]
    version = person.updated_at.isoformat() if person.pk else ""
    return {**{name: getattr(person, name) for name in fields}, "versi": version}


def test_a_second_head_is_refused_with_a_clear_message(officer_a, household):
    candidate = PersonFactory.build(household=household, relationship="kepala")
    url = reverse("beneficiaries:person_add", args=[household.pk])
    response = _post(officer_a, url, _as_form(candidate))
    assert response.status_code == 200
    [error] = response.context["form"].errors["relationship"]
    assert error.startswith("Keluarga ini sudah punya kepala keluarga.")
    assert household.members.count() == 1


def test_the_head_changes_hands_in_two_steps(officer_a, household):
    old_head = household.members.get()
    spouse = PersonFactory(household=household, relationship="pasangan", sex="P")
    demote = reverse("beneficiaries:person_edit", args=[household.pk, old_head.pk])
    demoted = _post(officer_a, demote, _as_form(old_head), relationship="orang_tua")
    warnings = [str(m) for m in demoted.context["messages"] if m.level_tag == "warning"]
    assert warnings == [f"Periksa kembali: {HEADLESS}"]
    promote = reverse("beneficiaries:person_edit", args=[household.pk, spouse.pk])
    _post(officer_a, promote, _as_form(spouse), relationship="kepala")
    heads = Person.objects.filter(household=household, relationship="kepala")
    assert list(heads.values_list("pk", flat=True)) == [spouse.pk]


def test_a_concurrent_second_head_is_a_conflict_not_a_crash(officer_a, household):
    # As if another officer saved a head between this form's check and its save.
    person = PersonFactory.build(household=household, relationship="kepala")
    with pytest.raises(EditConflict):
        add_person(person=person, user=officer_a)
    assert household.members.count() == 1
