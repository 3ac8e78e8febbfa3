import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from desakumaju.lib.exports import safe_cell, write_table, write_xlsx

DANGEROUS = ['=HYPERLINK("http://x","klik")', "==1+1", "+62812", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def _read(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content)).active


@pytest.mark.parametrize("text", DANGEROUS)
def test_it_prefixes_strings_that_could_start_a_formula(text):
    assert safe_cell(text) == f"'{text}"


@pytest.mark.parametrize("value", ["Desa Hajimena", "1.250.000", "", 5, -5, Decimal("2.5"), None])
def test_it_leaves_other_values_alone(value):
    assert safe_cell(value) == value


def test_it_never_writes_a_formula_cell():
    sheet = _read(write_xlsx([[text] for text in DANGEROUS], ["=Kolom"]))
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert all(cell.data_type == "s" and cell.value.startswith("'") for cell in cells)
    # openpyxl shows a written carriage return as _x000D_; every other text comes back as written.
    assert [cell.value for cell in cells][:-1] == ["'=Kolom", *(f"'{text}" for text in DANGEROUS[:-1])]


def test_it_keeps_numbers_numeric_and_dates_dates():
    sheet = _read(write_xlsx([[1_250_000, Decimal("2.50"), -3, date(2026, 3, 1), None, "Padi"]], list("ABCDEF")))
    row = list(sheet[2])
    assert [cell.data_type for cell in row[:3]] == ["n", "n", "n"]
    assert [cell.value for cell in row[:3]] == [1_250_000, 2.5, -3]
    assert row[3].value.date() == date(2026, 3, 1) and row[3].is_date
    assert row[4].value is None and row[5].value == "Padi"


def _csv(rows, headers, **kwargs) -> bytes:
    buffer = io.BytesIO()
    write_table(buffer, "csv", rows, headers, **kwargs)
    return buffer.getvalue()


@pytest.mark.parametrize("text", ["\nx", "\0x"])
def test_it_also_prefixes_line_feeds_and_nul(text):
    assert safe_cell(text) == f"'{text}"


def test_csv_is_utf8_with_a_bom_rfc4180_quoted_and_never_starts_a_formula():
    content = _csv([[text] for text in DANGEROUS] + [['Jl. "Mawar", No. 5\nRT 01']], ["=Kolom"])
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert [row[0] for row in rows] == ["'=Kolom", *(f"'{text}" for text in DANGEROUS), 'Jl. "Mawar", No. 5\nRT 01']
    assert b'"Jl. ""Mawar"", No. 5\nRT 01"\r\n' in content


def test_csv_keeps_numbers_plain_dates_iso_and_identity_numbers_as_strings():
    rows = [[1_250_000, Decimal("2.50"), -3, date(2026, 3, 1), None, True, "0801044107900001"]]
    content = _csv(rows, list("ABCDEFG"), text_columns=[6])
    assert content.decode("utf-8-sig").splitlines()[1] == "1250000,2.50,-3,2026-03-01,,Ya,0801044107900001"


def test_identity_columns_are_text_cells_in_text_format():
    buffer = io.BytesIO()
    count = write_table(buffer, "xlsx", iter([["0801044107900001", 5], ["", 6]]), ["NIK", "N"], text_columns=[0])
    sheet = _read(buffer.getvalue())
    assert count == 2
    nik = sheet["A2"]
    assert (nik.value, nik.data_type, nik.number_format) == ("0801044107900001", "s", "@")
    assert sheet["B2"].data_type == "n"


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_it_streams_rows_from_a_generator_into_a_file(fmt, tmp_path):
    rows = ([n, f"Nama {n}", f"{n:016d}"] for n in range(20_000))
    with (tmp_path / f"besar.{fmt}").open("wb+") as handle:
        assert write_table(handle, fmt, rows, ["No", "Nama", "NIK"], text_columns=[2]) == 20_000
        assert handle.tell() > 100_000
