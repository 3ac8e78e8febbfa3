"""Editing a village's yearly data and institutions through the profile page."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import VillageYearFactory
from villages.models import Commodity, IdmStatus, Institution, InstitutionKind, VillageYear

pytestmark = pytest.mark.browser


COMMODITIES = [("padi", "Padi"), ("jagung", "Jagung"), ("singkong", "Singkong"), ("lainnya", "Lainnya")]


@pytest.fixture
def commodities(db):
    """The commodities seeded by migration 0002 (a transactional test's flush removes them)."""
    return [Commodity.objects.get_or_create(code=code, defaults={"name": name})[0] for code, name in COMMODITIES]


@pytest.fixture
def this_year():
    return timezone.localdate().year


def yearly_row(page, year: int):
    """The row of ``year`` in the profile's yearly data table."""
    year_cell = page.get_by_role("cell", name=str(year), exact=True)
    return page.locator("#village-years tbody tr").filter(has=year_cell)


def test_admin_sets_the_yearly_data_and_adds_an_institution(
    page, live_server, admin_user, village_a, commodities, this_year
):
    login(page, live_server, admin_user.username)
    page.goto(village_a.get_absolute_url())
    expect(page.get_by_test_id("village-name")).to_have_text("Desa Hajimena")
    expect(page.locator("#village-years")).to_contain_text("Belum ada data tahunan.")

    page.get_by_role("link", name=f"Ubah data {this_year}").click()
    expect(page.get_by_role("heading", name=f"Desa Hajimena — data tahun {this_year}")).to_be_visible()
    page.get_by_label("Status IDM").select_option(label="Maju")
    page.get_by_label("Padi").check()
    page.get_by_label("Jagung").check()
    page.get_by_label("Desa lokus Desaku Maju").check()
    page.get_by_role("button", name="Simpan").click()

    expect(page).to_have_url(f"{live_server.url}{village_a.get_absolute_url()}")
    expect(page.get_by_role("alert")).to_contain_text(f"Data tahun {this_year} untuk Desa Hajimena disimpan.")
    expect(yearly_row(page, this_year).get_by_role("cell")).to_have_text(
        [str(this_year), "Maju", "Desa lokus", "Padi, Jagung", ""]
    )
    village_year = VillageYear.objects.get(village=village_a, year=this_year)
    assert village_year.idm_status == IdmStatus.MAJU
    assert village_year.is_locus is True
    assert {c.code for c in village_year.commodities.all()} == {"padi", "jagung"}

    page.get_by_role("link", name="Tambah").click()
    expect(page.get_by_role("heading", name="Desa Hajimena — tambah kelembagaan")).to_be_visible()
    page.get_by_label("Jenis").select_option(label="BUMDes")
    page.get_by_label("Nama").fill("Maju Bersama")
    page.get_by_role("button", name="Simpan").click()

    expect(page).to_have_url(f"{live_server.url}{village_a.get_absolute_url()}")
    expect(page.get_by_role("alert")).to_contain_text("BUMDes Maju Bersama disimpan.")
    expect(page.locator("#village-institutions li")).to_have_text(["BUMDes Maju Bersama"])
    institution = Institution.objects.get(village=village_a)
    assert (institution.kind, institution.name, institution.active) == (
        InstitutionKind.BUMDES,
        "Maju Bersama",
        True,
    )


def test_officer_sets_the_idm_status_but_not_the_locus_in_their_district(
    page, live_server, officer_a, village_a, commodities, this_year
):
    # Bappeda already designated the village as a locus this year.
    VillageYearFactory(village=village_a, year=this_year, idm_status=IdmStatus.BERKEMBANG, is_locus=True)
    login(page, live_server, officer_a.username)
    page.goto(village_a.get_absolute_url())
    expect(yearly_row(page, this_year).get_by_role("cell").nth(1)).to_have_text("Berkembang")

    page.get_by_role("link", name=f"Ubah data {this_year}").click()
    expect(page.get_by_role("heading", name=f"Desa Hajimena — data tahun {this_year}")).to_be_visible()
    expect(page.get_by_label("Status IDM")).to_have_value(IdmStatus.BERKEMBANG)
    expect(page.get_by_label("Padi")).to_be_visible()
    expect(page.get_by_label("Desa lokus Desaku Maju")).to_have_count(0)
    expect(page.locator("input[name=is_locus]")).to_have_count(0)
    page.get_by_label("Status IDM").select_option(label="Maju")
    page.get_by_label("Singkong").check()
    page.get_by_role("button", name="Simpan").click()

    expect(page.get_by_role("alert")).to_contain_text(f"Data tahun {this_year} untuk Desa Hajimena disimpan.")
    expect(yearly_row(page, this_year).get_by_role("cell")).to_have_text(
        [str(this_year), "Maju", "Desa lokus", "Singkong", ""]
    )
    village_year = VillageYear.objects.get(village=village_a, year=this_year)
    assert village_year.idm_status == IdmStatus.MAJU
    assert village_year.is_locus is True, "an officer's save must keep Bappeda's locus designation"
    assert [c.code for c in village_year.commodities.all()] == ["singkong"]
