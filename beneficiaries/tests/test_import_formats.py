"""The files district offices send, each read, or refused with a clear message."""

import codecs

import pytest

from beneficiaries.imports import services
from beneficiaries.models import BatchStatus, Household, Person
from tests.bnba_files import family_records, import_batch, problems, records_grid, validate_file
from tests.spreadsheet_writers import SheetSpec, write_text, write_workbook


@pytest.fixture
def grid(village_a):
    return records_grid(family_records(village_a, families=2))


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods"])
def test_every_workbook_format_imports(tmp_path, officer_a, grid, suffix):
    batch = import_batch(validate_file(officer_a, write_workbook(tmp_path / f"bnba{suffix}", [SheetSpec(grid)])),
                         officer_a)  # fmt: skip
    assert batch.status == BatchStatus.IMPORTED, problems(batch)
    assert Person.objects.count() == 6


@pytest.mark.parametrize(
    ("name", "delimiter", "encoding"),
    [("bnba.csv", ",", "utf-8"), ("bnba.csv", ";", "cp1252"), ("bnba.csv", ";", "utf-8-sig"),
     ("bnba.txt", "|", "utf-8"), ("bnba.txt", "\t", "utf-16"), ("bnba.txt", "\t", "cp1252")],
)  # fmt: skip
def test_every_text_layout_imports(tmp_path, officer_a, village_a, name, delimiter, encoding):
    records = family_records(village_a, families=2)
    records[0]["Nama"] = "Sutrisno Ñoño Aşık"[: 12 if encoding == "cp1252" else None]
    path = write_text(tmp_path / name, records_grid(records), delimiter=delimiter, encoding=encoding)
    batch = import_batch(validate_file(officer_a, path), officer_a)
    assert batch.status == BatchStatus.IMPORTED, problems(batch)
    assert Person.objects.get(nik=records[0]["NIK"]).name == records[0]["Nama"]


def test_a_text_file_saved_as_xls_is_read_as_text(tmp_path, officer_a, grid):
    """Many web applications' "export to Excel" writes tab-separated text named .xls."""
    path = write_text(tmp_path / "ekspor.xls", grid, delimiter="\t")
    assert import_batch(validate_file(officer_a, path), officer_a).status == BatchStatus.IMPORTED


def test_an_xlsx_named_xls_is_read_as_xlsx(tmp_path, officer_a, grid):
    path = write_workbook(tmp_path / "bnba.xlsx", [SheetSpec(grid)])
    renamed = path.rename(tmp_path / "bnba.xls")
    assert validate_file(officer_a, renamed).status == BatchStatus.READY


def test_bytes_no_encoding_defines_are_refused_with_a_message_not_a_crash(tmp_path, officer_a, grid):
    """UP-09: 0x81, 0x8D, 0x8F, 0x90, 0x9D are neither UTF-8 nor Windows-1252."""
    path = write_text(tmp_path / "bnba.csv", grid, encoding="cp1252")
    path.write_bytes(path.read_bytes() + b"\x81\x8d\x8f\x90\x9d\n")
    batch = validate_file(officer_a, path)
    assert batch.status == BatchStatus.INVALID
    message = ("Pengodean teks berkas tidak dikenali (bukan UTF-8 maupun Windows-1252): buka berkas di Excel lalu "
               "simpan sebagai 'CSV UTF-8 (dipisah koma)'.")  # fmt: skip
    assert problems(batch) == [(None, "", message)]


def test_a_utf16_file_without_a_byte_order_mark_is_refused_as_binary(tmp_path, officer_a, grid):
    path = write_text(tmp_path / "bnba.txt", grid, delimiter="\t", encoding="utf-16-le")
    from django.core.files.uploadedfile import SimpleUploadedFile

    from beneficiaries.imports.forms import UploadForm

    form = UploadForm({"desil_source": "dtsen", "desil_as_of": "2026-10-01"},
                      {"file": SimpleUploadedFile("bnba.txt", path.read_bytes())})  # fmt: skip
    assert not form.is_valid() and "data biner" in form.errors["file"][0]
    assert path.read_bytes()[:2] not in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods"])
def test_data_on_the_second_sheet_behind_a_hidden_first_sheet_is_found(tmp_path, officer_a, grid, suffix):
    sheets = [SheetSpec([["Daftar kode"], ["x"]], name="Kode", hidden=True), SheetSpec([["Petunjuk pengisian"]],
              name="Petunjuk"), SheetSpec(grid, name="BNBA Natar")]  # fmt: skip
    batch = validate_file(officer_a, write_workbook(tmp_path / f"bnba{suffix}", sheets))
    assert batch.status == BatchStatus.READY, problems(batch)
    assert batch.summary["sheet"] == "BNBA Natar"
    assert "Data dibaca dari lembar 'BNBA Natar' (lembar lain: 'Kode', 'Petunjuk')." in batch.summary["notices"]


def test_with_two_sheets_of_data_the_officer_picks_one(tmp_path, officer_a, village_a):
    first = records_grid(family_records(village_a, families=1))
    second = records_grid(family_records(village_a, families=2, start=40))
    path = write_workbook(tmp_path / "bnba.xlsx", [SheetSpec(first, name="Desa A"), SheetSpec(second, name="Desa B")])
    batch = validate_file(officer_a, path)
    assert batch.status == BatchStatus.INVALID and batch.summary["sheets"] == ["Desa A", "Desa B"]
    assert "Pilih lembar" in problems(batch)[0][2]
    assert services.choose_sheet(batch=batch, sheet_name="Desa B")
    services.run_validation(batch_id=batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.summary["sheet"], batch.summary["valid_rows"]) == (BatchStatus.READY, "Desa B", 6)


def test_data_only_on_a_hidden_sheet_is_not_read_without_the_officer(tmp_path, officer_a, grid):
    path = write_workbook(tmp_path / "bnba.xlsx", [SheetSpec([["Catatan"]], name="Depan"),
                                                   SheetSpec(grid, name="Arsip", hidden=True)])  # fmt: skip
    batch = validate_file(officer_a, path)
    assert batch.status == BatchStatus.INVALID and batch.summary["sheets"] == ["Arsip"]
    assert "lembar tersembunyi 'Arsip'" in problems(batch)[0][2]


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods"])
def test_hidden_rows_are_imported_and_counted_in_a_notice(tmp_path, officer_a, grid, suffix):
    path = write_workbook(tmp_path / f"bnba{suffix}", [SheetSpec(grid, hidden_rows={2, 3})])
    batch = import_batch(validate_file(officer_a, path), officer_a)
    assert Person.objects.count() == 6
    assert "2 baris tersembunyi di berkas ikut diperiksa: baris 3–4." in batch.summary["notices"]


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods"])
def test_a_hidden_duplicate_column_is_named_with_its_letter(tmp_path, officer_a, grid, suffix):
    stale = [[*row, value] for row, value in zip(grid, ["Desil", *["9"] * (len(grid) - 1)], strict=True)]
    path = write_workbook(tmp_path / f"bnba{suffix}", [SheetSpec(stale, hidden_columns={len(grid[0])})])
    batch = import_batch(validate_file(officer_a, path), officer_a)
    assert "Kolom N (Desil) tersembunyi dan sama dengan kolom M; kolom N diabaikan." in batch.summary["notices"]
    assert set(Household.objects.values_list("desil", flat=True)) == {1}


def test_the_preview_names_the_sheet_and_every_column(tmp_path, officer_a, grid):
    path = write_workbook(tmp_path / "bnba.xlsx", [SheetSpec([[*grid[0], "Keterangan"], *grid[1:]])])
    batch = validate_file(officer_a, path)
    assert batch.summary["sheet"] == "Data"
    assert ["C", "NIK", "NIK"] in batch.summary["mapping"]
    assert batch.summary["ignored_columns"] == ["A: No", "N: Keterangan"]
