"""Editing a household by hand: the rules, the scope, and what a form may never change."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from beneficiaries.models import Household
from beneficiaries.services import update_household
from tests.factories import HouseholdFactory, VillageFactory

TODAY = timezone.localdate()


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def household(village_a):
    return HouseholdFactory(village=village_a, desil=1, desil_source="dtsen", desil_as_of="2025-03-31")


def _data(household, **changes):
    return {
        "subdistrict": household.village.subdistrict_id,
        "village": household.village_id,
        "address": "Jl. Raya Hajimena No. 12",
        "dusun": "Dusun Sukajadi",
        "rt": "004",
        "rw": "002",
        "status": "aktif",
        "status_date": "",
        "status_reason": "",
        "versi": household.updated_at.isoformat(),
        **changes,
    }


def _post(user, household, **changes):
    url = reverse("beneficiaries:household_edit", args=[household.pk])
    return _client(user).post(url, _data(household, **changes))


def _snapshot(household) -> dict:
    return Household.objects.filter(pk=household.pk).values().get()


def test_an_officer_corrects_the_address(officer_a, household):
    response = _post(officer_a, household)
    assert response.status_code == 302 and response["Location"] == household.get_absolute_url()
    household.refresh_from_db()
    assert (household.address, household.dusun, household.rt, household.rw) == (
        "Jl. Raya Hajimena No. 12",
        "Dusun Sukajadi",
        "004",
        "002",
    )


@pytest.mark.parametrize("status", ["graduasi", "pindah", "meninggal", "nonaktif"])
def test_leaving_the_registry_needs_a_date_and_a_reason(admin_user, household, status):
    before = _snapshot(household)
    response = _post(admin_user, household, status=status)
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"status_date", "status_reason"}
    assert "Wajib diisi untuk status ini." in response.text
    assert _snapshot(household) == before
    _post(admin_user, household, status=status, status_date=TODAY.isoformat(), status_reason="Verifikasi desa")
    household.refresh_from_db()
    assert (household.status, household.status_date, household.status_reason) == (
        status,
        TODAY,
        "Verifikasi desa",
    )


def test_a_status_date_cannot_be_in_the_future(admin_user, household):
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    response = _post(admin_user, household, status="pindah", status_date=tomorrow, status_reason="x")
    assert "tidak boleh melewati hari ini" in response.text


def test_rt_and_rw_are_short_numbers(officer_a, household):
    response = _post(officer_a, household, rt="1a", rw="")
    assert list(response.context["form"].errors) == ["rt"]


def test_extra_fields_are_ignored(officer_a, household):
    _post(officer_a, household, desil="9", desil_source="lokal", no_kk="1801049999990001", import_batch="1")
    household.refresh_from_db()
    assert (household.desil, household.desil_source, household.no_kk) == (1, "dtsen", household.no_kk)
    assert household.address == "Jl. Raya Hajimena No. 12"


def test_an_officer_moves_a_family_within_their_district(officer_a, household, village_a):
    other = VillageFactory(subdistrict=village_a.subdistrict, name="Branti Raya")
    _post(officer_a, household, village=other.pk)
    household.refresh_from_db()
    assert household.village == other


def test_an_officer_cannot_move_a_family_to_another_district(officer_a, household, village_b):
    before = _snapshot(household)
    response = _post(officer_a, household, subdistrict=village_b.subdistrict_id, village=village_b.pk)
    assert response.status_code == 200
    assert {"subdistrict", "village"} <= response.context["form"].errors.keys()
    response = _post(officer_a, household, village=village_b.pk)
    assert "village" in response.context["form"].errors
    assert _snapshot(household) == before


def test_an_admin_moves_a_family_to_another_district(admin_user, household, village_b):
    _post(admin_user, household, subdistrict=village_b.subdistrict_id, village=village_b.pk)
    household.refresh_from_db()
    assert household.village == village_b


def test_the_service_refuses_a_move_out_of_the_users_scope(officer_a, household, village_b):
    household.village = village_b
    with pytest.raises(PermissionDenied):
        update_household(household=household, version=household.updated_at.isoformat(), user=officer_a)
    assert Household.objects.get(pk=household.pk).village_id != village_b.pk


@pytest.mark.parametrize(
    ("role", "status"), [("viewer", 403), ("viewer_a", 403), ("officer_b", 404), ("agency_staff", 404)]
)
def test_others_cannot_edit_and_nothing_changes(request, role, status, household):
    before = _snapshot(household)
    response = _post(request.getfixturevalue(role), household, status="meninggal", status_reason="x")
    assert response.status_code == status
    assert _snapshot(household) == before


def test_a_stale_form_does_not_overwrite_a_newer_edit(officer_a, admin_user, household):
    stale_version = household.updated_at.isoformat()
    _post(admin_user, household, address="Alamat baru dari admin")
    url = reverse("beneficiaries:household_edit", args=[household.pk])
    stale = _data(household, address="Alamat lama", versi=stale_version)
    response = _client(officer_a).post(url, stale, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "telah diubah orang lain" in response.text
    assert response.context["form"]["address"].value() == "Alamat baru dari admin"
    household.refresh_from_db()
    assert household.address == "Alamat baru dari admin"
