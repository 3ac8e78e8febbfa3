"""Adding recipients one by one and the unreached desil-1 households; answered with the panel."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from programs.models import Recipient
from tests.factories import HouseholdFactory, InterventionFactory, PersonFactory, UserFactory, VillageFactory

SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")
HTMX = {"HX-Request": "true"}


@pytest.fixture
def intervention(village_a, agency):
    return InterventionFactory(village=village_a, program__lead_agency=agency, planned_budget=10_000_000)


def _add(client, user, intervention, **data):
    client.force_login(user)
    return client.post(reverse("programs:recipient_add", args=[intervention.pk]), data, headers=HTMX)


def _notes(response) -> list[str]:
    return [text for _, text in response.context["notes"]]


def test_it_adds_a_person_with_the_date_received(client, agency_staff, intervention, village_a):
    person = PersonFactory(household=HouseholdFactory(village=village_a))
    response = _add(client, agency_staff, intervention, person=person.pk, received_on="2026-03-02")
    recipient = intervention.recipients.get()
    assert (recipient.person, recipient.received_on, recipient.added_by) == (person, date(2026, 3, 2), agency_staff)
    assert _notes(response) == ["1 penerima ditambahkan."]
    assert response.context["totals"].recipients == 1
    html = response.content.decode()
    assert 'id="recipients-panel"' in html and 'hx-swap-oob="true"' in html
    assert not SIXTEEN_DIGITS.search(html)


def test_it_adds_a_household(client, agency_staff, intervention, village_a):
    household = HouseholdFactory(village=village_a)
    _add(client, agency_staff, intervention, household=household.pk)
    assert intervention.recipients.get().household == household


def test_it_says_when_someone_is_already_a_recipient(client, agency_staff, intervention, village_a):
    person = PersonFactory(household=HouseholdFactory(village=village_a))
    _add(client, agency_staff, intervention, person=person.pk)
    response = _add(client, agency_staff, intervention, person=person.pk)
    assert _notes(response) == ["1 sudah menjadi penerima intervensi ini."]
    assert intervention.recipients.count() == 1


def test_it_refuses_a_person_of_another_village_without_naming_them(client, agency_staff, intervention, village_a):
    elsewhere = PersonFactory(household=HouseholdFactory(village=VillageFactory(subdistrict=village_a.subdistrict)))
    response = _add(client, agency_staff, intervention, person=elsewhere.pk)
    assert not intervention.recipients.exists()
    (note,) = [text for level, text in response.context["notes"] if level == "danger"]
    assert note == "Tidak ditemukan di desa intervensi ini."
    html = response.content.decode()
    assert elsewhere.name not in html and elsewhere.masked_nik not in html
    assert not SIXTEEN_DIGITS.search(html)


def test_it_does_not_name_a_person_outside_the_scope(client, intervention, agency, village_a, district_b):
    agency.level, agency.district = "district", district_b
    agency.save()
    staff = UserFactory(role="agency_staff", agency=agency)
    person = PersonFactory(household=HouseholdFactory(village=village_a), name="Darmaji Tirtalaga")
    response = _add(client, staff, intervention, person=person.pk)
    assert _notes(response) == ["Tidak ditemukan di desa intervensi ini."]
    assert "Darmaji" not in response.content.decode()
    assert not intervention.recipients.exists()


def test_it_refuses_a_future_date_and_a_missing_choice(client, agency_staff, intervention, village_a):
    person = PersonFactory(household=HouseholdFactory(village=village_a))
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = _add(client, agency_staff, intervention, person=person.pk, received_on=tomorrow.isoformat())
    assert _notes(response) == ["Tanggal diterima tidak boleh di masa depan."]
    assert _notes(_add(client, agency_staff, intervention)) == ["Pilih satu orang atau satu keluarga."]
    assert not intervention.recipients.exists()


def test_it_adds_the_unreached_desil1_households_of_the_village(client, agency_staff, intervention, village_a):
    waiting = [HouseholdFactory(village=village_a, desil=1) for _ in range(3)]
    reached = HouseholdFactory(village=village_a, desil=1)
    other = InterventionFactory(village=village_a, program=intervention.program)
    Recipient.objects.create(intervention=other, household=reached, added_by=agency_staff)
    HouseholdFactory(village=village_a, desil=2)
    HouseholdFactory(village=VillageFactory(subdistrict=village_a.subdistrict), desil=1)
    client.force_login(agency_staff)
    url = reverse("programs:recipient_add_desil1", args=[intervention.pk])
    response = client.post(url, {"received_on": "2026-03-05"}, headers=HTMX)
    assert {r.household for r in intervention.recipients.all()} == set(waiting)
    assert _notes(response) == ["3 keluarga desil 1 ditambahkan."]
    assert response.context["unreached"] == 0
    assert response.context["totals"].budget_per_recipient == 3_333_333
    again = client.post(url, headers=HTMX)
    assert _notes(again) == ["Tidak ada keluarga desil 1 yang belum terjangkau."]


def test_it_shows_the_number_of_unreached_desil1_households(client, agency_staff, intervention, village_a):
    HouseholdFactory(village=village_a, desil=1)
    client.force_login(agency_staff)
    response = client.get(reverse("programs:recipients", args=[intervention.pk]))
    assert response.context["unreached"] == 1


def test_it_renders_the_whole_page_without_htmx(client, agency_staff, intervention, village_a):
    person = PersonFactory(household=HouseholdFactory(village=village_a))
    client.force_login(agency_staff)
    response = client.post(reverse("programs:recipient_add", args=[intervention.pk]), {"person": person.pk})
    assert response.status_code == 200 and "<html" in response.content.decode()
    assert intervention.recipients.count() == 1
