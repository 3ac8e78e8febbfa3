"""The officer's repair loop: a problems file that carries each rejected row's original cells and the
reasons, so the officer fixes those rows and uploads just that file.

The cells are copied from the uploaded file with their types (a NIK typed as a number stays a number
and is refused again until retyped as text: nothing is repaired behind the officer's back). The
header is written on one row under the names the portal reads, so a two-row header comes back flat.
"""

import io
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

import xlsxwriter
from django.core.files.base import ContentFile

from desakumaju.lib.spreadsheets import SpreadsheetError, open_workbook

from ..models import ImportBatch, ProblemLevel
from .columns import HINT, header_key
from .dates import MONTH_FIRST
from .header import DATE_FIELDS
from .workbooks import write_problem_list

MONTH_FIRST_HINT = "(bulan/hari/tahun)"
REASONS, ORIGINAL_ROW = "Alasan penolakan", "Baris asal"
IDENTITY_KEYS = {"nik", "nokk", "nomornik", "nomorkk", "nonik", "kk"}


def rejected_rows(batch: ImportBatch) -> dict[int, list[str]]:
    reasons = defaultdict(list)
    errors = batch.problems.filter(level=ProblemLevel.ERROR, row__isnull=False).order_by("row", "pk")
    for row, column, message in errors.values_list("row", "column", "message").iterator(chunk_size=5000):
        reasons[row].append(f"{column}: {message}" if column else message)
    return reasons


def save_problems_file(batch: ImportBatch, layout: dict | None) -> None:
    """Write the problems file to ``batch.problems_file`` (the caller saves the batch)."""
    reasons = rejected_rows(batch)
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, {"constant_memory": True, "strings_to_formulas": False,
                                      "strings_to_numbers": False, "strings_to_urls": False}) as book:  # fmt: skip
        if layout and reasons:
            _write_rejected(book, batch, layout, reasons)
        write_problem_list(book, batch)
    batch.problems_file.save("masalah.xlsx", ContentFile(buffer.getvalue()), save=False)


def _header_names(layout: dict) -> dict[int, str]:
    """The header as the portal read it; in a month-first file the date columns say so in their names, as the
    refused rows alone might not show it (a file whose days are all up to 12 reads day-first)."""
    names = {int(position): name for position, name in layout["names"].items()}
    if layout.get("date_order") == MONTH_FIRST:
        for position, field in layout.get("fields", {}).items():
            if field in DATE_FIELDS:
                names[int(position)] = f"{without_hint(names[int(position)])} {MONTH_FIRST_HINT}"
    return names


def without_hint(name: str) -> str:
    """A column name without a bracketed hint it already had."""
    return HINT.sub("", name).strip() or name


def _write_rejected(book, batch: ImportBatch, layout: dict, reasons: dict[int, list[str]]) -> None:
    names = _header_names(layout)
    width = max(names, default=-1) + 1
    sheet = book.add_worksheet("Baris ditolak")
    bold, text = book.add_format({"bold": True, "bg_color": "#F4CCCC"}), book.add_format({"num_format": "@"})
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    for position in range(width):
        identity = header_key(names.get(position, "")) in IDENTITY_KEYS
        sheet.set_column(position, position, 20, text if identity else None)
        sheet.write_string(0, position, names.get(position, ""), bold)
    sheet.write_string(0, width, REASONS, bold)
    sheet.write_string(0, width + 1, ORIGINAL_ROW, bold)
    sheet.set_column(width, width, 80)
    out = 1
    for number, cells in _original_rows(batch, layout["sheet"], set(reasons)):
        for position, cell in enumerate(cells[:width]):
            _write_cell(sheet, out, position, cell, day)
        sheet.write_string(out, width, "; ".join(reasons[number]))
        sheet.write_number(out, width + 1, number)
        out += 1
    sheet.freeze_panes(1, 0)


def _original_rows(batch: ImportBatch, sheet_name: str, wanted: set[int]):
    try:
        rows = open_workbook(Path(batch.file.path), batch.file_type).sheet(sheet_name).rows
    except SpreadsheetError:
        return
    last = max(wanted)
    for number, cells in enumerate(rows, start=1):
        if number in wanted:
            yield number, cells
        if number >= last:
            return


def _write_cell(sheet, row: int, column: int, cell, day) -> None:
    if cell is None or cell == "":
        return
    if isinstance(cell, bool):
        sheet.write_boolean(row, column, cell)
    elif isinstance(cell, datetime | date):
        sheet.write_datetime(row, column, cell if isinstance(cell, datetime) else datetime(*cell.timetuple()[:3]), day)
    elif isinstance(cell, int | float):
        sheet.write_number(row, column, cell)
    else:
        sheet.write_string(row, column, str(cell))
