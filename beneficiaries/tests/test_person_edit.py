"""Adding and correcting members of a household, within the user's scope."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from beneficiaries.models import Person
from beneficiaries.validators import compose_nik
from tests.factories import HouseholdFactory, PersonFactory

BORN = date(1990, 7, 1)
NIK = compose_nik(kecamatan_code="18.01.04", birth_date=BORN, sex="P", serial=7)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def household(village_a):
    household = HouseholdFactory(village=village_a)
    PersonFactory(household=household, relationship="kepala", sex="L")
    return household


def _data(**changes):
    return {
        "name": "Lestiani Wanasraya",
        "nik": NIK,
        "sex": "P",
        "birth_place": "Natar",
        "birth_date": BORN.isoformat(),
        "relationship": "pasangan",
        "marital_status": "kawin",
        "education": "sd",
        "occupation": "buruh_tani",
        "has_disability": "true",
        "disability_kind": "netra",
        **changes,
    }


def _add(user, household, **changes):
    url = reverse("beneficiaries:person_add", args=[household.pk])
    return _client(user).post(url, _data(**changes), follow=True)


def _edit(user, person, **changes):
    url = reverse("beneficiaries:person_edit", args=[person.household_id, person.pk])
    return _client(user).post(url, _data(versi=person.updated_at.isoformat(), **changes), follow=True)


def test_an_officer_adds_a_member(officer_a, household):
    response = _add(officer_a, household)
    assert response.redirect_chain == [(household.get_absolute_url(), 302)]
    assert "Data Lestiani Wanasraya disimpan." in response.text
    person = Person.objects.get(nik=NIK)
    assert (person.household, person.birth_date, person.has_disability, person.disability_kind, person.education) == (
        household,
        BORN,
        True,
        "netra",
        "sd",
    )
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]


def test_an_admin_corrects_a_member(admin_user, household):
    person = PersonFactory(household=household)
    _edit(admin_user, person, name="Lestiani W.", occupation="pedagang")
    person.refresh_from_db()
    assert (person.name, person.occupation, person.nik) == ("Lestiani W.", "pedagang", NIK)


def test_a_member_cannot_be_moved_to_another_household_by_the_form(officer_a, household, village_a):
    other = HouseholdFactory(village=village_a)
    person = PersonFactory(household=household)
    _edit(officer_a, person, household=other.pk, import_batch="1")
    person.refresh_from_db()
    assert person.household == household and person.import_batch_id is None


def test_a_member_of_another_household_is_not_found_here(officer_a, household, village_b):
    stranger = PersonFactory(household=HouseholdFactory(village=village_b))
    url = reverse("beneficiaries:person_edit", args=[household.pk, stranger.pk])
    assert _client(officer_a).post(url, _data()).status_code == 404
    assert Person.objects.get(pk=stranger.pk).name == stranger.name


@pytest.mark.parametrize(
    ("role", "status"), [("viewer", 403), ("viewer_a", 403), ("officer_b", 404), ("agency_staff", 404)]
)
def test_others_cannot_add_or_edit_members(request, role, status, household):
    user = request.getfixturevalue(role)
    head = household.members.get()
    assert _add(user, household).status_code == status
    assert _edit(user, head, name="Diganti").status_code == status
    assert list(Person.objects.values_list("name", flat=True)) == [head.name]


def test_a_stale_form_does_not_overwrite_a_newer_edit(officer_a, admin_user, household):
    person = PersonFactory(household=household)
    stale = person.updated_at.isoformat()
    _edit(admin_user, person, name="Nama dari admin")
    url = reverse("beneficiaries:person_edit", args=[household.pk, person.pk])
    response = _client(officer_a).post(url, _data(name="Nama lama", versi=stale))
    assert "telah diubah orang lain" in response.text
    assert Person.objects.get(pk=person.pk).name == "Nama dari admin"
