"""Masked by default, revealed with a reason, recorded (SECURITY-CHECKLIST PII-01, DOC-01)."""

import pytest
from django.test import Client
from django.urls import reverse

from complaints.services import file_ticket
from desakumaju.lib.logging import SIXTEEN_DIGITS
from records.access import identity_hash
from records.models import AccessAction, AccessRecord
from tests.factories import HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def household(village_a):
    household = HouseholdFactory(village=village_a)
    PersonFactory(household=household, relationship="kepala")
    PersonFactory(household=household, relationship="anak")
    return household


def _client(user, **headers):
    client = Client(**headers)
    client.force_login(user)
    return client


def _reveal(user, household, target, **data):
    url = reverse("beneficiaries:household_reveal", args=[household.pk])
    return _client(user).post(url, {"sasaran": target, **data})


def _reveals():
    return AccessRecord.objects.filter(action=AccessAction.REVEAL)


@pytest.mark.parametrize("role", ["admin_user", "officer_a", "viewer", "viewer_a"])
def test_no_page_shows_a_full_number_to_any_role(request, role, household):
    client = _client(request.getfixturevalue(role))
    head = household.members.first()
    pages = [household.get_absolute_url(), reverse("beneficiaries:household_history", args=[household.pk])]
    if role in ("admin_user", "officer_a"):
        pages.append(reverse("beneficiaries:person_edit", args=[household.pk, head.pk]))
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not SIXTEEN_DIGITS.search(response.text), url


def test_the_reveal_endpoint_answers_get_with_405(officer_a, household):
    url = reverse("beneficiaries:household_reveal", args=[household.pk])
    assert _client(officer_a).get(url).status_code == 405


@pytest.mark.parametrize(("role", "status"), [("viewer_a", 403), ("officer_b", 404), ("agency_staff", 404)])
def test_those_without_the_right_get_403_or_404_and_nothing(request, role, status, household):
    response = _reveal(request.getfixturevalue(role), household, "kk", tujuan="verifikasi")
    assert response.status_code == status
    assert household.no_kk not in response.text
    assert not _reveals().exists()


@pytest.mark.parametrize(
    "data", [{}, {"tujuan": "tidak-ada"}, {"tujuan": "lainnya"}, {"tujuan": "lainnya", "keterangan": " "}]
)
def test_a_reveal_without_a_reason_is_refused(officer_a, household, data):
    response = _reveal(officer_a, household, "kk", **data)
    assert response.status_code == 400
    assert not SIXTEEN_DIGITS.search(response.text)
    assert not _reveals().exists()


def test_a_reveal_with_a_reason_shows_that_number_only_and_is_recorded(officer_a, household):
    person = household.members.order_by("pk").last()
    response = _reveal(officer_a, household, f"anggota-{person.pk}", tujuan="koreksi")
    assert response.status_code == 200
    assert SIXTEEN_DIGITS.findall(response.text) and person.nik in response.text
    assert household.no_kk not in response.text and household.members.first().nik not in response.text
    record = _reveals().get()
    assert (record.user, record.purpose, record.household_id, record.person_id) == (
        officer_a,
        "koreksi",
        household.pk,
        person.pk,
    )
    assert record.subject_hash == identity_hash(person.nik) and person.nik not in record.subject_hash


def test_lainnya_with_words_is_a_reason(admin_user, household):
    response = _reveal(admin_user, household, "kk", tujuan="lainnya", keterangan="Surat permintaan Dinsos")
    assert response.status_code == 200 and household.no_kk in response.text
    assert _reveals().get().reason == "Surat permintaan Dinsos"


def test_htmx_gets_the_number_alone_to_swap_in(officer_a, household):
    url = reverse("beneficiaries:household_reveal", args=[household.pk])
    response = _client(officer_a).post(url, {"sasaran": "kk", "tujuan": "verifikasi"}, HTTP_HX_REQUEST="true")
    assert response.text.strip().startswith('<span id="nomor-kk"') and household.no_kk in response.text


def test_an_unknown_target_or_another_households_member_is_404(officer_a, household, village_a):
    stranger = PersonFactory(household=HouseholdFactory(village=village_a), relationship="kepala")
    for target in ("semua", f"anggota-{stranger.pk}", "anggota-x"):
        assert _reveal(officer_a, household, target, tujuan="verifikasi").status_code == 404
    assert not _reveals().exists()


def test_viewing_a_household_or_a_member_form_is_recorded(officer_a, household):
    client = _client(officer_a, REMOTE_ADDR="192.0.2.8")
    head = household.members.first()
    client.get(household.get_absolute_url())
    client.get(reverse("beneficiaries:person_edit", args=[household.pk, head.pk]))
    views = AccessRecord.objects.filter(user=officer_a).exclude(action=AccessAction.LOGIN).order_by("pk")
    assert [(r.action, r.household_id, r.person_id, r.subject_count, r.address) for r in views] == [
        (AccessAction.VIEW_HOUSEHOLD, household.pk, None, 2, "192.0.2.8"),
        (AccessAction.VIEW_PERSON, household.pk, head.pk, 1, "192.0.2.8"),
    ]


def _person_data(person, **changes):
    return {
        "name": person.name, "nik": "", "sex": person.sex, "birth_place": person.birth_place,
        "birth_date": person.birth_date.isoformat() if person.birth_date else "", "relationship": person.relationship,
        "marital_status": person.marital_status, "education": person.education, "occupation": "petani",
        "has_disability": "", "versi": person.updated_at.isoformat(), **changes,
    }  # fmt: skip


def test_the_member_form_keeps_the_nik_when_left_empty(officer_a, household):
    person = household.members.first()
    url = reverse("beneficiaries:person_edit", args=[household.pk, person.pk])
    response = _client(officer_a).post(url, _person_data(person))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.occupation == "petani" and len(person.nik) == 16


def test_a_ticket_nik_is_masked_and_revealed_with_a_reason(officer_a, viewer_a, village_a, head_nik):
    ticket = file_ticket(category="data_correction", village=village_a, description="Data salah.", nik=head_nik)
    detail = reverse("complaints:ticket_detail", args=[ticket.pk])
    reveal = reverse("complaints:ticket_reveal", args=[ticket.pk])
    client = _client(officer_a)
    assert not SIXTEEN_DIGITS.search(client.get(detail).text)
    assert client.get(reveal).status_code == 405
    assert client.post(reveal, {"sasaran": "nik"}).status_code == 400
    response = client.post(reveal, {"sasaran": "nik", "tujuan": "pengaduan"})
    assert response.status_code == 200 and head_nik in response.text
    record = _reveals().get()
    assert (record.object_type, record.object_id, record.purpose) == ("complaints.ticket", ticket.pk, "pengaduan")


@pytest.fixture
def head_nik(village_a):
    from datetime import date

    from beneficiaries.validators import compose_nik

    return compose_nik(kecamatan_code="18.01.04", birth_date=date(1980, 1, 1), sex="L", serial=1)
