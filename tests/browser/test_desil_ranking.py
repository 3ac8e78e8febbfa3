"""A quarterly desil re-ranking (DTSEN) in the browser: an officer uploads No KK and desil, reads how the
families move, and imports: only their desil history changes."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from beneficiaries.models import DesilRecord, Household, HouseholdStatus, ImportBatch, Person
from tests.bnba_files import family_records, import_batch, records_grid, validate_file
from tests.browser.conftest import login
from tests.spreadsheet_writers import write_text

pytestmark = pytest.mark.browser


def test_an_officer_uploads_a_desil_ranking_reads_the_moves_and_imports_it(
    page, live_server, tmp_path, officer_a, village_a
):
    records = family_records(village_a, families=3)
    import_batch(validate_file(officer_a, write_text(tmp_path / "bnba.csv", records_grid(records)),
                               desil_as_of=date(2026, 7, 1)), officer_a)  # fmt: skip
    heads = [record for record in records if record["Hubungan Keluarga"] == "Kepala Keluarga"]
    names = list(Person.objects.order_by("pk").values_list("name", flat=True))
    ranking = write_text(tmp_path / "dtsen-triwulan-4.csv", [
        ["No KK", "Desil", "Tanggal Desil"],
        [heads[0]["No KK"], "Desil I", "01/10/2026"],  # stays
        [heads[1]["No KK"], "3", "01/10/2026"],  # rises, still poor
        [heads[2]["No KK"], "7", "01/10/2026"],  # rises past the threshold: graduates
        ["1801040101999999", "2", "01/10/2026"],  # unknown to the registry
    ], delimiter=";")  # fmt: skip

    login(page, live_server, officer_a.username)
    page.goto(f"{live_server.url}/bnba/unggahan/baru/")
    page.get_by_label("Pemeringkatan desil (DTSEN)").check()
    page.get_by_label("Berkas (.xlsx, .xls, .ods, .csv atau .txt)").set_input_files(ranking)
    page.get_by_role("button", name="Unggah dan periksa").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Unggahan #\d+ · dtsen-triwulan-4\.csv"))).to_be_visible()
    expect(page.get_by_text("Pemeringkatan desil (DTSEN)", exact=False).first).to_be_visible()
    for test_id, value in {"count-ranked": "3", "count-same": "1", "count-up": "2", "count-down": "0",
                           "count-unknown": "1"}.items():  # fmt: skip
        expect(page.get_by_test_id(test_id), test_id).to_have_text(value)
    expect(page.get_by_text("1 akan graduasi")).to_be_visible()
    expect(page.locator("#problem-table")).to_contain_text(
        "Keluarga ini tidak ditemukan di registri wilayah Anda; baris dilewati."
    )
    assert DesilRecord.objects.count() == 3, "checking the ranking writes nothing"

    page.get_by_test_id("import-button").click()
    expect(page.get_by_test_id("batch-status").first).to_have_text("Selesai diimpor")
    assert ImportBatch.objects.latest("pk").kind == "desil"
    households = [Household.objects.get(no_kk=head["No KK"]) for head in heads]
    assert [(h.desil, h.status) for h in households] == [
        (1, HouseholdStatus.ACTIVE), (3, HouseholdStatus.ACTIVE), (7, HouseholdStatus.GRADUATED)
    ]  # fmt: skip
    assert list(Person.objects.order_by("pk").values_list("name", flat=True)) == names
