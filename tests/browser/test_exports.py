"""Exports in the browser: a district officer filters the household list and downloads it as csv and xlsx."""

import csv
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from beneficiaries.models import Household
from records.models import ExportRecord
from tests.browser.conftest import login
from tests.factories import HouseholdFactory, PersonFactory

pytestmark = pytest.mark.browser


def _family(village, desil: int, name: str, **household):
    return PersonFactory(household=HouseholdFactory(village=village, desil=desil, **household), relationship="kepala",
                         name=name).household  # fmt: skip


def test_a_district_officer_downloads_the_filtered_household_list(
    page, live_server, tmp_path, officer_a, village_a, village_b
):
    for number in range(3):
        _family(village_a, 1, f"Desil Satu {number}")
    _family(village_a, 4, "Desil Empat")
    _family(village_a, 1, "==1+1", address='=HYPERLINK("http://x","klik")')
    other = _family(village_b, 1, "Warga Metro")
    expected = Household.objects.filter(village__district=village_a.district, desil=1)

    login(page, live_server, officer_a.username)
    page.goto(f"{live_server.url}/bnba/keluarga/")
    page.get_by_label("Desil", exact=True).select_option(label="Desil 1")
    page.get_by_role("button", name="Saring").click()
    expect(page).to_have_url(re.compile(r"desil=1"))
    expect(page.get_by_test_id("result-count")).to_contain_text("4 keluarga")

    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Unduh .csv", exact=True).click()
    assert csv_download.value.suggested_filename == "keluarga.csv"
    csv_path = tmp_path / "keluarga.csv"
    csv_download.value.save_as(csv_path)
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    assert len(rows) == expected.count() == 4
    # The plain links give masked numbers (PII-01).
    assert {row[header.index("No. KK")] for row in rows} == {household.masked_no_kk for household in expected}
    assert {row[header.index("Kabupaten/Kota")] for row in rows} == {village_a.district.name}
    assert {row[header.index("Desil")] for row in rows} == {"1"}
    assert "'==1+1" in {row[header.index("Kepala keluarga")] for row in rows}
    assert '\'=HYPERLINK("http://x","klik")' in {row[header.index("Alamat")] for row in rows}
    assert other.no_kk not in csv_path.read_text(encoding="utf-8-sig")

    # Full numbers: asked for with a reason.
    page.get_by_test_id("full-export").locator("summary").click()
    page.get_by_label("Alasan mengunduh nomor lengkap").select_option(label="Verifikasi")
    with page.expect_download() as xlsx_download:
        page.get_by_role("button", name="Keluarga .xlsx").click()
    assert xlsx_download.value.suggested_filename == "keluarga.xlsx"
    xlsx_path = tmp_path / "keluarga.xlsx"
    xlsx_download.value.save_as(xlsx_path)
    sheet = load_workbook(xlsx_path).active
    header = [cell.value for cell in sheet[1]]
    data = list(sheet.iter_rows(min_row=2))
    assert len(data) == 4
    no_kk = [row[header.index("No. KK")] for row in data]
    assert all(cell.data_type == "s" and cell.number_format == "@" for cell in no_kk)
    assert {cell.value for cell in no_kk} == set(expected.values_list("no_kk", flat=True))
    assert {row[header.index("Kabupaten/Kota")].value for row in data} == {village_a.district.name}
    assert not [cell.coordinate for row in data for cell in row if cell.data_type == "f"]

    records = ExportRecord.objects.order_by("pk")
    assert [(r.user, r.list_name, r.file_format, r.row_count, r.full_identity_numbers, r.purpose) for r in records] == [
        (officer_a, "keluarga", "csv", 4, False, ""), (officer_a, "keluarga", "xlsx", 4, True, "verifikasi"),
    ]  # fmt: skip
    assert all("desil=1" in r.query for r in records)
