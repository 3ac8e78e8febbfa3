"""Bad input: each gets a clear Indonesian message and nothing is written to the registry."""

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from beneficiaries.imports.forms import UploadForm
from beneficiaries.models import BatchStatus, Household, Person, StagedRow
from tests.bnba_files import HEADER, family_rows, import_batch, problems, validate_file, write_csv, write_xlsx


def _messages(batch) -> str:
    return " | ".join(message for _, _, message in problems(batch))


def _assert_registry_untouched():
    assert not Person.objects.exists() and not Household.objects.exists()


def _form_errors(name: str, content: bytes) -> list[str]:
    form = UploadForm(
        {"desil_source": "dtsen", "desil_as_of": "2026-10-01"}, {"file": SimpleUploadedFile(name, content)}
    )
    assert not form.is_valid()
    return form.errors["file"]


def test_a_file_of_another_kind_is_refused():
    assert _form_errors("bnba.pdf", b"%PDF-1.7 ...") == [
        "Jenis berkas tidak didukung: unggah berkas .xlsx, .xls, .ods, .csv atau .txt."
    ]


def test_a_renamed_file_is_refused():
    """UP-01: the content decides; a spreadsheet extension over another content is named."""
    assert "bukan .xlsx" in _form_errors("bnba.xlsx", b"%PDF-1.7 not a spreadsheet")[0]
    assert "buku kerja Excel/ODS yang diberi nama .csv" in _form_errors("bnba.csv", b"PK\x03\x04 zipped")[0]
    assert "berisi data biner" in _form_errors("bnba.txt", b"MZ\x90\x00\x03\x00 an exe")[0]


def test_an_html_page_saved_as_xls_gets_its_own_message():
    page = b"<html><body><table><tr><td>NIK</td></tr></table></body></html>"
    assert "halaman web (HTML) yang diberi nama .xls" in _form_errors("bnba.xls", page)[0]
    spreadsheet_ml = b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" ' \
                     b'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><ss:Worksheet/></Workbook>'  # fmt: skip
    assert "XML Spreadsheet 2003" in _form_errors("bnba.xls", spreadsheet_ml)[0]


def test_a_password_protected_workbook_gets_its_own_message(tmp_path, officer_a):
    """Excel wraps an encrypted .xlsx in an OLE file whose directory names an EncryptedPackage stream."""
    encrypted = tmp_path / "rahasia.xlsx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le"))
    batch = validate_file(officer_a, encrypted)
    assert batch.status == BatchStatus.INVALID
    assert "dilindungi kata sandi" in _messages(batch)


def test_a_broken_legacy_xls_is_invalid_with_a_message(tmp_path, officer_a):
    broken = tmp_path / "lama.xls"
    broken.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 50)
    batch = validate_file(officer_a, broken)
    assert (batch.status, _messages(batch)) == (BatchStatus.INVALID, "Berkas .xls rusak dan tidak dapat dibaca.")


def test_an_upload_over_the_size_limit_is_refused(settings):
    settings.BNBA_MAX_UPLOAD_MB = 1
    assert "terlalu besar" in _form_errors("bnba.csv", b"NIK,Nama\n" + b"x" * (1024 * 1024 + 1))[0]


def test_a_corrupt_xlsx_is_invalid(tmp_path, officer_a, village_a):
    path = write_xlsx(tmp_path / "good.xlsx", family_rows(village_a, families=1))
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    batch = validate_file(officer_a, broken)
    assert batch.status == BatchStatus.INVALID
    assert _messages(batch) == "Berkas .xlsx rusak atau tidak lengkap."


def test_a_zip_bomb_is_refused_before_parsing(tmp_path, officer_a):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    assert bomb.stat().st_size < 200_000
    batch = validate_file(officer_a, bomb)
    assert batch.status == BatchStatus.INVALID
    assert "terlalu besar setelah dibuka" in _messages(batch)


def test_a_macro_workbook_is_refused(tmp_path, officer_a, village_a):
    path = write_xlsx(tmp_path / "m.xlsx", family_rows(village_a, families=1))
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"macro")
    assert "makro" in _messages(validate_file(officer_a, path))


def _patch_sheet(path: Path, change) -> Path:
    patched = path.with_name(f"patched-{path.name}")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = change(data.decode()).encode()
            target.writestr(item, data)
    return patched


LAUGHS = "".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(1, 10)).replace(
    "&lol0;", "lol"
)


def test_an_xml_entity_bomb_is_refused_without_expanding_it(tmp_path, officer_a, village_a):
    path = write_xlsx(tmp_path / "x.xlsx", family_rows(village_a, families=1))
    bomb = _patch_sheet(
        path,
        lambda xml: (
            re.sub(r"^<\?xml[^>]*\?>", "", xml)
            .replace("<worksheet", f'<?xml version="1.0"?><!DOCTYPE lolz [{LAUGHS}]><worksheet', 1)
            .replace("Warga Uji 1<", "&lol9;<", 1)
        ),
    )
    batch = validate_file(officer_a, bomb)
    assert batch.status == BatchStatus.INVALID
    assert "rusak" in _messages(batch)


def test_openpyxl_parses_xml_through_defusedxml():
    assert openpyxl.xml.DEFUSEDXML is True


def test_formula_cells_give_their_stored_value_and_are_never_evaluated(tmp_path, officer_a, village_a):
    path = write_xlsx(tmp_path / "f.xlsx", family_rows(village_a, families=1))
    formula = _patch_sheet(
        path,
        lambda xml: re.sub(
            r'<c r="D2" t="inlineStr"><is><t>[^<]*</t></is></c>',
            '<c r="D2" t="str"><f>UPPER("ditulis rumus")</f><v>NILAI TERSIMPAN</v></c>',
            xml,
        ),
    )
    import_batch(validate_file(officer_a, formula), officer_a)
    assert Person.objects.filter(name="NILAI TERSIMPAN").exists()


def test_a_nik_in_a_number_cell_rejects_the_row(tmp_path, officer_a, village_a):
    rows = family_rows(village_a, families=1)
    rows[1][2] = int(rows[1][2])  # Excel keeps 15 digits: the NIK already changed
    batch = validate_file(officer_a, write_xlsx(tmp_path / "n.xlsx", rows))
    row, column, message = problems(batch)[0]
    assert (row, column) == (3, "NIK")  # the header is row 1
    assert message.startswith("NIK tersimpan sebagai angka, sehingga Excel bisa menghilangkan digit terakhirnya.")
    assert batch.summary["valid_rows"] == 2


def test_a_no_kk_in_a_number_cell_rejects_the_row(tmp_path, officer_a, village_a):
    rows = family_rows(village_a, families=1)
    rows[0][1] = float(rows[0][1])
    batch = validate_file(officer_a, write_xlsx(tmp_path / "k.xlsx", rows))
    row, column, message = problems(batch)[0]
    assert (row, column) == (2, "No KK")
    assert message.startswith("No. KK tersimpan sebagai angka")


def test_a_nik_in_scientific_notation_rejects_the_row(tmp_path, officer_a, village_a):
    rows = family_rows(village_a, families=1)
    rows[1][2] = "1.80104E+15"
    batch = validate_file(officer_a, write_csv(tmp_path / "s.csv", rows))
    assert "notasi ilmiah" in _messages(batch)
    assert batch.summary["valid_rows"] == 2


def test_a_duplicate_nik_within_the_file_rejects_both_rows(tmp_path, officer_a, village_a):
    rows = family_rows(village_a, families=3)
    rows[7][2] = rows[1][2]
    batch = validate_file(officer_a, write_xlsx(tmp_path / "d.xlsx", rows))
    assert {(row, message) for row, _, message in problems(batch)} == {
        (3, "NIK sama dengan baris 9; kedua baris ditolak."),
        (9, "NIK sama dengan baris 3; kedua baris ditolak."),
    }
    assert not StagedRow.objects.filter(batch=batch, nik=rows[1][2]).exists()


def test_two_heads_in_one_household_reject_that_household(tmp_path, officer_a, village_a):
    rows = family_rows(village_a, families=2)
    rows[1][5] = "Kepala Keluarga"
    batch = validate_file(officer_a, write_xlsx(tmp_path / "h.xlsx", rows))
    assert {row for row, _, _ in problems(batch)} == {2, 3, 4}
    assert "lebih dari satu Kepala Keluarga" in _messages(batch)
    assert batch.summary["valid_rows"] == 3


def test_a_household_without_a_head_is_rejected(tmp_path, officer_a, village_a):
    rows = family_rows(village_a, families=1)
    rows[0][5] = "Anak"
    batch = validate_file(officer_a, write_xlsx(tmp_path / "h.xlsx", rows))
    assert batch.status == BatchStatus.INVALID
    assert "tidak punya Kepala Keluarga" in _messages(batch)


def test_an_unknown_village_code_rejects_the_row(tmp_path, officer_a, village_a):
    rows = family_rows(village_a, families=1)
    for row in rows:
        row[8] = "18.01.04.2999"
    batch = validate_file(officer_a, write_xlsx(tmp_path / "v.xlsx", rows))
    assert _messages(batch).startswith("Kode desa tidak ditemukan")
    assert batch.status == BatchStatus.INVALID


def test_an_impossible_date_rejects_the_row(tmp_path, officer_a, village_a):
    rows = family_rows(village_a, families=1)
    rows[2][7] = "30/02/1990"
    batch = validate_file(officer_a, write_xlsx(tmp_path / "t.xlsx", rows))
    assert problems(batch)[0][:2] == (4, "Tanggal Lahir")
    assert batch.summary["valid_rows"] == 2


def test_missing_columns_make_the_file_invalid_with_one_message(tmp_path, officer_a, village_a):
    rows = [row[:4] for row in family_rows(village_a, families=1)]
    batch = validate_file(officer_a, write_xlsx(tmp_path / "c.xlsx", rows, header=HEADER[:4]))
    assert batch.status == BatchStatus.INVALID
    assert problems(batch) == [
        (None, "", "Kolom wajib tidak ditemukan: Jenis Kelamin, Hubungan Keluarga, Kode Desa (atau Kecamatan dan "
         "Desa/Kelurahan).")
    ]  # fmt: skip


def test_a_file_of_only_bad_rows_is_invalid_and_writes_nothing(tmp_path, officer_a, village_a):
    rows = family_rows(village_a, families=2)
    for row in rows:
        row[2] = "12345"
    batch = validate_file(officer_a, write_xlsx(tmp_path / "b.xlsx", rows))
    assert batch.status == BatchStatus.INVALID
    assert batch.summary["rejected_rows"] == 6
    _assert_registry_untouched()


def test_no_message_ever_contains_a_nik(tmp_path, officer_a, village_a):
    rows = family_rows(village_a, families=3)
    rows[1][4] = "P"  # sex disagrees with the NIK: a warning
    rows[4][2] = rows[4][2][:-4] + "0000"
    rows[7][2] = rows[1][2]
    batch = validate_file(officer_a, write_xlsx(tmp_path / "p.xlsx", rows))
    assert not re.search(r"\d{16}", _messages(batch))


def test_a_file_with_too_many_columns_is_refused_with_one_message(tmp_path, officer_a, settings):
    """UP-02: a million column names once made a 13 MB batch page."""
    path = tmp_path / "lebar.csv"
    path.write_text(",".join(["NIK", "No KK", "Nama", *(f"K{n}" for n in range(5000))]) + "\n")
    batch = validate_file(officer_a, path)
    assert batch.status == BatchStatus.INVALID
    assert problems(batch) == [(None, "", "Berkas ini punya 5.003 kolom; berkas BNBA paling banyak 300 kolom. "
                                          "Hapus kolom yang tidak dipakai lalu unggah lagi.")]  # fmt: skip
    assert "ignored_columns" not in batch.summary


def test_the_database_keeps_one_batch_of_a_file_in_progress_per_district(tmp_path, officer_a, village_a):
    """IMP-02: check-then-insert is not enough when requests race; the constraint is."""
    from django.db import IntegrityError, transaction

    from beneficiaries.models import ImportBatch

    batch = validate_file(officer_a, write_xlsx(tmp_path / "a.xlsx", family_rows(village_a, families=1)))
    twin = ImportBatch(
        file="x.xlsx", file_type="xlsx", original_name="a.xlsx", sha256=batch.sha256, size=1, district=batch.district,
        uploaded_by=officer_a, desil_source="dtsen", desil_as_of=batch.desil_as_of,
    )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()
    ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.CANCELLED)
    twin.save()  # a cancelled batch frees its file
