"""Searching the intervention's village for people to pick: by NIK, No KK or name, POSTed, masked."""

import re

import pytest
from django.urls import reverse

from programs.models import Recipient
from programs.recipients import SEARCH_LIMIT
from tests.factories import HouseholdFactory, InterventionFactory, PersonFactory, UserFactory, VillageFactory

SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")


@pytest.fixture
def intervention(village_a, agency):
    return InterventionFactory(village=village_a, program__lead_agency=agency)


def _search(client, user, intervention, text):
    client.force_login(user)
    url = reverse("programs:recipient_search", args=[intervention.pk])
    return client.post(url, {"q": text}, headers={"HX-Request": "true"})


def test_it_finds_a_person_by_nik_and_shows_it_masked(client, agency_staff, intervention, village_a):
    person = PersonFactory(household=HouseholdFactory(village=village_a))
    response = _search(client, agency_staff, intervention, person.nik)
    assert response.context["found"] == [person]
    html = response.content.decode()
    assert person.masked_nik in html and "Tambahkan" in html
    assert not SIXTEEN_DIGITS.search(html)


def test_it_finds_the_members_of_a_no_kk(client, agency_staff, intervention, village_a):
    household = HouseholdFactory(village=village_a)
    members = [PersonFactory(household=household, name=name) for name in ("Bagas Uji", "Painem Uji")]
    response = _search(client, agency_staff, intervention, household.no_kk)
    assert response.context["found"] == members
    assert not SIXTEEN_DIGITS.search(response.content.decode())


def test_it_finds_by_part_of_a_name_only_in_the_village(client, agency_staff, intervention, village_a):
    here = PersonFactory(household=HouseholdFactory(village=village_a), name="Marsinah Wanasraya")
    elsewhere = VillageFactory(subdistrict=village_a.subdistrict)
    PersonFactory(household=HouseholdFactory(village=elsewhere), name="Marsinah Pranajaya")
    assert _search(client, agency_staff, intervention, "marsinah").context["found"] == [here]


def test_it_does_not_find_a_nik_of_another_village(client, agency_staff, intervention, village_b):
    person = PersonFactory(household=HouseholdFactory(village=village_b))
    response = _search(client, agency_staff, intervention, person.nik)
    assert response.context["found"] == []
    assert "Tidak ada warga" in response.content.decode()


def test_it_keeps_to_the_agency_districts(client, intervention, agency, village_a, district_b):
    # Staff of the agency limited to another district find no one in village A.
    agency.level, agency.district = "district", district_b
    agency.save()
    staff = UserFactory(role="agency_staff", agency=agency)
    PersonFactory(household=HouseholdFactory(village=village_a), name="Tegar Haryalaksa")
    assert _search(client, staff, intervention, "Tegar").context["found"] == []


def test_it_shows_at_most_25(client, agency_staff, intervention, village_a):
    household = HouseholdFactory(village=village_a)
    for _ in range(SEARCH_LIMIT + 2):
        PersonFactory(household=household, name="Wiryo Margadipa")
    assert len(_search(client, agency_staff, intervention, "Wiryo").context["found"]) == 25


def test_it_marks_who_is_already_a_recipient(client, agency_staff, intervention, village_a):
    person = PersonFactory(household=HouseholdFactory(village=village_a), name="Jumadi Sukmawirya")
    Recipient.objects.create(intervention=intervention, person=person, added_by=agency_staff)
    assert "Sudah penerima" in _search(client, agency_staff, intervention, "Jumadi").content.decode()


def test_it_ignores_a_one_letter_search(client, agency_staff, intervention, village_a):
    PersonFactory(household=HouseholdFactory(village=village_a))
    assert _search(client, agency_staff, intervention, "a").context["found"] == []


def test_it_answers_405_to_get_so_no_nik_travels_in_a_url(client, agency_staff, intervention):
    client.force_login(agency_staff)
    assert client.get(reverse("programs:recipient_search", args=[intervention.pk])).status_code == 405


def test_it_shows_the_results_in_the_whole_page_without_htmx(client, agency_staff, intervention, village_a):
    person = PersonFactory(household=HouseholdFactory(village=village_a), name="Kuswoyo Sidomulyo")
    client.force_login(agency_staff)
    response = client.post(reverse("programs:recipient_search", args=[intervention.pk]), {"q": person.nik})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html and "Kuswoyo Sidomulyo" in html
    assert not SIXTEEN_DIGITS.search(html)
