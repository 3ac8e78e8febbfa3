"""Reading an uploaded file as data rows: the sheet, its header, how it writes dates, and which rows are
not data (blank, totals, signatures). Everything noticed about the file as a whole becomes a notice."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

from desakumaju.lib.spreadsheets import column_letter, open_workbook

from . import dates
from .columns import HEADER_SEARCH_ROWS
from .header import DATE_FIELDS, Header
from .layout import LayoutRows, row_ranges
from .rows import FileProfile
from .sheets import FileProblem, check_width, choose_sheet

ORDER_SAMPLE_ROWS = 5000


@dataclass
class FileRows:
    header: Header
    sheet_name: str
    profile: FileProfile
    size_hint: int
    rows: Iterator[tuple[int, list]] = field(default_factory=lambda: iter(()))  # (row number, cells)
    notices: list[str] = field(default_factory=list)  # complete once ``rows`` is exhausted


def open_rows(path: Path, file_type: str, *, sheet_name: str, kind: str) -> FileRows:
    chosen = choose_sheet(open_workbook(path, file_type), wanted=sheet_name, kind=kind)
    if chosen is None:
        raise FileProblem(
            f"Baris judul kolom tidak ditemukan di {HEADER_SEARCH_ROWS} baris pertama: harus ada kolom NIK, "
            "No KK, Nama, dan seterusnya (unduh templat untuk contoh)."
        )
    header = chosen.header
    if header.problems:
        raise FileProblem(" ".join(header.problems))
    data = chain(enumerate(chosen.leading[header.data_index :], start=header.data_index + 1),
                 enumerate(chosen.sheet.rows, start=len(chosen.leading) + 1))  # fmt: skip
    sample, order, order_notice = _date_order(data, header)
    result = FileRows(header, chosen.sheet.name, FileProfile(order, header.relationship_codes), chosen.sheet.size_hint)
    result.notices = [*chosen.notices, *header.notices, *([order_notice] if order_notice else [])]
    result.rows = _data_rows(chain(sample, data), header, chosen.sheet.hidden_rows, result.notices)
    return result


def _date_order(data: Iterator, header: Header) -> tuple[list, str, str | None]:
    """Read ahead to see whether the file writes dates day-first (Indonesian) or month-first (US Excel).

    Day-first unless some dates can only be month-first (12/25/1980) and none only day-first; either way
    a date whose day and month could be swapped is checked against the NIK, row by row.
    """
    if header.date_order == dates.MONTH_FIRST:
        return [], dates.MONTH_FIRST, (
            "Judul kolom tanggal menyebut urutan bulan/hari/tahun, jadi semua tanggal dibaca bulan/hari/tahun."
        )  # fmt: skip
    if header.date_order == dates.DAY_FIRST:
        return [], dates.DAY_FIRST, None
    positions = [position for position, name in header.fields.items() if name in DATE_FIELDS]
    sample, seen = [], set()
    for number, cells in islice(data, ORDER_SAMPLE_ROWS) if positions else ():
        sample.append((number, cells))
        seen.update(dates.order_evidence(_date_part(cells[p])) for p in positions if p < len(cells))
        if dates.DAY_FIRST in seen:
            break
    if dates.MONTH_FIRST in seen and dates.DAY_FIRST not in seen:
        return sample, dates.MONTH_FIRST, (
            "Tanggal di berkas ini ditulis dengan bulan lebih dulu (format Amerika, mis. 12/25/1980), jadi "
            "semua tanggal dibaca bulan/hari/tahun. Periksa contoh di pratinjau sebelum mengimpor."
        )  # fmt: skip
    return sample, dates.DAY_FIRST, None


def _date_part(cell) -> str:
    """The date of a cell, also of a combined "Natar, 27-04-1983" or "NATAR 12/25/1980" (split as the
    combined column's parser splits it)."""
    text = str(cell or "").strip()
    match = dates.PLACE_THEN_DATE.match(text)
    return match["date"] if match and match["date"] else text


def _filled(cell) -> bool:
    return cell is not None and cell != "" and str(cell).strip() != ""


def _data_rows(data: Iterator, header: Header, hidden_rows, notices: list[str]) -> Iterator[tuple[int, list]]:
    layout, hidden, unnamed, unnamed_by_width = LayoutRows(header.fields), [], {}, {}
    for number, cells in data:
        if not any(_filled(cell) for cell in cells) or layout.is_layout(number, cells):
            continue
        if number - 1 in hidden_rows:
            hidden.append(number)
        width = len(cells)
        if (positions := unnamed_by_width.get(width)) is None:
            check_width(width)
            positions = unnamed_by_width[width] = [p for p in range(width) if p not in header.names]
        for position in positions:
            if position not in unnamed and _filled(cells[position]):
                unnamed[position] = number
        yield number, cells
    notices.extend(_closing_notices(layout, hidden, unnamed))


def _closing_notices(layout: LayoutRows, hidden: list[int], unnamed: dict[int, int]) -> list[str]:
    found = [layout.notice()] if layout.notice() else []
    if hidden:
        found.append(f"{len(hidden)} baris tersembunyi di berkas ikut diperiksa: baris {row_ranges(hidden)}.")
    for position, first in sorted(unnamed.items()):
        found.append(f"Kolom {column_letter(position)} tidak berjudul tetapi berisi data (mis. baris {first}); "
                     "kolom itu diabaikan.")  # fmt: skip
    return found
