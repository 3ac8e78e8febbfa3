"""Staff of a province agency cannot learn who is in the registry through the recipient forms
(SECURITY-CHECKLIST AC-02, AC-09): every form and upload that takes a person, a household or a NIK
answers the same for someone outside the intervention's village, wherever they are registered, as for
no one at all, and names no person, village or masked number."""

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from beneficiaries.models import Household, Person
from beneficiaries.validators import compose_nik
from records.models import BulkLookup
from tests.factories import (
    AssignmentFactory,
    HouseholdFactory,
    InterventionFactory,
    PersonFactory,
    SubdistrictFactory,
    VillageFactory,
)

HTMX = {"HX-Request": "true"}
NOT_HERE = "Tidak ditemukan di desa intervensi ini."
MISSING_NIK = compose_nik(kecamatan_code="180104", birth_date=date(1980, 2, 2), sex="L", serial=4321)
SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")
CSRF_TOKEN = re.compile(r"[A-Za-z0-9]{64}")


@pytest.fixture
def intervention(village_a, agency):
    return InterventionFactory(village=village_a, program__lead_agency=agency)


@pytest.fixture
def outsiders(village_a, village_b, agency):
    """Persons registered outside the intervention's village: next door in the same kecamatan, in a
    village where the agency works on another intervention, and in another kabupaten."""
    next_door = VillageFactory(subdistrict=village_a.subdistrict, name="Desa Tetangga Rahasia")
    worked = VillageFactory(subdistrict=SubdistrictFactory(district=village_a.district), name="Desa Garapan Lain")
    InterventionFactory(village=worked, program__lead_agency=agency)
    return [
        PersonFactory(household=HouseholdFactory(village=village), name=name)
        for village, name in ((next_door, "Wiryo Rahasia"), (worked, "Sumirah Garapan"), (village_b, "Tegar Jauh"))
    ]


def _post(client, user, name, intervention, data):
    client.force_login(user)
    return client.post(reverse(name, args=[intervention.pk]), data, headers=HTMX)


def _same_page(response) -> str:
    """The page with its CSRF tokens (new on every render) blanked."""
    assert response.status_code == 200
    return CSRF_TOKEN.sub("TOKEN", response.content.decode())


def _assert_names_no_one(html: str, persons) -> None:
    for person in persons:
        household = person.household
        for secret in (person.name, person.masked_nik, household.masked_no_kk, household.village.name):
            assert secret not in html
    assert not SIXTEEN_DIGITS.search(html)


def _missing_pk(model) -> int:
    return (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000


def test_the_add_form_answers_the_same_for_any_person_outside_the_village(
    client, agency_staff, intervention, outsiders
):
    pages = {
        _same_page(_post(client, agency_staff, "programs:recipient_add", intervention, {"person": pk}))
        for pk in [*(person.pk for person in outsiders), _missing_pk(Person)]
    }
    assert len(pages) == 1
    (page,) = pages
    assert NOT_HERE in page
    _assert_names_no_one(page, outsiders)
    assert not intervention.recipients.exists()


def test_the_add_form_answers_the_same_for_any_household_outside_the_village(
    client, agency_staff, intervention, outsiders
):
    pages = {
        _same_page(_post(client, agency_staff, "programs:recipient_add", intervention, {"household": pk}))
        for pk in [*(person.household_id for person in outsiders), _missing_pk(Household)]
    }
    assert len(pages) == 1
    assert NOT_HERE in pages.pop()
    assert not intervention.recipients.exists()


def _nik_list(nik: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("daftar.csv", f"NIK\r\n{nik}\r\n".encode())


def test_the_nik_list_answers_the_same_for_any_nik_outside_the_village(client, agency_staff, intervention, outsiders):
    responses = [
        _post(client, agency_staff, "programs:recipient_upload", intervention, {"file": _nik_list(nik)})
        for nik in [*(person.nik for person in outsiders), MISSING_NIK]
    ]
    assert {tuple(response.context["upload"].rejected) for response in responses} == {((2, NOT_HERE),)}
    pages = {_same_page(response) for response in responses}
    assert len(pages) == 1
    _assert_names_no_one(pages.pop(), outsiders)
    assert not intervention.recipients.exists()


def test_the_search_answers_the_same_for_any_nik_no_kk_or_name_outside_the_village(
    client, agency_staff, intervention, outsiders
):
    texts = [MISSING_NIK, *(p.nik for p in outsiders), *(p.household.no_kk for p in outsiders)]
    pages = {
        _same_page(_post(client, agency_staff, "programs:recipient_search", intervention, {"q": text}))
        for text in texts
    }
    assert len(pages) == 1
    _assert_names_no_one(pages.pop(), outsiders)
    by_name = _post(client, agency_staff, "programs:recipient_search", intervention, {"q": "Rahasia"})
    assert by_name.context["found"] == []


def test_a_person_of_the_village_is_still_found_and_added(client, agency_staff, intervention, village_a):
    """The control: the same forms do find and add someone registered in the intervention's village."""
    villager = PersonFactory(household=HouseholdFactory(village=village_a))
    _post(client, agency_staff, "programs:recipient_add", intervention, {"person": villager.pk})
    assert intervention.recipients.get().person == villager


def test_a_nik_list_look_up_is_recorded_without_the_niks(client, agency_staff, intervention, outsiders, caplog):
    niks = "\r\n".join(person.nik for person in outsiders)
    upload = SimpleUploadedFile("daftar.csv", f"NIK\r\n{niks}\r\n{MISSING_NIK}\r\n".encode())
    _post(client, agency_staff, "programs:recipient_upload", intervention, {"file": upload})
    lookup = BulkLookup.objects.get()
    assert (lookup.user, lookup.role, lookup.kind, lookup.count) == (
        agency_staff,
        "agency_staff",
        "daftar_nik_penerima",
        4,
    )
    assert any("Pencarian massal" in record.getMessage() for record in caplog.records)


def test_a_nik_list_longer_than_the_cap_is_refused_before_any_look_up(
    client, agency_staff, intervention, outsiders, settings
):
    settings.RECIPIENT_LIST_MAX_NIKS = 2
    niks = "\r\n".join(person.nik for person in outsiders)
    upload = SimpleUploadedFile("daftar.csv", f"NIK\r\n{niks}\r\n".encode())
    response = _post(client, agency_staff, "programs:recipient_upload", intervention, {"file": upload})
    (note,) = [text for _, text in response.context["notes"]]
    assert "paling banyak 2 baris NIK" in note
    assert not BulkLookup.objects.exists()


def test_agency_staff_see_registry_rows_only_in_the_villages_their_agency_works_in(
    agency, agency_staff, village_a, village_b, outsiders
):
    """The registry's ``visible_to``: villages of the agency's interventions and of its assignments that
    stand (a cancelled assignment is no work there)."""
    InterventionFactory(village=village_a, program__lead_agency=agency)
    assigned = VillageFactory(subdistrict=village_a.subdistrict, name="Desa Ditugaskan")
    AssignmentFactory(village=assigned, program__lead_agency=agency)
    cancelled = VillageFactory(subdistrict=village_a.subdistrict, name="Desa Batal")
    AssignmentFactory(village=cancelled, program__lead_agency=agency, status="cancelled")
    here = PersonFactory(household=HouseholdFactory(village=village_a))
    in_assigned = PersonFactory(household=HouseholdFactory(village=assigned))
    PersonFactory(household=HouseholdFactory(village=cancelled))
    worked_elsewhere = outsiders[1]
    assert set(Person.objects.visible_to(agency_staff)) == {here, in_assigned, worked_elsewhere}
    assert set(Household.objects.visible_to(agency_staff)) == {
        p.household for p in (here, in_assigned, worked_elsewhere)
    }
