"""The household registry list: filters, search, sorting, pagination, scoping and masking."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from desakumaju.lib.navigation import items_for
from tests.factories import HouseholdFactory, PersonFactory, SubdistrictFactory, VillageFactory

LIST = reverse("beneficiaries:household_list")
SIXTEEN_DIGITS = re.compile(r"\d{16}")


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _pks(response) -> list[int]:
    return [row.record.pk for row in response.context["table"].paginated_rows]


def _search(client, text, **filters):
    return client.post(LIST, {"q": text, **filters}, follow=True)


@pytest.fixture
def households(village_a, village_b):
    """Three families: desil 1 in Natar, no desil in another kecamatan of A, desil 1 in Metro (B)."""
    other_village = VillageFactory(subdistrict=SubdistrictFactory(district=village_a.district))
    natar = HouseholdFactory(village=village_a, desil=1, desil_source="dtsen", desil_as_of="2025-03-31")
    PersonFactory(household=natar, relationship="kepala", name="Darmaji Tirtalaga")
    PersonFactory(household=natar)
    moved = HouseholdFactory(village=other_village, status="pindah")
    PersonFactory(household=moved, relationship="kepala", name="Painem Wanasraya", sex="P")
    metro = HouseholdFactory(village=village_b, desil=1, desil_source="p3ke", desil_as_of="2024-12-31")
    PersonFactory(household=metro, relationship="kepala", name="Kuswoyo Margadipa")
    return natar, moved, metro


def test_it_filters_by_region(admin_user, households):
    natar, moved, metro = households
    client = _client(admin_user)
    assert set(_pks(client.get(LIST))) == {natar.pk, moved.pk, metro.pk}
    assert set(_pks(client.get(LIST, {"district": natar.village.district_id}))) == {natar.pk, moved.pk}
    assert _pks(client.get(LIST, {"subdistrict": moved.village.subdistrict_id})) == [moved.pk]
    by_village = {"subdistrict": natar.village.subdistrict_id, "village": natar.village_id}
    assert _pks(client.get(LIST, by_village)) == [natar.pk]


def test_it_filters_by_desil_including_none_yet(admin_user, households):
    natar, moved, metro = households
    client = _client(admin_user)
    assert set(_pks(client.get(LIST, {"desil": "1"}))) == {natar.pk, metro.pk}
    assert _pks(client.get(LIST, {"desil": "kosong"})) == [moved.pk]
    assert _pks(client.get(LIST, {"desil": "2"})) == []


def test_it_filters_by_status_and_desil_source(admin_user, households):
    _, moved, metro = households
    client = _client(admin_user)
    assert _pks(client.get(LIST, {"status": "pindah"})) == [moved.pk]
    assert _pks(client.get(LIST, {"desil_source": "p3ke"})) == [metro.pk]


def test_it_searches_the_heads_name_ignoring_case(admin_user, households):
    response = _search(_client(admin_user), "tirtaLAGA")
    assert _pks(response) == [households[0].pk]


def test_it_finds_a_family_by_its_exact_no_kk_or_a_members_nik(admin_user, households):
    natar = households[0]
    client = _client(admin_user)
    assert _pks(_search(client, natar.no_kk)) == [natar.pk]
    child = natar.members.get(relationship="anak")
    assert _pks(_search(client, f" {child.nik} ")) == [natar.pk]
    assert _pks(_search(client, child.nik[:15])) == []


def test_it_keeps_a_nik_out_of_urls_and_pages(admin_user, households):
    nik = households[0].members.first().nik
    client = _client(admin_user)
    redirect = client.post(LIST, {"q": nik, "status": "aktif"})
    assert redirect.status_code == 302
    assert nik not in redirect["Location"]
    assert "cari=" in redirect["Location"] and "status=aktif" in redirect["Location"]
    page = client.get(redirect["Location"])
    assert _pks(page) == [households[0].pk]
    assert not SIXTEEN_DIGITS.search(page.text)
    assert f'value="{nik[:4]}••••••••{nik[-4:]}"' in page.text


def test_it_keeps_the_search_when_the_form_is_sent_again_with_the_masked_text(admin_user, households):
    natar = households[0]
    client = _client(admin_user)
    first = client.post(LIST, {"q": natar.no_kk})
    token = first["Location"].split("cari=")[1]
    again = client.post(LIST, {"q": natar.masked_no_kk, "cari": token, "desil": "1"}, follow=True)
    assert _pks(again) == [natar.pk]
    cleared = client.post(LIST, {"q": "", "cari": token}, follow=True)
    assert len(_pks(cleared)) == 3


def test_it_keeps_the_search_in_sorting_and_page_links(admin_user, village_a):
    for _ in range(26):
        PersonFactory(household=HouseholdFactory(village=village_a), relationship="kepala", name="Bagas Uji")
    response = _search(_client(admin_user), "bagas")
    assert response.context["table"].paginator.count == 26
    token = response.request["QUERY_STRING"].split("cari=")[1]
    assert f"cari={token}" in response.text.split('id="household-table"')[1]
    assert len(_pks(_client(admin_user).get(LIST, {"cari": "tidak-ada"}))) == 25  # an unknown token: no search


def test_it_sorts_by_head_name_and_member_count(admin_user, households):
    client = _client(admin_user)
    names = [row.record.head_name for row in client.get(LIST, {"sort": "-head_name"}).context["table"].rows]
    assert names == ["Painem Wanasraya", "Kuswoyo Margadipa", "Darmaji Tirtalaga"]
    first = client.get(LIST, {"sort": "-member_count"}).context["table"].rows[0].record
    assert (first.pk, first.member_count) == (households[0].pk, 2)


def test_it_paginates_by_twenty_five(admin_user, village_a):
    HouseholdFactory.create_batch(27, village=village_a)
    client = _client(admin_user)
    assert len(_pks(client.get(LIST))) == 25
    assert len(_pks(client.get(LIST, {"page": 2}))) == 2


def test_it_needs_the_same_few_queries_for_a_full_page(admin_user, village_a, django_assert_max_num_queries):
    for household in HouseholdFactory.create_batch(30, village=village_a, desil=2):
        PersonFactory(household=household, relationship="kepala")
        PersonFactory.create_batch(2, household=household)
    client = _client(admin_user)
    with django_assert_max_num_queries(10):  # 9, and the admin's second-factor device (django-otp)
        response = client.get(LIST, {"sort": "-member_count"})
    assert response.context["table"].rows[0].record.member_count == 3


def test_a_district_officer_sees_only_their_district(officer_a, households):
    natar, moved, metro = households
    client = _client(officer_a)
    assert set(_pks(client.get(LIST))) == {natar.pk, moved.pk}
    tampered = client.get(LIST, {"district": metro.village.district_id})
    assert _pks(tampered) == []
    assert "district" in tampered.context["filter"].errors
    assert _pks(client.get(LIST, {"subdistrict": metro.village.subdistrict_id})) == []
    assert _pks(_search(client, metro.no_kk)) == []
    assert _pks(_search(client, metro.members.get().nik)) == []
    assert _pks(_search(client, "Kuswoyo")) == []


def test_a_district_viewer_sees_only_their_district(viewer_a, households):
    assert set(_pks(_client(viewer_a).get(LIST))) == {households[0].pk, households[1].pk}


def test_an_officer_without_district_sees_nothing(user_without_scope, households):
    assert _pks(_client(user_without_scope).get(LIST)) == []


def test_agency_staff_are_refused_the_registry(agency_staff, households):
    client = _client(agency_staff)
    assert client.get(LIST).status_code == 403
    assert client.post(LIST, {"q": "Darmaji"}).status_code == 403


def test_the_village_options_follow_the_kecamatan_within_the_scope(officer_a, households):
    natar, moved, metro = households
    client = _client(officer_a)
    url = reverse("beneficiaries:village_options")
    own = client.get(url, {"subdistrict": natar.village.subdistrict_id})
    assert natar.village.name in own.text and moved.village.name not in own.text
    assert metro.village.name not in client.get(url, {"subdistrict": metro.village.subdistrict_id}).text
    assert client.get(url, {"subdistrict": "x"}).status_code == 200


@pytest.mark.parametrize("role", ["admin_user", "officer_a", "viewer", "viewer_a"])
def test_no_role_gets_a_full_nik_or_no_kk_in_the_list(request, role, households):
    client = _client(request.getfixturevalue(role))
    response = client.get(LIST)
    assert response.status_code == 200 and _pks(response)
    assert not SIXTEEN_DIGITS.search(response.text)
    assert households[0].masked_no_kk in response.text


@pytest.mark.parametrize(
    ("role", "shown"), [("admin_user", True), ("officer_a", True), ("viewer", True), ("agency_staff", False)]
)
def test_the_navigation_offers_the_registry_to_those_who_may_open_it(request, role, shown):
    labels = [item["label"] for item in items_for(request.getfixturevalue(role))]
    assert ("Keluarga" in labels) is shown
