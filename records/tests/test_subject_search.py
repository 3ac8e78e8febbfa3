"""A data subject's request (UU PDP; SECURITY-CHECKLIST PII-02): search the records by NIK or No KK and find
every access to that person's or family's data and every change of it; only Bappeda admins may; the search
is recorded."""

import pytest
from django.test import Client
from django.urls import reverse

from complaints.services import file_ticket
from desakumaju.lib.logging import SIXTEEN_DIGITS
from records.access import identity_hash
from records.models import AccessAction, AccessRecord
from tests.factories import HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db
URL = reverse("records:subject_search")


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def family(village_a):
    household = HouseholdFactory(village=village_a, address="Jl. Subjek 1")
    head = PersonFactory(household=household, relationship="kepala", name="Subjek Data")
    other = PersonFactory(household=household, relationship="anak", name="Anggota Lain")
    return household, head, other


def _search(user, number, reason="Surat permohonan 001/2026"):
    return _client(user).post(URL, {"nomor": number, "keterangan": reason})


def _touch_everything(officer_a, admin_user, household, head, other, village_a):
    officer = _client(officer_a)
    officer.get(household.get_absolute_url())  # a view of the household page
    officer.get(reverse("beneficiaries:person_edit", args=[household.pk, head.pk]))  # the member's form
    reveal = reverse("beneficiaries:household_reveal", args=[household.pk])
    officer.post(reveal, {"sasaran": f"anggota-{head.pk}", "tujuan": "verifikasi"})  # a reveal
    officer.get(reverse("beneficiaries:household_export"), {"format": "csv"})  # an export holding them
    ticket = file_ticket(category="data_correction", village=village_a, description="Data saya.", nik=head.nik)
    _client(admin_user).get(reverse("complaints:ticket_detail", args=[ticket.pk]))  # their complaint
    head.occupation = "Nelayan"
    head.save()  # a change
    return ticket


def test_it_finds_every_access_and_change_for_the_person(officer_a, admin_user, family, village_a):
    household, head, other = family
    _touch_everything(officer_a, admin_user, household, head, other, village_a)
    _client(officer_a).get(reverse("beneficiaries:person_edit", args=[household.pk, other.pk]))  # not theirs

    response = _search(admin_user, head.nik)
    assert response.status_code == 200
    found = {(a.action, a.user_id) for a in response.context["accesses"]}
    assert found == {
        (AccessAction.VIEW_HOUSEHOLD, officer_a.pk), (AccessAction.VIEW_PERSON, officer_a.pk),
        (AccessAction.REVEAL, officer_a.pk), (AccessAction.EXPORT, officer_a.pk),
        (AccessAction.VIEW_TICKET, admin_user.pk),
    }  # fmt: skip
    assert not [a for a in response.context["accesses"] if a.person_id == other.pk]
    changes = [(e.kind, e.record) for e in response.context["entries"]]
    assert ("anggota keluarga", "Subjek Data") in changes and ("keluarga", household.masked_no_kk) in changes
    assert "Anggota Lain" not in {record for _, record in changes}, "another member's changes are not theirs"
    assert any(c.after == "Nelayan" for e in response.context["entries"] for c in e.changes)
    assert not SIXTEEN_DIGITS.search(response.text)


def test_a_no_kk_finds_the_family_and_every_member(officer_a, admin_user, family, village_a):
    household, _, other = family
    _client(officer_a).get(reverse("beneficiaries:person_edit", args=[household.pk, other.pk]))
    response = _search(admin_user, household.no_kk)
    assert response.context["persons"] == 2 and response.context["households"] == 1
    assert {a.person_id for a in response.context["accesses"]} == {other.pk}


def test_a_corrected_nik_still_finds_its_person(admin_user, family):
    _, head, _ = family
    old = head.nik
    head.nik = old[:-4] + "9999"
    head.save()
    response = _search(admin_user, old)
    assert head.pk in response.context["subject"].ids("beneficiaries.person")


def test_the_search_itself_is_recorded_without_the_number(admin_user, family):
    _, head, _ = family
    _search(admin_user, head.nik)
    record = AccessRecord.objects.get(action=AccessAction.SUBJECT_SEARCH)
    assert (record.user, record.subject_hash, record.reason) == (
        admin_user,
        identity_hash(head.nik),
        "Surat permohonan 001/2026",
    )
    assert head.nik not in (record.path + record.reason)
    again = _search(admin_user, head.nik)
    assert AccessAction.SUBJECT_SEARCH in {a.action for a in again.context["accesses"]}


@pytest.mark.parametrize("role", ["officer_a", "viewer", "agency_staff"])
def test_only_bappeda_admins_may_search(request, role, family):
    _, head, _ = family
    assert _search(request.getfixturevalue(role), head.nik).status_code == 403
    assert not AccessRecord.objects.filter(action=AccessAction.SUBJECT_SEARCH).exists()


def test_a_number_that_is_nowhere_says_so(admin_user):
    response = _search(admin_user, "1801010101010001")
    assert "tidak ditemukan" in response.text and not response.context["accesses"]


@pytest.mark.parametrize("data", [{"nomor": "12345", "keterangan": "x"}, {"nomor": "1801010101010001"}])
def test_the_form_needs_sixteen_digits_and_a_basis(admin_user, data):
    response = _client(admin_user).post(URL, data)
    assert response.status_code == 200 and "searched" not in response.context
