"""One household: what it shows, and who sees full identity numbers."""

import re
from datetime import date

import pytest
from django.test import Client

from tests.factories import DesilRecordFactory, HouseholdFactory, PersonFactory

SIXTEEN_DIGITS = re.compile(r"\d{16}")


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def household(village_a):
    household = HouseholdFactory(
        village=village_a,
        rt="003",
        rw="001",
        desil=2,
        desil_source="dtsen",
        desil_as_of=date(2025, 9, 30),
        status="graduasi",
        status_date=date(2026, 1, 15),
        status_reason="Usaha tani jagung berkembang",
    )
    PersonFactory(household=household, relationship="anak", name="Tegar Haryalaksa", sex="L")
    PersonFactory(
        household=household,
        relationship="kepala",
        name="Sumirah Haryalaksa",
        sex="P",
        birth_place="Kalianda",
        birth_date=date(1990, 7, 1),
        has_disability=True,
    )
    DesilRecordFactory(household=household, desil=3, source="dtks", as_of=date(2024, 6, 30))
    DesilRecordFactory(household=household, desil=2, source="dtsen", as_of=date(2025, 9, 30))
    return household


def test_it_shows_the_address_desil_status_and_members(officer_a, household):
    response = _client(officer_a).get(household.get_absolute_url())
    text = response.text
    assert "003/001" in text and household.village.get_absolute_url() in text
    assert "Desil 2 · DTSEN per 30 September 2025" in text
    assert "Keluar dari kemiskinan sejak 15 Januari 2026 — Usaha tani jagung berkembang" in text
    assert "Kalianda, 01 Juli 1990" in text
    members = [person.name for person in response.context["members"]]
    assert members == ["Sumirah Haryalaksa", "Tegar Haryalaksa"]  # the head first


def test_it_lists_the_desil_history_newest_first(viewer, household):
    response = _client(viewer).get(household.get_absolute_url())
    assert [record.desil for record in response.context["desil_history"]] == [2, 3]
    history = response.text.split('id="desil-history"')[1]
    assert history.index("30 September 2025") < history.index("30 Juni 2024")


@pytest.mark.parametrize("role", ["admin_user", "officer_a"])
def test_those_who_may_correct_the_data_see_masked_numbers_they_may_reveal(request, role, household):
    """PII-01: full numbers only on request, with a reason (records/tests/test_reveal.py)."""
    text = _client(request.getfixturevalue(role)).get(household.get_absolute_url()).text
    assert not SIXTEEN_DIGITS.search(text)
    assert household.masked_no_kk in text
    assert text.count('data-testid="reveal-toggle"') == 1 + household.members.count()
    assert "Ubah data keluarga" in text


@pytest.mark.parametrize("role", ["viewer", "viewer_a"])
def test_viewers_see_masked_numbers_only(request, role, household):
    response = _client(request.getfixturevalue(role)).get(household.get_absolute_url())
    assert response.status_code == 200
    assert not SIXTEEN_DIGITS.search(response.text)
    assert household.masked_no_kk in response.text
    assert "Ubah data keluarga" not in response.text
    assert 'data-testid="reveal-toggle"' not in response.text


@pytest.mark.parametrize("role", ["officer_b", "agency_staff", "user_without_scope"])
def test_it_is_not_found_outside_the_scope(request, role, household, caplog):
    response = _client(request.getfixturevalue(role)).get(household.get_absolute_url())
    assert response.status_code == 404
    assert household.masked_no_kk not in response.text
    assert f"Keluarga #{household.pk} di luar wilayah" in caplog.text


def test_a_missing_household_is_not_found(admin_user):
    assert _client(admin_user).get("/bnba/keluarga/999999/").status_code == 404
