"""The village browser: filters (with the htmx kecamatan cascade), sorting, search, profiles, scoping."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import SubdistrictFactory, VillageFactory, VillageYearFactory
from villages.models import IdmStatus

pytestmark = pytest.mark.browser


@pytest.fixture
def villages(village_a, village_b):
    """Seven villages in two districts, with this year's IDM status and locus flag.

    District A (Kabupaten Lampung Selatan)
      Natar       Hajimena 18.01.04.2001 (berkembang, lokus), Candimas 18.01.04.2010 (berkembang, lokus),
                  Branti Raya 18.01.04.2005 (berkembang, lokus last year only)
      Jati Agung  Karang Anyar (maju, lokus), Sidoharjo (no data this year)
    District B (Kota Metro)
      Metro Pusat Metro (berkembang, lokus), Metro Timur Iringmulyo (mandiri)
    """
    this_year = timezone.localdate().year
    natar = village_a.subdistrict
    jati_agung = SubdistrictFactory(district=village_a.district, code="18.01.05", name="Jati Agung")
    metro_timur = SubdistrictFactory(district=village_b.district, code="18.72.03", name="Metro Timur")
    candimas = VillageFactory(subdistrict=natar, code="18.01.04.2010", name="Candimas")
    branti_raya = VillageFactory(subdistrict=natar, code="18.01.04.2005", name="Branti Raya")
    karang_anyar = VillageFactory(subdistrict=jati_agung, code="18.01.05.2001", name="Karang Anyar")
    sidoharjo = VillageFactory(subdistrict=jati_agung, code="18.01.05.2002", name="Sidoharjo")
    iringmulyo = VillageFactory(subdistrict=metro_timur, code="18.72.03.1001", name="Iringmulyo", kind="kelurahan")
    for village, status, is_locus in [
        (village_a, IdmStatus.BERKEMBANG, True),
        (candimas, IdmStatus.BERKEMBANG, True),
        (branti_raya, IdmStatus.BERKEMBANG, False),
        (karang_anyar, IdmStatus.MAJU, True),
        (village_b, IdmStatus.BERKEMBANG, True),
        (iringmulyo, IdmStatus.MANDIRI, False),
    ]:
        VillageYearFactory(village=village, year=this_year, idm_status=status, is_locus=is_locus)
    VillageYearFactory(village=branti_raya, year=this_year - 1, idm_status=IdmStatus.TERTINGGAL, is_locus=True)
    return [village_a, branti_raya, candimas, karang_anyar, sidoharjo, village_b, iringmulyo]


def table_column(page, column: str):
    """The cells of a #village-table column, found by its name in the header's sort link.

    One locator for all cells, so that Playwright's assertions wait for the page to settle.
    """
    headers = page.locator("#village-table thead th")
    expect(headers.first).to_be_visible()
    index = headers.evaluate_all(
        """(ths, column) => ths.findIndex((th) => {
             const link = th.querySelector("a[href]");
             const sort = link && new URL(link.href).searchParams.get("sort");
             return sort && sort.replace(/^-/, "") === column;
           })""",
        column,
    )
    assert index >= 0, f"no column {column!r} in #village-table"
    return page.locator(f"#village-table tbody tr td:nth-child({index + 1})")


def sort_link(page, header: str):
    """The sorting link of a #village-table header, with or without its ▲/▼ indicator."""
    name = re.compile(rf"^{re.escape(header)}( [▲▼])?$")
    return page.locator("#village-table thead").get_by_role("link", name=name)


def test_admin_filters_sorts_and_searches_villages_and_opens_a_profile(page, live_server, admin_user, villages):
    login(page, live_server, admin_user.username)
    page.get_by_test_id("main-nav").get_by_role("link", name="Desa/Kelurahan").click()

    expect(page.get_by_role("heading", name="Desa/Kelurahan")).to_be_visible()
    expect(page.get_by_test_id("result-count")).to_have_text("7 desa/kelurahan")
    names = table_column(page, "name")
    expect(names).to_have_text(
        ["Hajimena", "Branti Raya", "Candimas", "Karang Anyar", "Sidoharjo", "Metro", "Iringmulyo"]
    )
    expect(table_column(page, "kind")).to_have_text(["Desa"] * 5 + ["Kelurahan"] * 2)
    expect(table_column(page, "idm_status")).to_have_text(
        ["Berkembang", "Berkembang", "Berkembang", "Maju", "—", "Berkembang", "Mandiri"]
    )

    # Picking a kabupaten makes htmx reload the kecamatan choices.
    kecamatan = page.get_by_label("Kecamatan").locator("option")
    expect(kecamatan).to_have_text(["Semua", "Natar", "Jati Agung", "Metro Pusat", "Metro Timur"])
    page.get_by_label("Kabupaten/Kota").select_option(label="Kabupaten Lampung Selatan")
    expect(kecamatan).to_have_text(["Semua", "Natar", "Jati Agung"])
    page.get_by_label("Kabupaten/Kota").select_option(label="Kota Metro")
    expect(kecamatan).to_have_text(["Semua", "Metro Pusat", "Metro Timur"])
    page.get_by_label("Kabupaten/Kota").select_option(label="Kabupaten Lampung Selatan")
    expect(kecamatan).to_have_text(["Semua", "Natar", "Jati Agung"])

    page.get_by_label("Status IDM").select_option(label="Berkembang")
    page.get_by_label("Lokus Desaku Maju").select_option(label="Desa lokus")
    page.get_by_role("button", name="Saring").click()

    # Metro is berkembang and lokus too, but in Kota Metro; Branti Raya was lokus only last year.
    expect(page).to_have_url(re.compile(r"/wilayah/desa/\?.*idm_status=berkembang"))
    expect(page.get_by_test_id("result-count")).to_have_text("2 desa/kelurahan")
    expect(names).to_have_text(["Hajimena", "Candimas"])
    expect(table_column(page, "idm_status")).to_have_text(["Berkembang", "Berkembang"])
    expect(table_column(page, "is_locus")).to_have_text(["✔", "✔"])
    # The filter form remembers the choices, and the kecamatan of the chosen kabupaten only.
    expect(page.get_by_label("Kabupaten/Kota")).to_have_value(str(villages[0].district_id))
    expect(kecamatan).to_have_text(["Semua", "Natar", "Jati Agung"])

    # Sorting keeps the filters; the sorted header shows ▲ or ▼ (portal.css).
    name_header = sort_link(page, "Nama")
    name_header.click()
    expect(page).to_have_url(re.compile(r"idm_status=berkembang.*&sort=name$"))
    expect(name_header).to_have_accessible_name("Nama ▲")
    expect(names).to_have_text(["Candimas", "Hajimena"])
    name_header.click()
    expect(page).to_have_url(re.compile(r"idm_status=berkembang.*&sort=-name$"))
    expect(name_header).to_have_accessible_name("Nama ▼")
    expect(names).to_have_text(["Hajimena", "Candimas"])

    page.get_by_label("Cari nama atau kode").fill("haji")
    page.get_by_role("button", name="Saring").click()
    expect(page.get_by_test_id("result-count")).to_have_text("1 desa/kelurahan")
    expect(names).to_have_text(["Hajimena"])

    page.locator("#village-table").get_by_role("link", name="Hajimena", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/wilayah/desa/18.01.04.2001/")
    expect(page.get_by_test_id("village-name")).to_have_text("Desa Hajimena")


def test_officer_sees_only_villages_of_their_district(page, live_server, officer_a, villages):
    village_b = villages[5]
    login(page, live_server, officer_a.username)

    response = page.goto(village_b.get_absolute_url())
    assert response.status == 404
    expect(page.get_by_role("heading", name="Halaman tidak ditemukan")).to_be_visible()
    expect(page.get_by_text("Metro Pusat")).to_have_count(0)

    page.get_by_test_id("main-nav").get_by_role("link", name="Desa/Kelurahan").click()
    expect(page.get_by_test_id("result-count")).to_have_text("5 desa/kelurahan")
    expect(table_column(page, "name")).to_have_text(
        ["Hajimena", "Branti Raya", "Candimas", "Karang Anyar", "Sidoharjo"]
    )
    expect(table_column(page, "district")).to_have_text(["Kabupaten Lampung Selatan"] * 5)
    expect(page.get_by_label("Kabupaten/Kota").locator("option")).to_have_text(["Semua", "Kabupaten Lampung Selatan"])
    expect(page.get_by_label("Kecamatan").locator("option")).to_have_text(["Semua", "Natar", "Jati Agung"])


def test_it_labels_the_village_table_columns_in_indonesian(page, live_server, admin_user, villages):
    login(page, live_server, admin_user.username)
    page.goto("/wilayah/desa/")

    headers = page.locator("#village-table thead th")
    expect(headers).to_have_count(8)
    # A plain assert once the table is there: a waiting `expect` would spend its whole timeout here.
    assert [header.strip() for header in headers.all_inner_texts()] == [
        "Kode",
        "Nama",
        "Jenis",
        "Kecamatan",
        "Kabupaten/Kota",
        "Status IDM",
        "Lokus",
        "Kode pos",
    ]
