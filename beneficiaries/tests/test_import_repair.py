"""The officer's repair loop: download the rejected rows with their reasons, fix them, upload that file."""

import io
from datetime import date, datetime

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from beneficiaries.models import BatchStatus, Person
from tests.bnba_files import family_records, import_batch, problems, records_grid, validate_file
from tests.spreadsheet_writers import SheetSpec, write_text, write_workbook


def _download(user, batch) -> bytes:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("beneficiaries:batch_problems_xlsx", args=[batch.pk]))
    assert response.status_code == 200
    return response.content


def _bad_file(tmp_path, village):
    records = family_records(village, families=3)
    records[1]["NIK"] = int(records[1]["NIK"])  # typed into a number cell: the last digit may be gone
    records[4]["Kode Desa"] = "18.01.04.2999"  # no such village
    records[4]["Tanggal Lahir"] = date(1980, 5, 17)
    top = ["Alamat", "", ""]
    grid = [["No", "No KK", "NIK", "Nama", "Jenis Kelamin", "Hubungan Keluarga", "Tempat Lahir", "Tanggal Lahir",
             "Kode Desa", *top, "Desil"], ["", "", "", "", "", "", "", "", "", "Dusun", "RT", "RW", ""],
            *([r["No"], r["No KK"], r["NIK"], r["Nama"], r["Jenis Kelamin"], r["Hubungan Keluarga"], r["Tempat Lahir"],
               r["Tanggal Lahir"], r["Kode Desa"], "II", r["RT"], r["RW"], r["Desil"]] for r in records)]  # fmt: skip
    merges = [(0, 9, 0, 11)]
    return write_workbook(tmp_path / "bnba.xls", [SheetSpec(grid, merges=merges)]), records


def test_the_problems_file_carries_each_rejected_rows_original_cells_and_reasons(tmp_path, officer_a, village_a):
    path, _ = _bad_file(tmp_path, village_a)
    batch = validate_file(officer_a, path)
    assert batch.summary["rejected_rows"] == 2
    book = load_workbook(io.BytesIO(_download(officer_a, batch)))
    assert book.sheetnames == ["Baris ditolak", "Masalah"]
    rows = list(book["Baris ditolak"].iter_rows(values_only=True))
    header = rows[0]
    assert header[:13] == ("No", "No KK", "NIK", "Nama", "Jenis Kelamin", "Hubungan Keluarga", "Tempat Lahir",
                           "Tanggal Lahir", "Kode Desa", "Dusun", "RT", "RW", "Desil")  # fmt: skip
    assert header[13:] == ("Alasan penolakan", "Baris asal")
    by_row = {row[14]: row for row in rows[1:]}
    assert set(by_row) == {4, 7}
    assert isinstance(by_row[4][2], int | float), "a NIK typed as a number comes back as a number, not repaired"
    assert "NIK tersimpan sebagai angka" in by_row[4][13]
    assert by_row[7][8] == "18.01.04.2999" and "Kode desa tidak ditemukan" in by_row[7][13]
    assert by_row[7][7] == datetime(1980, 5, 17), "a date cell stays a date cell"


def test_the_fixed_problems_file_imports_just_those_rows(tmp_path, officer_a, village_a):
    path, records = _bad_file(tmp_path, village_a)
    first = import_batch(validate_file(officer_a, path), officer_a)
    assert Person.objects.count() == 7
    book = load_workbook(io.BytesIO(_download(officer_a, first)))
    sheet = book["Baris ditolak"]
    for row in sheet.iter_rows(min_row=2):
        if row[14].value == 4:
            row[2].value, row[2].number_format = str(records[1]["NIK"]), "@"  # retyped in a text cell
        else:
            row[8].value = "18.01.04.2001"
    fixed = tmp_path / "diperbaiki.xlsx"
    book.save(fixed)
    second = validate_file(officer_a, fixed)
    assert second.status == BatchStatus.READY, problems(second)
    assert second.summary["valid_rows"] == 2 and second.summary["rejected_rows"] == 0
    assert "N: Alasan penolakan" in second.summary["ignored_columns"]
    import_batch(second, officer_a)
    assert Person.objects.count() == 9


def test_an_identical_re_upload_says_so_and_offers_no_import(tmp_path, officer_a, village_a):
    path = write_workbook(tmp_path / "bnba.xlsx", [SheetSpec(records_grid(family_records(village_a)))])
    first = import_batch(validate_file(officer_a, path), officer_a)
    again = validate_file(officer_a, path)
    client = Client()
    client.force_login(officer_a)
    page = client.get(again.get_absolute_url()).text
    assert f'sama persis dengan <a href="{first.get_absolute_url()}">Unggahan #{first.pk}</a>' in page
    assert 'data-testid="import-button"' not in page
    response = client.post(reverse("beneficiaries:batch_import", args=[again.pk]), follow=True)
    assert "sudah diimpor; tidak ada yang perlu diimpor lagi" in response.text
    again.refresh_from_db()
    assert again.status == BatchStatus.READY


def test_the_problems_file_of_a_month_first_file_says_so_in_its_date_columns(tmp_path, officer_a, village_a):
    """A refused row's "3/4/1985" meant 4 March in its month-first file; alone, it would read 3 April."""
    from beneficiaries.validators import compose_nik

    records = family_records(village_a)
    for index, day in enumerate([date(1970, 12, 25), date(1985, 3, 4), date(1999, 5, 2)]):
        nik = compose_nik(kecamatan_code="18.01.04", birth_date=day, sex=records[index]["Jenis Kelamin"],
                          serial=70 + index)  # fmt: skip
        records[index].update({"NIK": nik, "Tanggal Lahir": f"{day.month}/{day.day}/{day.year}"})
    records[1]["Kode Desa"] = "18.01.04.2999"
    first = import_batch(validate_file(officer_a, write_text(tmp_path / "us.csv", records_grid(records))), officer_a)
    book = load_workbook(io.BytesIO(_download(officer_a, first)))
    sheet = book["Baris ditolak"]
    header = [cell.value for cell in sheet[1]]
    assert "Tanggal Lahir (bulan/hari/tahun)" in header
    sheet.cell(2, header.index("Kode Desa") + 1).value = "18.01.04.2001"
    fixed = tmp_path / "diperbaiki.xlsx"
    book.save(fixed)
    second = validate_file(officer_a, fixed)
    assert any("bulan/hari/tahun" in notice for notice in second.summary["notices"])
    import_batch(second, officer_a)
    assert Person.objects.get(nik=records[1]["NIK"]).birth_date == date(1985, 3, 4)
