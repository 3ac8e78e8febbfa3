"""Importing a BNBA file as a district officer: template, upload, problems, import, re-upload, progress.

With no broker, Celery runs the validation inside the upload request and the import inside the
"Impor" request, so each page usually shows the finished state right after the redirect. The
progress bar is exercised separately, on a batch held "running" in the database.
"""

import re
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from beneficiaries.models import BatchStatus, Household, ImportBatch, Person, mask_identity_number
from tests.bnba_files import HEADER, family_rows, person_row, write_xlsx
from tests.browser.conftest import login

pytestmark = pytest.mark.browser

UPLOAD_LABEL = "Berkas (.xlsx, .xls, .ods, .csv atau .txt)"
SEARCH_LABEL = "Cari nama kepala keluarga, NIK atau No. KK"

# Messages the officer reads for the bad rows of the file (row numbers as in Excel: header is row 1).
EXAMPLE_SKIPPED = "Baris contoh dari templat dilewati."
NUMBER_CELL = (
    "NIK tersimpan sebagai angka, sehingga Excel bisa menghilangkan digit terakhirnya. "
    "Format kolom NIK sebagai Teks lalu ketik ulang; baris ini tidak diimpor."
)
FIFTEEN_DIGITS = "NIK harus 16 digit (terbaca 15 digit)."
UNKNOWN_VILLAGE = "Kode desa tidak ditemukan di daftar desa/kelurahan Lampung."
OTHER_DISTRICT = "Desa ini berada di Kota Metro, di luar wilayah kerja Anda; baris ditolak."

# The filled file: row 2 is the template's example, rows 3–11 three families of three (Warga Uji
# 1–9, heads 1, 4 and 7), rows 12–16 the bad rows. Row 15 repeats row 11, so both are rejected.
EXPECTED_PROBLEMS = [  # as the page lists them: errors by row, then warnings
    ("11", "NIK", "Kesalahan", "NIK sama dengan baris 15; kedua baris ditolak."),
    ("12", "NIK", "Kesalahan", FIFTEEN_DIGITS),
    ("13", "NIK", "Kesalahan", NUMBER_CELL),
    ("14", "Kode Desa", "Kesalahan", UNKNOWN_VILLAGE),
    ("15", "NIK", "Kesalahan", "NIK sama dengan baris 11; kedua baris ditolak."),
    ("16", "Kode Desa", "Kesalahan", OTHER_DISTRICT),
    ("2", "NIK", "Peringatan", EXAMPLE_SKIPPED),
]
EXPECTED_COUNTS = {
    "count-rows": "15",  # the example row, nine family rows and five bad rows
    "count-new-households": "3",
    "count-new-persons": "8",  # nine family members less the one whose NIK is repeated
    "count-updated": "0",
    "count-unchanged": "0",
    "count-rejected": "6",  # five bad rows and the earlier row of the repeated NIK
}


# --- The file an officer fills in ----------------------------------------------------------------


def bnba_rows(village_a, village_b) -> list[dict]:
    """Rows keyed by column name: three good families in village A, then one bad row per mistake."""
    families = [dict(zip(HEADER, row, strict=True)) for row in family_rows(village_a, families=3)]

    def single(number: int, village, **changes) -> dict:
        kecamatan = village.subdistrict.code
        no_kk = f"{kecamatan.replace('.', '')}0101{number:06d}"
        row = person_row(number, no_kk=no_kk, kecamatan=kecamatan, village_code=village.code, head=True)
        return {**dict(zip(HEADER, row, strict=True)), **changes}

    short_nik = single(10, village_a)
    short_nik["NIK"] = short_nik["NIK"][:15]
    number_cell = single(11, village_a)
    number_cell["NIK"] = int(number_cell["NIK"])  # what Excel keeps of a NIK typed in a General cell
    unknown_village = single(12, village_a, **{"Kode Desa": "18.01.04.2999"})
    repeated = dict(families[-1])  # the last member of the third family, pasted twice
    other_district = single(13, village_b)
    return [*families, short_nik, number_cell, unknown_village, repeated, other_district]


def fill_template(template: Path, destination: Path, rows: list[dict]) -> Path:
    """Append ``rows`` under the template's header and example row, each value in its named column."""
    book = load_workbook(template)
    sheet = book["Data"]
    header = [cell.value for cell in sheet[1]]
    for row in rows:
        sheet.append([row.get(name) for name in header])
    book.save(destination)
    return destination


def column_number_format(sheet, column: int) -> str:
    """The number format a worksheet column gives its (empty) cells; openpyxl groups equal columns."""
    for dimension in sheet.column_dimensions.values():
        if dimension.min <= column <= dimension.max:
            return dimension.number_format
    return "General"


@pytest.fixture
def bnba_file(tmp_path, village_a, village_b) -> Path:
    """The filled file, built from the template the portal serves (the same bytes as its download)."""
    from beneficiaries.imports.workbooks import template_workbook

    template = tmp_path / "templat.xlsx"
    template.write_bytes(template_workbook())
    return fill_template(template, tmp_path / "bnba-lampung-selatan.xlsx", bnba_rows(village_a, village_b))


def make_batch(officer, **fields) -> ImportBatch:
    """A batch of ``officer``'s district as the upload would store it, in the state ``fields`` say."""
    return ImportBatch.objects.create(
        file="bnba/uji.xlsx", file_type="xlsx", sha256="0" * 64, size=1024, district=officer.district,
        uploaded_by=officer, desil_source="dtsen", desil_as_of=timezone.localdate(), **fields,
    )  # fmt: skip


# --- Steps in the browser ----------------------------------------------------------------------


def open_uploads(page):
    page.get_by_test_id("main-nav").get_by_role("link", name="Unggahan BNBA").click()
    expect(page.get_by_role("heading", name="Unggahan BNBA")).to_be_visible()


def submit_upload(page, path: Path) -> None:
    """From the uploads list, choose ``path`` in the upload form and send it."""
    page.get_by_role("link", name="Unggah berkas").click()
    expect(page.get_by_role("heading", name="Unggah berkas BNBA")).to_be_visible()
    page.get_by_label(UPLOAD_LABEL).set_input_files(path)
    # The officer states the date of the file's desil rather than keep today's.
    page.get_by_label("Desil per tanggal").fill(timezone.localdate().replace(day=1).isoformat())
    page.get_by_role("button", name="Unggah dan periksa").click()


def upload(page, live_server, path: Path) -> ImportBatch:
    """From the uploads list, upload ``path``; the new batch, once its page shows."""
    submit_upload(page, path)
    expect(page.get_by_role("heading", name=re.compile(rf"^Unggahan #\d+ · {re.escape(path.name)}"))).to_be_visible()
    batch = ImportBatch.objects.latest("pk")
    expect(page).to_have_url(f"{live_server.url}{batch.get_absolute_url()}")
    return batch


def status_badge(page):
    """The batch's status next to its title (the progress bar repeats it while running)."""
    return page.get_by_role("heading", level=1).get_by_test_id("batch-status")


def expect_counts(page, **counts: str) -> None:
    for test_id, value in counts.items():
        expect(page.get_by_test_id(test_id), test_id).to_have_text(value)


# --- Tests ---------------------------------------------------------------------------------------


def test_officer_fills_the_template_reads_the_problems_and_imports_the_valid_rows(
    page, live_server, tmp_path, officer_a, village_a, village_b
):
    login(page, live_server, officer_a.username)
    open_uploads(page)
    expect(page.locator("#batch-table")).to_contain_text("Belum ada unggahan.")

    # 1. The template: a "Data" sheet whose NIK column is text, a "Petunjuk" sheet and the hidden lists.
    with page.expect_download() as template_download:
        page.get_by_role("link", name="Unduh templat").click()
    assert template_download.value.suggested_filename == "templat-bnba-desaku-maju.xlsx"
    template = tmp_path / "templat-diunduh.xlsx"
    template_download.value.save_as(template)
    book = load_workbook(template)
    assert book.sheetnames == ["Data", "Petunjuk", "Pilihan"] and book["Pilihan"].sheet_state == "hidden"
    data = book["Data"]
    header = [cell.value for cell in data[1]]
    nik_column = header.index("NIK") + 1
    example_nik = data.cell(row=2, column=nik_column)
    assert (example_nik.data_type, example_nik.number_format) == ("s", "@")
    assert column_number_format(data, nik_column) == "@", "empty NIK cells must be text too"
    assert column_number_format(data, header.index("No KK") + 1) == "@"

    # 2. The officer fills it: three families, and five rows with the usual mistakes.
    filled = fill_template(template, tmp_path / "bnba-lampung-selatan.xlsx", bnba_rows(village_a, village_b))

    # 3. Upload: the checks run, the page shows the counts and every problem with its row.
    batch = upload(page, live_server, filled)
    expect(status_badge(page)).to_have_text("Siap diimpor")
    expect_counts(page, **EXPECTED_COUNTS)
    expect(page.get_by_text("6 kesalahan, 1 peringatan")).to_be_visible()
    problem_rows = page.locator("#problem-table tbody tr")
    expect(problem_rows).to_have_count(len(EXPECTED_PROBLEMS))
    for position, cells in enumerate(EXPECTED_PROBLEMS):
        expect(problem_rows.nth(position).get_by_role("cell")).to_have_text(list(cells))
    niks = [str(row["NIK"]) for row in bnba_rows(village_a, village_b)]
    shown = page.locator("#problem-table").inner_text()
    assert not [nik for nik in niks if nik in shown], "problem messages must never repeat a NIK"

    with page.expect_download() as problems_download:
        page.get_by_role("link", name="Unduh baris yang ditolak untuk diperbaiki (.xlsx)").click()
    assert problems_download.value.suggested_filename == f"masalah-unggahan-{batch.pk}.xlsx"
    problems_file = tmp_path / problems_download.value.suggested_filename
    problems_download.value.save_as(problems_file)
    problems_sheet = load_workbook(problems_file)["Masalah"]
    assert [[cell.value for cell in row] for row in problems_sheet.iter_rows()] == [
        ["Baris", "Kolom", "Jenis", "Pesan"],
        *sorted(([*cells] for cells in EXPECTED_PROBLEMS), key=lambda cells: int(cells[0])),
    ]
    assert not Person.objects.exists(), "checking a file must not touch the registry"

    # 4. Import the valid rows, then find the people in the registry.
    page.get_by_test_id("import-button").click()
    expect(page.get_by_test_id("imported")).to_contain_text("Selesai diimpor")
    expect(page.get_by_test_id("imported")).to_contain_text("3 keluarga dan 8 anggota ditambah atau diubah")
    expect(status_badge(page)).to_have_text("Selesai diimpor")
    expect(page.get_by_test_id("import-button")).to_have_count(0)
    assert (Household.objects.count(), Person.objects.count()) == (3, 8)

    page.get_by_test_id("main-nav").get_by_role("link", name="Keluarga").click()
    expect(page.get_by_test_id("result-count")).to_have_text(re.compile(r"^3 keluarga\b"))
    page.get_by_label(SEARCH_LABEL).fill("Warga Uji 1")
    page.get_by_role("button", name="Saring").click()
    expect(page.get_by_test_id("result-count")).to_have_text(re.compile(r"^1 keluarga\b"))
    head = Person.objects.get(name="Warga Uji 1")
    household_row = page.locator("#household-table tbody tr")
    expect(household_row).to_have_count(1)
    cells = household_row.get_by_role("cell")
    expect(cells.nth(0)).to_have_text(mask_identity_number(head.household.no_kk))
    expect(cells.nth(1)).to_have_text("Warga Uji 1")
    expect(cells.nth(2)).to_have_text(mask_identity_number(head.nik))
    expect(cells.nth(3)).to_have_text("Hajimena")
    expect(cells.last).to_have_text("3")  # members
    expect(page.locator("#household-table")).not_to_contain_text(head.nik)
    expect(page.locator("#household-table")).not_to_contain_text(head.household.no_kk)

    cells.nth(0).get_by_role("link").click()
    expect(page.get_by_test_id("no-kk").get_by_test_id("masked-number")).to_have_text(
        mask_identity_number(head.household.no_kk)
    )
    expect(page.locator("#household-members tbody tr td:first-child")).to_have_text(
        ["Warga Uji 1", "Warga Uji 2", "Warga Uji 3"]
    )
    expect(page.locator("dt:text-is('Unggahan terakhir') + dd")).to_have_text(f"#{batch.pk}")


def test_uploading_the_same_file_again_changes_nothing(page, live_server, officer_a, bnba_file):
    login(page, live_server, officer_a.username)
    open_uploads(page)
    first = upload(page, live_server, bnba_file)
    page.get_by_test_id("import-button").click()
    expect(page.get_by_test_id("imported")).to_contain_text("Selesai diimpor")
    registry = (Household.objects.count(), Person.objects.count())
    assert registry == (3, 8)

    open_uploads(page)
    again = upload(page, live_server, bnba_file)
    assert again.pk != first.pk
    expect(page.get_by_test_id("no-changes")).to_have_text(
        "Tidak ada perubahan: semua baris yang sah sudah sama dengan registri."
    )
    same_file = page.get_by_test_id("identical-file")
    expect(same_file).to_contain_text(f"Berkas ini sama persis dengan Unggahan #{first.pk} yang sudah diimpor")
    expect(same_file.get_by_role("link")).to_have_attribute("href", first.get_absolute_url())
    expect_counts(page, **{**EXPECTED_COUNTS, "count-new-households": "0", "count-new-persons": "0",
                           "count-unchanged": "8"})  # fmt: skip
    # An identical re-upload offers no import: nothing would change.
    expect(page.get_by_test_id("import-button")).to_have_count(0)
    assert (Household.objects.count(), Person.objects.count()) == registry
    assert set(Person.objects.values_list("household__import_batch", flat=True)) == {first.pk}


def test_the_progress_bar_follows_the_batch_survives_a_reload_and_gives_way_to_the_summary(
    page, live_server, officer_a
):
    batch = make_batch(
        officer_a, original_name="bnba-besar.xlsx", status=BatchStatus.VALIDATING, total_rows=200, progress=50
    )
    running = ImportBatch.objects.filter(pk=batch.pk)
    login(page, live_server, officer_a.username)
    page.goto(batch.get_absolute_url())

    bar = page.get_by_role("progressbar", name="Kemajuan")
    expect(status_badge(page)).to_have_text("Sedang diperiksa")
    expect(page.locator("#batch-progress")).to_contain_text("Memeriksa baris berkas…")
    expect(bar).to_have_attribute("aria-valuenow", "25")
    expect(bar).to_have_text("25%")
    expect(page.locator("#batch-progress")).to_contain_text("50 dari sekitar 200 baris")
    expect(page.get_by_test_id("batch-summary")).to_have_count(0)

    running.update(progress=150)  # the worker gets on: htmx polls the bar every second
    expect(bar).to_have_attribute("aria-valuenow", "75")
    expect(bar).to_have_text("75%")
    expect(page.locator("#batch-progress")).to_contain_text("150 dari sekitar 200 baris")

    page.reload()  # the officer comes back to the page: still running, still shown
    expect(bar).to_have_text("75%")

    # The checks finish: the next poll answers HX-Refresh and the page reloads itself.
    page.evaluate("window.stillTheSamePage = true")
    summary = {  # as validation writes it
        "rows": 200, "valid_rows": 200, "rejected_rows": 0, "warnings": 0, "columns": ["nik", "no_kk"],
        "ignored_columns": [], "new_households": 50, "updated_households": 0, "unchanged_households": 0,
        "new_persons": 200, "updated_persons": 0, "unchanged_persons": 0, "moved_persons": 0,
    }  # fmt: skip
    running.update(status=BatchStatus.READY, progress=200, validated_at=timezone.now(), summary=summary)
    expect(status_badge(page)).to_have_text("Siap diimpor")
    expect(page.locator("#batch-progress")).to_have_count(0)
    expect_counts(page, **{"count-rows": "200", "count-new-households": "50", "count-rejected": "0"})
    expect(page.get_by_test_id("import-button")).to_have_text("Impor 200 baris yang sah")
    assert page.evaluate("window.stillTheSamePage") is None, "the page must have been reloaded, not patched"


def test_a_file_without_column_headers_is_refused_with_the_reason(page, live_server, tmp_path, officer_a):
    wrong_file = write_xlsx(tmp_path / "rekap-desa.xlsx", [["Hajimena", 120]], header=["Nama Desa", "Jumlah KK"])
    login(page, live_server, officer_a.username)
    open_uploads(page)

    with page.expect_response(re.compile(r"/bnba/unggahan/\d+/$")) as batch_page:
        submit_upload(page, wrong_file)

    assert batch_page.value.status == 200, "the batch page must show why the file was refused"
    expect(status_badge(page)).to_have_text("Tidak dapat diimpor")
    expect(page.locator("#problem-table tbody tr").get_by_role("cell")).to_have_text(
        ["berkas", "", "Kesalahan", re.compile(r"^Baris judul kolom tidak ditemukan di 30 baris pertama")]
    )
    expect(page.get_by_test_id("import-button")).to_have_count(0)


def test_the_upload_form_proposes_today_as_the_desil_date(page, live_server, officer_a):
    login(page, live_server, officer_a.username)
    open_uploads(page)
    page.get_by_role("link", name="Unggah berkas").click()

    expect(page.get_by_label("Desil per tanggal")).to_have_value(timezone.localdate().isoformat(), timeout=2000)


@pytest.mark.parametrize("role", ["agency_staff", "viewer"])
def test_only_uploaders_see_the_uploads_in_the_navigation(request, page, live_server, role):
    user = request.getfixturevalue(role)
    login(page, live_server, user.username)

    nav = page.get_by_test_id("main-nav")
    expect(nav.get_by_role("link", name="Beranda")).to_be_visible()
    expect(nav.get_by_role("link", name="Unggahan BNBA")).to_have_count(0)


def test_an_officer_of_another_district_cannot_open_the_batch(page, live_server, officer_a, officer_b):
    batch = make_batch(officer_a, original_name="bnba-lampung-selatan.xlsx", status=BatchStatus.READY)
    login(page, live_server, officer_b.username)

    response = page.goto(batch.get_absolute_url())

    assert response.status == 404
    expect(page.get_by_role("heading", name="Halaman tidak ditemukan")).to_be_visible()
    expect(page.get_by_text("bnba-lampung-selatan.xlsx")).to_have_count(0)
    expect(page.get_by_test_id("import-button")).to_have_count(0)
