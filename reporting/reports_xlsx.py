"""The report's workbook: a summary sheet, then one sheet per table, numbers kept as numbers.

Text goes through ``safe_cell`` and is written as strings, never formulas (SECURITY-CHECKLIST EXP-01).
"""

import io

import xlsxwriter
from django.utils import timezone
from django.utils.formats import date_format

from desakumaju.lib.exports import safe_cell

from .reports_content import ReportContent
from .reports_tables import INTEGER, PERCENT, RUPIAH, Table

FORMATS = {INTEGER: "#,##0", RUPIAH: '"Rp" #,##0', PERCENT: "0.0%"}


def report_workbook(content: ReportContent) -> bytes:
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with xlsxwriter.Workbook(buffer, options) as book:
        styles = _styles(book)
        _summary_sheet(book, content, styles)
        for table in content.tables:
            _table_sheet(book, table, styles)
    return buffer.getvalue()


def _styles(book) -> dict:
    styles = {kind: book.add_format({"num_format": pattern}) for kind, pattern in FORMATS.items()}
    styles |= {f"{kind}_total": book.add_format({"num_format": p, "bold": True}) for kind, p in FORMATS.items()}
    styles |= {"bold": book.add_format({"bold": True}), "title": book.add_format({"bold": True, "font_size": 14})}
    styles["header"] = book.add_format({"bold": True, "text_wrap": True, "bg_color": "#D1E7DD", "border": 1})
    return styles


def _text(sheet, row: int, column: int, value, style=None) -> None:
    sheet.write_string(row, column, str(safe_cell(str(value))), style)


def _summary_sheet(book, content: ReportContent, styles: dict) -> None:
    report = content.report
    sheet = book.add_worksheet("Ringkasan")
    sheet.set_column(0, 0, 42)
    sheet.set_column(1, 1, 60)
    _text(sheet, 0, 0, f"LP2KD {report.get_kind_display()} {report.year} — {report.scope_name}", styles["title"])
    lines = [
        ("Periode", f"{date_format(report.period_start, 'j F Y')} – {date_format(report.period_end, 'j F Y')}"),
        ("Diminta oleh", report.requested_by.get_full_name() or report.requested_by.username),
        ("Disusun", date_format(timezone.localtime(content.generated_at), "j F Y H:i")),
        ("Persetujuan periode", content.statement),
        *content.summary,
    ]
    for number, (label, value) in enumerate(lines, start=2):
        _text(sheet, number, 0, label, styles["bold"])
        _text(sheet, number, 1, value)


def _table_sheet(book, table: Table, styles: dict) -> None:
    sheet = book.add_worksheet(table.sheet[:31])
    _text(sheet, 0, 0, table.title, styles["title"])
    for column, heading in enumerate(table.columns):
        _text(sheet, 2, column, heading.title, styles["header"])
        sheet.set_column(column, column, 14 if heading.kind != "text" else 22)
    for number, row in enumerate(table.rows, start=3):
        _row(sheet, number, row, table, styles, "")
    below = 3 + len(table.rows)
    if table.total:
        _row(sheet, below, table.total, table, styles, "_total")
        below += 1
    if table.note:
        _text(sheet, below + 1, 0, table.note)
    sheet.freeze_panes(3, 0)


def _row(sheet, number: int, row: list, table: Table, styles: dict, suffix: str) -> None:
    for column, (value, heading) in enumerate(zip(row, table.columns, strict=True)):
        if value is None or value == "":
            sheet.write_blank(number, column, None)
        elif heading.kind in FORMATS and isinstance(value, int | float):
            sheet.write_number(number, column, value, styles[f"{heading.kind}{suffix}"])
        else:
            _text(sheet, number, column, value, styles["bold"] if suffix else None)
