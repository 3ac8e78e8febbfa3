"""Which sheet of a workbook holds the data: the visible one with the header, or the officer's choice.

With several candidates nothing is guessed: the batch asks the officer to pick (``SheetChoiceNeeded``
carries the names for the picker on the batch page and for the command line's ``--sheet``).
"""

from dataclasses import dataclass
from itertools import islice

from django.conf import settings

from desakumaju.lib.numbers import thousands
from desakumaju.lib.spreadsheets import Sheet, Workbook

from .columns import HEADER_SEARCH_ROWS
from .header import Header, find_header


class FileProblem(Exception):
    """The file as a whole cannot be imported; the message says why."""


class SheetChoiceNeeded(FileProblem):
    def __init__(self, message: str, sheets: list[str]):
        super().__init__(message)
        self.sheets = sheets


@dataclass
class ChosenSheet:
    sheet: Sheet
    header: Header
    leading: list[list]  # the rows read to find the header; the sheet's iterator goes on after them
    notices: list[str]


def _quoted(names: list[str]) -> str:
    return ", ".join(f"'{name}'" for name in names)


def check_width(width: int) -> None:
    """UP-02: a file with thousands of columns is no BNBA file (and would make a page of megabytes)."""
    if width > settings.SPREADSHEET_MAX_COLUMNS:
        raise FileProblem(
            f"Berkas ini punya {thousands(width)} kolom; berkas BNBA paling banyak {settings.SPREADSHEET_MAX_COLUMNS} "
            "kolom. Hapus kolom yang tidak dipakai lalu unggah lagi."
        )


def _read(workbook: Workbook, name: str, kind: str) -> ChosenSheet | None:
    sheet = workbook.sheet(name)
    leading = list(islice(sheet.rows, HEADER_SEARCH_ROWS))
    check_width(max((len(row) for row in leading), default=0))
    header = find_header(leading, kind=kind, hidden_columns=sheet.hidden_columns)
    return ChosenSheet(sheet, header, leading, []) if header else None


def choose_sheet(workbook: Workbook, *, wanted: str, kind: str) -> ChosenSheet | None:
    """The sheet to read, or None when no sheet has a header; raises when the officer must choose."""
    names = [info.name for info in workbook.sheets]
    if wanted:
        if wanted not in names:
            raise SheetChoiceNeeded(f"Lembar '{wanted}' tidak ada di berkas ini.", names)
        return _read(workbook, wanted, kind)
    visible = [info.name for info in workbook.sheets if info.visible]
    found = {name: chosen for name in visible if (chosen := _read(workbook, name, kind))}
    if len(found) > 1:
        raise SheetChoiceNeeded(
            f"Berkas ini punya {len(found)} lembar berisi data BNBA: {_quoted(list(found))}. Pilih lembar yang "
            "akan diperiksa.",
            list(found),
        )
    if found:
        name, chosen = found.popitem()
        others = [other for other in names if other != name]
        if others:
            chosen.notices.append(f"Data dibaca dari lembar '{name}' (lembar lain: {_quoted(others)}).")
        return chosen
    return _only_hidden(workbook, kind, [info.name for info in workbook.sheets if not info.visible])


def _only_hidden(workbook: Workbook, kind: str, hidden: list[str]) -> None:
    holding = [name for name in hidden if _read(workbook, name, kind)]
    if holding:
        raise SheetChoiceNeeded(
            f"Data hanya ditemukan di lembar tersembunyi {_quoted(holding)}. Bila lembar itu yang dimaksud, "
            "pilih lembarnya; bila bukan, tampilkan lembar data yang benar lalu unggah lagi.",
            holding,
        )
    return None
