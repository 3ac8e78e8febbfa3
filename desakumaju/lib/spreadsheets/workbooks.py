"""A workbook's sheets and their rows, whatever the format: every row starts at column A."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

from . import containers, hidden, text
from .detection import SpreadsheetError


class SheetInfo(NamedTuple):
    name: str
    visible: bool


@dataclass
class Sheet:
    name: str  # "" for a text file
    rows: Iterator[list]
    size_hint: int  # about how many rows, for progress bars
    hidden_rows: frozenset[int] = field(default_factory=frozenset)  # 0-based
    hidden_columns: frozenset[int] = field(default_factory=frozenset)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: how spreadsheets name a column."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


class Workbook:
    """Opened once; ``sheets`` lists them in workbook order, ``sheet(name)`` streams one."""

    def __init__(self, path: Path, kind: str):
        self.path, self.kind = Path(path), kind
        self.sheets: list[SheetInfo] = []

    def sheet(self, name: str) -> Sheet:
        raise NotImplementedError


class TextWorkbook(Workbook):
    def __init__(self, path: Path, kind: str):
        super().__init__(path, kind)
        self.encoding = text.text_encoding(self.path)
        self.sheets = [SheetInfo("", True)]

    def sheet(self, name: str) -> Sheet:
        return Sheet("", text.text_rows(self.path, self.encoding), text.count_lines(self.path))


HIDDEN_READERS = {"xlsx": hidden.xlsx_hidden, "xls": hidden.xls_hidden, "ods": hidden.ods_hidden}


class CalamineBook(Workbook):
    def __init__(self, path: Path, kind: str):
        super().__init__(path, kind)
        if kind == "xls":
            containers.check_ole_workbook(self.path)
        else:
            containers.check_zip_workbook(self.path, kind)
        self.book = _calamine(lambda: CalamineWorkbook.from_path(str(self.path)), kind)
        self.sheets = [
            SheetInfo(meta.name, meta.visible == SheetVisibleEnum.Visible)
            for meta in self.book.sheets_metadata
            if meta.typ == SheetTypeEnum.WorkSheet
        ]

    def sheet(self, name: str) -> Sheet:
        data = _calamine(lambda: self.book.get_sheet_by_name(name), self.kind)
        hidden_rows, hidden_columns = HIDDEN_READERS[self.kind](self.path, name)
        offset = data.start[1] if data.start else 0  # calamine starts rows at the first used column
        rows = _rows_from_column_a(data, offset, self.kind)
        return Sheet(name, rows, data.height, hidden_rows, hidden_columns)


def _calamine(read, kind: str):
    try:
        return read()
    except PasswordError as error:
        raise containers.password_protected() from error
    except CalamineError as error:
        raise SpreadsheetError(f"Berkas .{kind} rusak dan tidak dapat dibaca.") from error


def _rows_from_column_a(data, offset: int, kind: str) -> Iterator[list]:
    padding = [""] * offset
    try:
        for row in data.iter_rows():
            yield padding + row if offset else row
    except CalamineError as error:
        raise SpreadsheetError(f"Berkas .{kind} rusak dan tidak dapat dibaca.") from error


def open_workbook(path, kind: str) -> Workbook:
    """``kind`` as ``detect_type`` found it; refuses unsafe or unreadable files with a SpreadsheetError."""
    return TextWorkbook(path, kind) if kind == "csv" else CalamineBook(path, kind)
