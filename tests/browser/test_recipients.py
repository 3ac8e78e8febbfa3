"""Agency staff pick the recipients of their intervention: by name, the desil-1 households, a NIK list."""

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import HouseholdFactory, InterventionFactory, PersonFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def intervention(village_a, agency):
    return InterventionFactory(village=village_a, program__lead_agency=agency, planned_budget=12_000_000)


def test_agency_staff_pick_recipients_three_ways(page, live_server, agency_staff, intervention, village_a, tmp_path):
    picked = PersonFactory(household=HouseholdFactory(village=village_a, desil=3), name="Kartinah Sidomulyo")
    for _ in range(2):
        PersonFactory(household=HouseholdFactory(village=village_a, desil=1), relationship="kepala")
    listed = [PersonFactory(household=HouseholdFactory(village=village_a, desil=2)) for _ in range(3)]
    nik_list = tmp_path / "daftar-nik.xlsx"
    workbook = Workbook()
    workbook.active.append(["No", "NIK"])
    for number, person in enumerate(listed, 1):
        workbook.active.append([number, person.nik])  # text cells, as the column formatted as Teks
    workbook.save(nik_list)

    login(page, live_server, agency_staff.username)
    page.goto(f"{live_server.url}/program/intervensi/{intervention.pk}/penerima/")
    expect(page.get_by_role("heading", name="Penerima intervensi")).to_be_visible()
    expect(page.get_by_test_id("total-recipients")).to_have_text("0")
    expect(page.get_by_test_id("unreached-count").first).to_have_text("2")

    page.get_by_label("Tanggal diterima").fill("2026-03-02")
    page.get_by_label("NIK, No. KK (16 digit) atau nama").fill("kartinah")
    page.get_by_role("button", name="Cari").click()
    results = page.get_by_test_id("search-results")
    expect(results).to_contain_text("Kartinah Sidomulyo")
    expect(results).to_contain_text(picked.masked_nik)
    results.get_by_role("button", name="Tambahkan", exact=True).click()
    expect(page.get_by_test_id("recipient-note")).to_have_text("1 penerima ditambahkan.")
    expect(page.get_by_test_id("total-recipients")).to_have_text("1")
    expect(page.get_by_test_id("budget-per-recipient")).to_have_text("Rp 12.000.000")
    expect(page.get_by_test_id("recipient-table")).to_contain_text("02/03/2026")

    page.get_by_test_id("add-desil1").click()
    expect(page.get_by_test_id("recipient-note")).to_have_text("2 keluarga desil 1 ditambahkan.")
    expect(page.get_by_test_id("total-recipients")).to_have_text("3")
    expect(page.get_by_test_id("unreached-count")).to_have_text("0")

    page.get_by_label("Berkas .xlsx atau .csv").set_input_files(nik_list)
    page.get_by_role("button", name="Unggah").click()
    expect(page.get_by_test_id("upload-added")).to_have_text("3 ditambahkan")
    expect(page.get_by_test_id("upload-rejected")).to_have_text("0 baris ditolak")
    expect(page.get_by_test_id("total-recipients")).to_have_text("6")
    expect(page.get_by_test_id("total-split")).to_have_text("4 · 2")
    expect(page.get_by_test_id("budget-per-recipient")).to_have_text("Rp 2.000.000")
    assert intervention.recipients.count() == 6
    for person in listed:
        expect(page.get_by_test_id("recipient-table")).to_contain_text(person.masked_nik)
