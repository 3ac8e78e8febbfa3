"""Writing the same grid of cells as any file a district office sends: xlsx, xls, ods, csv and txt.

A grid is a list of rows of cells (str, int, float, date or None). Options say how the office's
spreadsheet looked: merged cells, hidden rows and columns, several sheets, a hidden sheet.
"""

import csv
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

import xlwt
from openpyxl import Workbook
from openpyxl.utils import get_column_letter


@dataclass
class SheetSpec:
    grid: list[list]
    name: str = "Data"
    hidden: bool = False
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # 0-based (row1, col1, row2, col2)
    hidden_rows: set[int] = field(default_factory=set)  # 0-based
    hidden_columns: set[int] = field(default_factory=set)


def write_workbook(path: Path, sheets: list[SheetSpec]) -> Path:
    writer = {".xlsx": _xlsx, ".xls": _xls, ".ods": _ods}[path.suffix]
    writer(path, sheets)
    return path


def write_text(path: Path, grid: list[list], *, delimiter: str = ",", encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows([[_as_text(cell) for cell in row] for row in grid])
    return path


def _as_text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, date):
        return cell.strftime("%d/%m/%Y")
    return str(cell)


def _xlsx(path: Path, sheets: list[SheetSpec]) -> None:
    book = Workbook()
    book.remove(book.active)
    for spec in sheets:
        sheet = book.create_sheet(spec.name)
        for row in spec.grid:
            sheet.append([_xlsx_cell(cell) for cell in row])
        for written in (c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value[:1] == "="):
            written.data_type = "s"  # text typed as '=…, not a formula (openpyxl takes every "=…" for one)
        for cell_row, cell in ((r, c) for r, row in enumerate(spec.grid) for c, value in enumerate(row)
                               if isinstance(value, date)):  # fmt: skip
            sheet.cell(cell_row + 1, cell + 1).number_format = "DD/MM/YYYY"
        for r1, c1, r2, c2 in spec.merges:
            sheet.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
        for row in spec.hidden_rows:
            sheet.row_dimensions[row + 1].hidden = True
        for column in spec.hidden_columns:
            sheet.column_dimensions[get_column_letter(column + 1)].hidden = True
        if spec.hidden:
            sheet.sheet_state = "hidden"
    book.save(path)


def _xlsx_cell(cell):
    if isinstance(cell, date) and not isinstance(cell, datetime):
        return datetime(cell.year, cell.month, cell.day)
    return cell


def _xls(path: Path, sheets: list[SheetSpec]) -> None:
    book, day = xlwt.Workbook(encoding="utf-8"), xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for spec in sheets:
        sheet = book.add_sheet(spec.name)
        covered = {(r, c) for r1, c1, r2, c2 in spec.merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
        for r1, c1, r2, c2 in spec.merges:
            sheet.write_merge(r1, r2, c1, c2, spec.grid[r1][c1])
        for r, row in enumerate(spec.grid):
            for c, cell in enumerate(row):
                if cell not in (None, "") and (r, c) not in covered:
                    sheet.write(r, c, cell, day) if isinstance(cell, date) else sheet.write(r, c, cell)
        for row in spec.hidden_rows:
            sheet.row(row).hidden = True
        for column in spec.hidden_columns:
            sheet.col(column).hidden = True
        if spec.hidden:
            sheet.visibility = 1
    book.save(str(path))


ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


def _ods(path: Path, sheets: list[SheetSpec]) -> None:
    styles = (
        '<office:automatic-styles><style:style style:name="hidden" style:family="table">'
        '<style:table-properties table:display="false"/></style:style></office:automatic-styles>'
    )
    tables = "".join(_ods_table(spec) for spec in sheets)
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NS} office:version="1.2">'
               f"{styles}<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
               "</office:document-content>")  # fmt: skip
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", MANIFEST)
        archive.writestr("content.xml", content)


def _ods_table(spec: SheetSpec) -> str:
    width = max((len(row) for row in spec.grid), default=0)
    columns = "".join(
        f"<table:table-column{' table:visibility="collapse"' if c in spec.hidden_columns else ''}/>"
        for c in range(width)
    )
    spans = {(r1, c1): (r2 - r1 + 1, c2 - c1 + 1) for r1, c1, r2, c2 in spec.merges}
    covered = {(r, c) for r1, c1, r2, c2 in spec.merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
    rows = []
    for r, row in enumerate(spec.grid):
        cells = "".join(_ods_cell(row[c] if c < len(row) else None, spans.get((r, c)), (r, c) in covered
                                  and (r, c) not in spans) for c in range(width))  # fmt: skip
        hidden = ' table:visibility="collapse"' if r in spec.hidden_rows else ""
        rows.append(f"<table:table-row{hidden}>{cells}</table:table-row>")
    style = ' table:style-name="hidden"' if spec.hidden else ""
    return f'<table:table table:name="{escape(spec.name)}"{style}>{columns}{"".join(rows)}</table:table>'


def _ods_cell(cell, span, covered: bool) -> str:
    if covered:
        return "<table:covered-table-cell/>"
    merge = f' table:number-rows-spanned="{span[0]}" table:number-columns-spanned="{span[1]}"' if span else ""
    if cell is None or cell == "":
        return f"<table:table-cell{merge}/>"
    if isinstance(cell, date):
        return (f'<table:table-cell{merge} office:value-type="date" office:date-value="{cell:%Y-%m-%d}">'
                f"<text:p>{cell:%d/%m/%Y}</text:p></table:table-cell>")  # fmt: skip
    if isinstance(cell, int | float):
        return (f'<table:table-cell{merge} office:value-type="float" office:value="{cell}">'
                f"<text:p>{cell}</text:p></table:table-cell>")  # fmt: skip
    text = escape(str(cell))
    return f'<table:table-cell{merge} office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
