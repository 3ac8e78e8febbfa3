"""The priority list: unreached active persons, desil 1 first, then by region; paginated and downloadable."""

import io

import pytest
from openpyxl import load_workbook

from beneficiaries.models import HouseholdStatus
from programs.targeting import priority_list
from tests.factories import (
    HouseholdFactory,
    InterventionFactory,
    PersonFactory,
    RecipientFactory,
    SubdistrictFactory,
    VillageFactory,
)


@pytest.fixture
def second_village(village_a):
    """A village whose code sorts before village_a's (kecamatan 18.01.03)."""
    subdistrict = SubdistrictFactory(district=village_a.district, code="18.01.03", name="Tanjung Bintang")
    return VillageFactory(subdistrict=subdistrict, code="18.01.03.2001", name="Jatibaru")


def _person(village, desil, **kwargs):
    return PersonFactory(household=HouseholdFactory(village=village, desil=desil, **kwargs))


def test_it_orders_by_desil_then_region_and_leaves_out_the_reached(village_a, second_village, admin_user):
    desil2_a, desil1_a = _person(village_a, 2), _person(village_a, 1)
    desil1_second, reached = _person(second_village, 1), _person(second_village, 1)
    RecipientFactory(intervention=InterventionFactory(village=second_village), household=reached.household)
    _person(village_a, None)  # not ranked
    _person(village_a, 1, status=HouseholdStatus.GRADUATED)
    assert list(priority_list(user=admin_user, year=2026)) == [desil1_second, desil1_a, desil2_a]
    assert reached in priority_list(user=admin_user, year=2027)


def test_it_filters_by_village_subdistrict_and_district(village_a, village_b, second_village, admin_user):
    here, there, elsewhere = _person(village_a, 1), _person(second_village, 1), _person(village_b, 1)
    assert list(priority_list(user=admin_user, year=2026, village=village_a)) == [here]
    assert list(priority_list(user=admin_user, year=2026, subdistrict=second_village.subdistrict)) == [there]
    assert list(priority_list(user=admin_user, year=2026, district=village_b.district)) == [elsewhere]


def test_it_shows_only_the_users_scope(village_a, village_b, officer_b):
    _person(village_a, 1)
    mine = _person(village_b, 1)
    assert list(priority_list(user=officer_b, year=2026)) == [mine]


def test_the_page_masks_nik(client, village_a, viewer):
    person = _person(village_a, 1)
    client.force_login(viewer)
    page = client.get("/program/sasaran/prioritas/", {"village": village_a.pk, "tahun": 2026}).content.decode()
    assert person.name in page and person.masked_nik in page and person.nik not in page


def _sheet(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(io.BytesIO(response.getvalue()), read_only=True).active.values)


def test_the_download_writes_strings_as_text_and_defuses_formulas(client, village_a, officer_a):
    person = _person(village_a, 1)
    person.name = '=HYPERLINK("http://x")'
    person.save()
    client.force_login(officer_a)
    assert _sheet(client.get("/program/sasaran/prioritas.xlsx", {"tahun": 2026}))[1][2] == person.masked_nik
    # Full numbers: asked for with a reason (PII-01).
    full = client.post("/program/sasaran/prioritas.xlsx?tahun=2026", {"lengkap": "1", "tujuan": "verifikasi"})
    rows = _sheet(full)
    assert rows[0][:3] == ("Desil", "Nama", "NIK")
    assert rows[1][0] == 1 and rows[1][1] == '\'=HYPERLINK("http://x")'
    assert rows[1][2] == person.nik and isinstance(rows[1][2], str)


def test_the_download_masks_nik_for_viewers(client, village_a, viewer):
    person = _person(village_a, 1)
    client.force_login(viewer)
    rows = _sheet(client.get("/program/sasaran/prioritas.xlsx", {"tahun": 2026}))
    assert rows[1][2] == person.masked_nik


def test_a_region_outside_the_scope_finds_nobody(client, village_a, officer_b):
    _person(village_a, 1)
    client.force_login(officer_b)
    response = client.get("/program/sasaran/prioritas/", {"village": village_a.pk})
    assert response.status_code == 200 and len(response.context["table"].page.object_list) == 0
    assert "Tidak ada warga yang belum terjangkau." in response.content.decode()
