"""Reading uploaded spreadsheets safely: find out what the file really is, then stream its rows.

Workbooks (xlsx, xls, ods) are read with python-calamine (cached values, formulas never evaluated,
no XML entities); text files (csv, txt) are streamed in UTF-8 (BOM or not), Windows-1252 or UTF-16
with a BOM, with `,` `;` tab or `|` as separator. Every refusal is a ``SpreadsheetError`` whose
message can be shown to the user as it is.
"""

from .detection import ALLOWED_EXTENSIONS, HEAD_BYTES, SpreadsheetError, detect_type
from .workbooks import Sheet, SheetInfo, Workbook, column_letter, open_workbook

__all__ = [
    "ALLOWED_EXTENSIONS",
    "HEAD_BYTES",
    "Sheet",
    "SheetInfo",
    "SpreadsheetError",
    "Workbook",
    "column_letter",
    "detect_type",
    "open_sheet",
    "open_workbook",
]


def open_sheet(path, kind: str) -> Sheet:
    """The first visible sheet of a workbook, or the rows of a text file."""
    workbook = open_workbook(path, kind)
    visible = [info.name for info in workbook.sheets if info.visible] or [workbook.sheets[0].name]
    return workbook.sheet(visible[0])
