import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import SubdistrictFactory, VillageFactory, VillageYearFactory
from villages.models import Commodity, Institution, VillageYear

YEAR = timezone.localdate().year


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _codes(response) -> list[str]:
    return [row.record.code for row in response.context["table"].paginated_rows]


@pytest.fixture
def villages(village_a, village_b):
    second = VillageFactory(subdistrict=SubdistrictFactory(district=village_a.district), name="Bumi Agung")
    VillageYearFactory(village=village_a, year=YEAR, idm_status="maju", is_locus=True)
    VillageYearFactory(village=second, year=YEAR, idm_status="tertinggal")
    VillageYearFactory(village=village_b, year=YEAR, idm_status="maju")
    return village_a, second, village_b


def test_it_filters_by_district_idm_status_and_locus(admin_user, villages):
    village_a, second, village_b = villages
    client = _client(admin_user)
    list_url = reverse("villages:list")
    assert set(_codes(client.get(list_url))) == {v.code for v in villages}
    assert set(_codes(client.get(list_url, {"district": village_a.district_id}))) == {
        village_a.code,
        second.code,
    }
    assert set(_codes(client.get(list_url, {"idm_status": "maju"}))) == {village_a.code, village_b.code}
    assert _codes(client.get(list_url, {"is_locus": "1"})) == [village_a.code]
    assert set(_codes(client.get(list_url, {"is_locus": "0"}))) == {second.code, village_b.code}
    assert _codes(client.get(list_url, {"subdistrict": second.subdistrict_id})) == [second.code]
    assert _codes(client.get(list_url, {"kind": "kelurahan"})) == [village_b.code]


def test_it_shows_another_years_data(admin_user, villages):
    village_a = villages[0]
    VillageYearFactory(village=village_a, year=YEAR - 1, idm_status="tertinggal")
    response = _client(admin_user).get(reverse("villages:list"), {"tahun": YEAR - 1, "idm_status": "tertinggal"})
    assert _codes(response) == [village_a.code]


def test_it_searches_by_name_or_code(admin_user, villages):
    client = _client(admin_user)
    assert _codes(client.get(reverse("villages:list"), {"q": "bumi"})) == [villages[1].code]
    assert _codes(client.get(reverse("villages:list"), {"q": "18.72"})) == [villages[2].code]


def test_it_sorts_by_a_column(admin_user, villages):
    client = _client(admin_user)
    names = [row.record.name for row in client.get(reverse("villages:list"), {"sort": "-name"}).context["table"].rows]
    assert names == sorted(names, reverse=True)


def test_it_paginates_by_twenty_five(admin_user, village_a):
    for _ in range(30):
        VillageFactory(subdistrict=village_a.subdistrict)
    response = _client(admin_user).get(reverse("villages:list"), {"page": 2})
    assert len(_codes(response)) == 6


def test_a_district_officer_sees_and_filters_only_their_district(officer_a, villages):
    client = _client(officer_a)
    village_b = villages[2]
    assert village_b.code not in _codes(client.get(reverse("villages:list")))
    tampered = client.get(reverse("villages:list"), {"district": village_b.district_id})
    assert village_b.code not in _codes(tampered)
    assert "district" in tampered.context["filter"].errors
    options = client.get(reverse("villages:subdistrict_options"), {"district": village_b.district_id})
    assert village_b.subdistrict.name not in options.text


def test_the_subdistrict_options_follow_the_chosen_district(admin_user, villages):
    response = _client(admin_user).get(reverse("villages:subdistrict_options"), {"district": villages[2].district_id})
    assert villages[2].subdistrict.name in response.text
    assert villages[0].subdistrict.name not in response.text


def test_the_profile_shows_years_and_institutions(officer_a, villages):
    village_a = villages[0]
    Institution.objects.create(village=village_a, kind="gapoktan", name="Gapoktan Makmur")
    response = _client(officer_a).get(village_a.get_absolute_url())
    assert "Gapoktan Makmur" in response.text
    assert "Desa lokus" in response.text
    assert response.context["can_edit"]


def _post_year(user, village, data):
    return _client(user).post(reverse("villages:year_edit", args=[village.code, YEAR]), data)


def test_an_admin_sets_idm_status_commodities_and_locus(admin_user, village_a):
    padi, jagung = Commodity.objects.get(code="padi"), Commodity.objects.get(code="jagung")
    response = _post_year(
        admin_user,
        village_a,
        {"idm_status": "mandiri", "commodities": [padi.pk, jagung.pk], "is_locus": "on"},
    )
    assert response.status_code == 302
    saved = VillageYear.objects.get(village=village_a, year=YEAR)
    assert (saved.idm_status, saved.is_locus) == ("mandiri", True)
    assert set(saved.commodities.values_list("code", flat=True)) == {"padi", "jagung"}


def test_a_district_officer_cannot_designate_a_locus(officer_a, village_a):
    response = _post_year(officer_a, village_a, {"idm_status": "berkembang", "is_locus": "on"})
    assert response.status_code == 302
    saved = VillageYear.objects.get(village=village_a, year=YEAR)
    assert (saved.idm_status, saved.is_locus) == ("berkembang", False)


def test_a_district_officer_keeps_the_locus_bappeda_set(officer_a, village_a):
    VillageYearFactory(village=village_a, year=YEAR, is_locus=True)
    _post_year(officer_a, village_a, {"idm_status": "maju"})
    assert VillageYear.objects.get(village=village_a, year=YEAR).is_locus


@pytest.mark.parametrize(("user_fixture", "status"), [("officer_b", 404), ("agency_staff", 403), ("viewer", 403)])
def test_others_cannot_edit_and_nothing_changes(request, user_fixture, status, village_a):
    user = request.getfixturevalue(user_fixture)
    assert _post_year(user, village_a, {"idm_status": "mandiri", "is_locus": "on"}).status_code == status
    add = _client(user).post(
        reverse("villages:institution_add", args=[village_a.code]), {"kind": "bumdes", "name": "X"}
    )
    assert add.status_code == status
    assert not VillageYear.objects.exists()
    assert not Institution.objects.exists()


def test_a_year_far_from_now_is_not_found(admin_user, village_a):
    response = _client(admin_user).get(reverse("villages:year_edit", args=[village_a.code, 1999]))
    assert response.status_code == 404


def test_an_officer_adds_and_edits_an_institution(officer_a, village_a):
    client = _client(officer_a)
    client.post(reverse("villages:institution_add", args=[village_a.code]), {"kind": "bumdes", "name": "BUMDes Maju"})
    institution = Institution.objects.get(village=village_a)
    assert (institution.kind, institution.name, institution.active) == ("bumdes", "BUMDes Maju", False)
    edit_url = reverse("villages:institution_edit", args=[village_a.code, institution.pk])
    client.post(edit_url, {"kind": "bumdes", "name": "BUMDes Maju Bersama", "active": "on"})
    institution.refresh_from_db()
    assert (institution.name, institution.active) == ("BUMDes Maju Bersama", True)


def test_an_institution_is_not_added_twice(officer_a, village_a):
    Institution.objects.create(village=village_a, kind="bumdes", name="BUMDes Maju")
    url = reverse("villages:institution_add", args=[village_a.code])
    response = _client(officer_a).post(url, {"kind": "bumdes", "name": "bumdes maju"})
    assert response.status_code == 200
    assert "sudah ada" in response.text
    assert Institution.objects.count() == 1


def test_an_institution_of_another_village_is_not_found(officer_a, village_a):
    other = Institution.objects.create(
        village=VillageFactory(subdistrict=village_a.subdistrict), kind="bumdes", name="X"
    )
    url = reverse("villages:institution_edit", args=[village_a.code, other.pk])
    assert _client(officer_a).post(url, {"kind": "koperasi", "name": "Y"}).status_code == 404
    other.refresh_from_db()
    assert other.name == "X"
