"""Issue 11, the officer's repair loop: a legacy .xls with a merged two-row header and US-dated birth dates
is checked, its notices read, its rejected rows downloaded, fixed and uploaded again on their own.

With no broker, Celery runs the checks inside the upload request and the import inside the "Impor"
request, so each page shows the finished state right after the redirect.
"""

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from beneficiaries.models import Household, ImportBatch, Person
from beneficiaries.validators import compose_nik
from tests.browser.conftest import login
from tests.spreadsheet_writers import SheetSpec, write_workbook

pytestmark = pytest.mark.browser

UPLOAD_LABEL = "Berkas (.xlsx, .xls, .ods, .csv atau .txt)"
VILLAGE, UNKNOWN_VILLAGE = "18.01.04.2001", "18.01.04.2999"
NO_KK_A, NO_KK_B, NO_KK_C = "1801040101260001", "1801040101260002", "1801040101260003"
MONTH_FIRST = (
    "Tanggal di berkas ini ditulis dengan bulan lebih dulu (format Amerika, mis. 12/25/1980), jadi semua tanggal "
    "dibaca bulan/hari/tahun. Periksa contoh di pratinjau sebelum mengimpor."
)
NUMBER_CELL = (
    "NIK tersimpan sebagai angka, sehingga Excel bisa menghilangkan digit terakhirnya. "
    "Format kolom NIK sebagai Teks lalu ketik ulang; baris ini tidak diimpor."
)
NO_SUCH_VILLAGE = "Kode desa tidak ditemukan di daftar desa/kelurahan Lampung."
HEAD_REFUSED = (
    "Kepala keluarga di baris 11 ditolak, sehingga anggota keluarga ini ikut ditolak. Perbaiki baris kepala "
    "keluarga lalu unggah lagi."
)


@dataclass(frozen=True)
class Resident:
    serial: int
    no_kk: str
    name: str
    sex: str
    relationship: str
    born: date

    @property
    def nik(self) -> str:
        return compose_nik(kecamatan_code="18.01.04", birth_date=self.born, sex=self.sex, serial=self.serial)

    @property
    def us_date(self) -> str:
        """How a US-locale Excel writes the birth date: month first, no leading zeros."""
        return f"{self.born.month}/{self.born.day}/{self.born.year}"


# File rows 6–12 (Excel's numbering: title on 1–2, blank 3, the two-row header on 4–5).
RESIDENTS = [
    Resident(1, NO_KK_A, "Wiryo Pranajaya", "L", "Kepala Keluarga", date(1980, 12, 25)),
    Resident(2, NO_KK_A, "Sumirah Pranajaya", "P", "Istri", date(1985, 3, 4)),  # 3/4/1985: 4 March only month-first
    Resident(3, NO_KK_A, "Bagas Pranajaya", "L", "Anak", date(2010, 7, 14)),
    Resident(4, NO_KK_B, "Darmaji Sukmawirya", "L", "Kepala Keluarga", date(1975, 11, 2)),
    Resident(5, NO_KK_B, "Painem Sukmawirya", "P", "Istri", date(1978, 1, 20)),  # row 10: NIK typed as a number
    Resident(6, NO_KK_C, "Tegar Tirtalaga", "L", "Kepala Keluarga", date(1990, 6, 5)),  # row 11: unknown village
    Resident(7, NO_KK_C, "Lestiani Tirtalaga", "P", "Istri", date(1992, 9, 28)),  # row 12: refused with its head
]
ACCEPTED, REJECTED = RESIDENTS[:4], RESIDENTS[4:]
HEADER = [
    ["No", "No KK", "NIK", "Nama", "Jenis Kelamin", "Hubungan Keluarga", "Lahir", "", "Kode Desa", "Alamat", "", "",
     "Desil"],
    ["", "", "", "", "", "", "Tempat", "Tanggal", "", "Dusun", "RT", "RW", ""],
]  # fmt: skip
# The columns as the preview maps them: (letter, the file's name, what the portal reads).
MAPPING = [
    ["B", "No KK", "No KK"], ["C", "NIK", "NIK"], ["D", "Nama", "Nama"], ["E", "Jenis Kelamin", "Jenis Kelamin"],
    ["F", "Hubungan Keluarga", "Hubungan Keluarga"], ["G", "Tempat Lahir", "Tempat Lahir"],
    ["H", "Tanggal Lahir", "Tanggal Lahir"], ["I", "Kode Desa", "Kode Desa"], ["J", "Dusun", "Dusun"],
    ["K", "RT", "RT"], ["L", "RW", "RW"], ["M", "Desil", "Desil"],
]  # fmt: skip
# The month-first file's date column says its order, so that the refused rows alone read as the file meant.
MONTH_FIRST_BY_NAME = (
    "Judul kolom tanggal menyebut urutan bulan/hari/tahun, jadi semua tanggal dibaca bulan/hari/tahun."
)
REPAIR_HEADER = [
    "No", "No KK", "NIK", "Nama", "Jenis Kelamin", "Hubungan Keluarga", "Tempat Lahir",
    "Tanggal Lahir (bulan/hari/tahun)", "Kode Desa", "Dusun", "RT", "RW", "Desil", "Alasan penolakan", "Baris asal",
]  # fmt: skip


def data_row(number: int, resident: Resident) -> list:
    village = UNKNOWN_VILLAGE if resident.serial == 6 else VILLAGE
    nik = int(resident.nik) if resident.serial == 5 else resident.nik  # a General cell: Excel keeps a number
    return [number, resident.no_kk, nik, resident.name, resident.sex, resident.relationship, "Natar",
            resident.us_date, village, "Dusun II", "003", "001", 1]  # fmt: skip


def legacy_xls(path: Path) -> Path:
    """The district's Excel 97–2003 file: title, merged two-row header, data, totals and signature."""
    grid = [["DATA BY NAME BY ADDRESS KELUARGA MISKIN DESA HAJIMENA"], ["KECAMATAN NATAR TAHUN 2026"], [], *HEADER]
    grid += [data_row(number, resident) for number, resident in enumerate(RESIDENTS, start=1)]
    grid += [[], ["JUMLAH", "", "", "7 jiwa"], [], [*[""] * 9, "Mengetahui,"], [*[""] * 9, "Kepala Desa Hajimena"],
             [], [], [*[""] * 9, "SUDARMAN"], [*[""] * 9, "NIP. 19700101 199003 1 001"]]  # fmt: skip
    merges = [(3, 6, 3, 7), (3, 9, 3, 11)]  # "Lahir" over Tempat | Tanggal, "Alamat" over Dusun | RT | RW
    merges += [(3, column, 4, column) for column in (0, 1, 2, 3, 4, 5, 8, 12)]  # one-column names, two rows high
    return write_workbook(path, [SheetSpec(grid, "Sheet1", merges=merges)])


# --- Steps in the browser ----------------------------------------------------------------------


def upload(page, live_server, path: Path) -> ImportBatch:
    """From the uploads list, upload ``path``; the batch, once its page shows the checks finished."""
    page.get_by_test_id("main-nav").get_by_role("link", name="Unggahan BNBA").click()
    page.get_by_role("link", name="Unggah berkas").click()
    page.get_by_label(UPLOAD_LABEL).set_input_files(path)
    page.get_by_label("Desil per tanggal").fill(timezone.localdate().replace(day=1).isoformat())
    page.get_by_role("button", name="Unggah dan periksa").click()
    expect(page.get_by_role("heading", name=re.compile(rf"^Unggahan #\d+ · {re.escape(path.name)}"))).to_be_visible()
    batch = ImportBatch.objects.latest("pk")
    expect(page).to_have_url(f"{live_server.url}{batch.get_absolute_url()}")
    expect(page.locator("#batch-progress")).to_have_count(0)  # the checks are done, no progress bar left
    expect(status_badge(page)).to_have_text("Siap diimpor")
    return batch


def status_badge(page):
    return page.get_by_role("heading", level=1).get_by_test_id("batch-status")


def expect_counts(page, **counts: str) -> None:
    for test_id, value in counts.items():
        expect(page.get_by_test_id(test_id), test_id).to_have_text(value)


def confirm_import(page, rows: int) -> None:
    button = page.get_by_test_id("import-button")
    expect(button).to_contain_text(f"Impor {rows} baris yang sah")
    button.click()
    expect(status_badge(page)).to_have_text("Selesai diimpor")


def registry_birth_dates() -> dict[str, date]:
    return dict(Person.objects.values_list("nik", "birth_date"))


# --- The test ------------------------------------------------------------------------------------


def test_an_officer_fixes_the_rejected_rows_of_a_legacy_xls_and_uploads_only_them(
    page, live_server, tmp_path, officer_a, village_a
):
    login(page, live_server, officer_a.username)

    # 1. The legacy .xls: checked, read month-first, its layout named, three rows refused with reasons.
    first = upload(page, live_server, legacy_xls(tmp_path / "bnba-hajimena-2026.xls"))
    notices = page.get_by_test_id("notices").get_by_role("listitem")
    expect(notices).to_have_text([MONTH_FIRST, "5 baris bukan data (jumlah, tanda tangan, keterangan) dilewati: "
                                  "baris 14, 16–17, 20–21."])  # fmt: skip
    mapping = page.get_by_test_id("column-mapping")
    mapping.locator("summary").click()
    rows = mapping.locator("tbody tr")
    expect(rows).to_have_count(len(MAPPING))
    for position, cells in enumerate(MAPPING):
        expect(rows.nth(position).get_by_role("cell")).to_have_text(cells)
    expect(page.get_by_test_id("ignored-columns")).to_have_text("Kolom yang diabaikan: A: No.")
    expect_counts(page, **{"count-rows": "7", "count-new-households": "2", "count-new-persons": "4",
                           "count-rejected": "3"})  # fmt: skip
    expect(page.locator("#problem-table tbody tr")).to_have_count(3)
    for position, cells in enumerate([("10", "NIK", "Kesalahan", NUMBER_CELL),
                                      ("11", "Kode Desa", "Kesalahan", NO_SUCH_VILLAGE),
                                      ("12", "Hubungan Keluarga", "Kesalahan", HEAD_REFUSED)]):  # fmt: skip
        expect(page.locator("#problem-table tbody tr").nth(position).get_by_role("cell")).to_have_text(list(cells))

    # 2. The problems file: each rejected row's original cells, its reasons and where it came from.
    with page.expect_download() as download:
        page.get_by_test_id("problems-download").click()
    assert download.value.suggested_filename == f"masalah-unggahan-{first.pk}.xlsx"
    problems_file = tmp_path / download.value.suggested_filename
    download.value.save_as(problems_file)
    book = load_workbook(problems_file)
    rejected = book["Baris ditolak"]
    assert [cell.value for cell in rejected[1]] == REPAIR_HEADER
    reasons = [f"NIK: {NUMBER_CELL}", f"Kode Desa: {NO_SUCH_VILLAGE}", f"Hubungan Keluarga: {HEAD_REFUSED}"]
    for offset, (resident, reason) in enumerate(zip(REJECTED, reasons, strict=True)):
        original = data_row(resident.serial, resident)
        cells = [cell.value for cell in rejected[offset + 2]]
        assert cells == [*original, reason, 10 + offset], f"row {10 + offset} is copied as the officer wrote it"
    nik_cell = rejected.cell(row=2, column=3)
    assert nik_cell.data_type == "n", "the NIK typed as a number is handed back as a number, never repaired"

    # 3. The valid rows are imported, with the dates the file meant (read month-first).
    confirm_import(page, rows=4)
    assert set(Household.objects.values_list("no_kk", flat=True)) == {NO_KK_A, NO_KK_B}
    assert registry_birth_dates() == {resident.nik: resident.born for resident in ACCEPTED}

    # 4. The officer retypes the NIK as text and corrects the village code, then uploads only that file.
    nik_cell.value = REJECTED[0].nik
    rejected.cell(row=3, column=REPAIR_HEADER.index("Kode Desa") + 1).value = VILLAGE
    fixed = tmp_path / "perbaikan-bnba-hajimena.xlsx"
    book.save(fixed)
    upload(page, live_server, fixed)
    expect(page.get_by_test_id("notices").get_by_role("listitem")).to_have_text(
        ["Data dibaca dari lembar 'Baris ditolak' (lembar lain: 'Masalah').", MONTH_FIRST_BY_NAME]
    )
    expect(page.get_by_test_id("ignored-columns")).to_have_text(
        "Kolom yang diabaikan: A: No; N: Alasan penolakan; O: Baris asal."
    )
    expect_counts(page, **{"count-rows": "3", "count-new-households": "1", "count-new-persons": "3",
                           "count-rejected": "0"})  # fmt: skip
    expect(page.locator("#problem-table")).to_have_count(0)
    expect(page.get_by_test_id("problems-download")).to_have_count(0)

    # 5. Imported: every person of the district's file is in the registry, on the day they were born.
    confirm_import(page, rows=3)
    assert set(Household.objects.values_list("no_kk", flat=True)) == {NO_KK_A, NO_KK_B, NO_KK_C}
    assert registry_birth_dates() == {resident.nik: resident.born for resident in RESIDENTS}
    painem = Person.objects.get(nik=REJECTED[0].nik)
    assert (painem.household.no_kk, painem.relationship) == (NO_KK_B, "pasangan")
    assert Person.objects.get(nik=REJECTED[1].nik).household.village == village_a
