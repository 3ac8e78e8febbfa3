"""The NIK of a member: the importer's rules (errors block, warnings shown after saving), unique,
and never repeated in a message or a log line."""

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from beneficiaries.models import Person
from beneficiaries.validators import compose_nik
from tests.factories import HouseholdFactory, PersonFactory

SIXTEEN_DIGITS = re.compile(r"\d{16}")
BORN = date(1985, 7, 15)
NIK = compose_nik(kecamatan_code="18.01.04", birth_date=BORN, sex="L", serial=3)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def household(village_a):
    return HouseholdFactory(village=village_a)


def _add(user, household, **changes):
    data = {"name": "Jumadi Pranajaya", "nik": NIK, "sex": "L", "birth_date": BORN.isoformat()}
    data |= {"relationship": "kepala", **changes}
    return _client(user).post(reverse("beneficiaries:person_add", args=[household.pk]), data, follow=True)


def _texts(response, level: str) -> list[str]:
    return [str(message) for message in response.context["messages"] if message.level_tag == level]


@pytest.mark.parametrize(
    ("nik", "error"),
    [
        ("180104150785003", "harus 16 digit (terbaca 15 digit)"),
        ("1.80104E+15", "hanya boleh berisi 16 digit angka"),  # an Excel number cell, never repaired
        ("1801043002850003", "bukan tanggal yang mungkin"),
        ("1801041507850000", "tidak boleh 0000"),
        ("9901041507850003", "Kode provinsi NIK (99) tidak dikenal"),
    ],
)
def test_an_invalid_nik_blocks_saving(officer_a, household, nik, error):
    response = _add(officer_a, household, nik=nik)
    errors = response.context["form"].errors["nik"]
    assert any(error in message for message in errors), errors
    assert not any(nik in message for message in errors)
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("changes", "warning"),
    [
        ({"sex": "P"}, "Jenis kelamin (P) tidak sesuai dengan NIK (L)"),
        ({"birth_date": "1985-07-16"}, "Tanggal lahir tidak sesuai dengan tanggal di dalam NIK"),
        (
            {"nik": compose_nik(kecamatan_code="18.71.01", birth_date=BORN, sex="L", serial=3)},
            "berbeda dengan kecamatan domisili",
        ),
    ],
)
def test_a_doubtful_nik_is_saved_with_a_warning(admin_user, household, changes, warning, caplog):
    response = _add(admin_user, household, **changes)
    assert response.redirect_chain == [(household.get_absolute_url(), 302)]
    assert Person.objects.filter(household=household).exists()
    warnings = _texts(response, "warning")
    assert any(warning in text for text in warnings), warnings
    assert not any(SIXTEEN_DIGITS.search(text) for text in warnings)
    assert not SIXTEEN_DIGITS.search(caplog.text)


def test_a_nik_already_registered_anywhere_is_refused_without_saying_where(officer_a, household, village_b):
    PersonFactory(household=HouseholdFactory(village=village_b), nik=NIK, sex="L", birth_date=BORN)
    response = _add(officer_a, household)
    [error] = response.context["form"].errors["nik"]
    assert "sudah terdaftar untuk orang lain" in error
    assert "Metro" not in error and NIK not in error
    assert Person.objects.filter(household=household).count() == 0


def test_a_member_keeps_their_own_nik_when_edited(officer_a, household):
    person = PersonFactory(household=household, nik=NIK, sex="L", birth_date=BORN, relationship="kepala")
    url = reverse("beneficiaries:person_edit", args=[household.pk, person.pk])
    data = {"name": "Jumadi P.", "nik": NIK, "sex": "L", "birth_date": BORN.isoformat()}
    data |= {"relationship": "kepala", "versi": person.updated_at.isoformat()}
    response = _client(officer_a).post(url, data)
    assert response.status_code == 302
    assert Person.objects.get(pk=person.pk).name == "Jumadi P."
