"""The portal's one export mechanism: lists as xlsx or csv files nobody's spreadsheet will run (SECURITY-CHECKLIST).

* ``safe_cell``: a string that a spreadsheet would read as a formula or a command (starting with ``=``,
  ``+``, ``-``, ``@``, tab, carriage return, line feed or NUL) gets a leading apostrophe. Numbers stay
  numbers and dates stay dates (EXP-01).
* ``write_table``: rows into an open binary file as xlsx (xlsxwriter in constant-memory mode; strings are
  always string cells, never formulas or links; identity columns in text format ``@`` so that Excel never
  turns a NIK or No KK into a number) or as csv (UTF-8 with a BOM so that Excel reads it as UTF-8,
  separated by ``,`` and quoted as RFC 4180; Indonesian Excel opens it through Data → From Text/CSV,
  which detects the comma; every value a plain string, so leading zeros survive).
* ``export_response``: an export view's answer. It writes the rows to an anonymous temporary file
  (rows are iterated, never held in memory), records it (``records.exports.record_export``: who, which list,
  the filter, how many rows, why, which households) and sends the file as an attachment. Lists that can be
  large go through ``desakumaju.lib.list_exports``, which sends them here or to a worker.
* ``full_numbers_reason``: whether an export carries full NIK and No KK: only when asked for by POST with a
  reason, by a user who may see them; masked otherwise.
"""

import csv
import io
import logging
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import FileResponse, Http404
from django.utils import timezone

logger = logging.getLogger(__name__)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
FORMATS = ("xlsx", "csv")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def safe_cell(value):
    """The value as it may go into a cell: a string that could start a formula is prefixed with '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def full_numbers_reason(request) -> tuple[str, str] | None:
    """Whether an export carries full NIK and No KK, and why: ``(purpose, reason)`` for a POST with
    ``lengkap`` and a valid reason from a user who may see full numbers (those who may correct them, whose
    lists hold their scope only); ``None`` (masked) otherwise. Asked without the right: 403; without a
    reason: 400 (SECURITY-CHECKLIST PII-01, DOC-01)."""
    from records.reveal import ReasonForm, may_see_full_numbers

    if request.method != "POST" or not request.POST.get("lengkap"):
        return None
    if not may_see_full_numbers(request.user):
        raise PermissionDenied
    form = ReasonForm(request.POST)
    if not form.is_valid():
        raise BadRequest("Ekspor dengan NIK/No. KK lengkap memerlukan alasan.")
    return form.cleaned_data["tujuan"], form.cleaned_data["keterangan"].strip()


def identity_number(value: str, *, full: bool) -> str:
    """A NIK or No KK as an export may show it to this user."""
    from beneficiaries.models import mask_identity_number

    if not value:
        return ""
    return value if full else mask_identity_number(value)


def requested_format(request) -> str:
    """``?format=xlsx`` (the default) or ``?format=csv``; any other value is a 404."""
    fmt = request.GET.get("format", "xlsx") or "xlsx"
    if fmt not in FORMATS:
        raise Http404
    return fmt


def list_query(request) -> str:
    """A list's query string for its export links: its filters and sorting, without page or format."""
    params = request.GET.copy()
    for key in ("page", "format"):
        params.pop(key, None)
    return params.urlencode()


def write_table(
    handle,
    fmt: str,
    rows: Iterable[Sequence],
    headers: Sequence[str],
    *,
    text_columns: Iterable[int] = (),
    sheet_name: str = "Data",
) -> int:
    """Write a header row and ``rows`` to the binary file ``handle``; return the number of rows."""
    writer = _write_csv if fmt == "csv" else _write_xlsx
    return writer(handle, rows, headers, frozenset(text_columns), sheet_name)


def write_xlsx(
    rows: Iterable[Sequence], headers: Sequence[str], *, sheet_name: str = "Data", text_columns: Iterable[int] = ()
) -> bytes:
    """One sheet with a bold header row and ``rows`` below it, as bytes (for small files)."""
    buffer = io.BytesIO()
    write_table(buffer, "xlsx", rows, headers, text_columns=text_columns, sheet_name=sheet_name)
    return buffer.getvalue()


def _write_xlsx(handle, rows, headers, text_columns, sheet_name) -> int:
    options = {
        "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
        "strings_to_numbers": False, "tmpdir": temporary_folder(),
    }  # fmt: skip
    count = 0
    with xlsxwriter.Workbook(handle, options) as book:
        sheet = book.add_worksheet(sheet_name[:31])
        formats = _Formats(book)
        for column, heading in enumerate(headers):
            sheet.write_string(0, column, str(safe_cell(str(heading))), formats.bold)
        for column in text_columns:
            sheet.set_column(column, column, 20, formats.text)
        for count, row in enumerate(rows, start=1):
            for column, value in enumerate(row):
                _write_cell(sheet, count, column, value, formats, text=column in text_columns)
    return count


class _Formats:
    def __init__(self, book):
        self.bold = book.add_format({"bold": True})
        self.text = book.add_format({"num_format": "@"})
        self.date = book.add_format({"num_format": "dd/mm/yyyy"})
        self.datetime = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})


def _write_cell(sheet, row: int, column: int, value, formats: _Formats, *, text: bool) -> None:
    if value is None or value == "":
        sheet.write_blank(row, column, None, formats.text if text else None)
    elif text:  # an identity number: always a string cell in text format, whatever it looks like
        sheet.write_string(row, column, str(safe_cell(str(value))), formats.text)
    elif isinstance(value, bool):
        sheet.write_string(row, column, "Ya" if value else "Tidak")
    elif isinstance(value, int | float | Decimal):
        sheet.write_number(row, column, value)
    elif isinstance(value, datetime):
        sheet.write_datetime(row, column, _local(value), formats.datetime)
    elif isinstance(value, date):
        sheet.write_datetime(row, column, value, formats.date)
    else:
        sheet.write_string(row, column, str(safe_cell(str(value))))


def _local(value: datetime) -> datetime:
    return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value


def _write_csv(handle, rows, headers, text_columns, sheet_name) -> int:
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="", write_through=False)
    writer = csv.writer(text)  # excel dialect: ",", quotes where needed, CRLF line ends (RFC 4180)
    writer.writerow([safe_cell(str(heading)) for heading in headers])
    count = 0
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])
        count += 1
    text.flush()
    text.detach()  # leave ``handle`` open for the caller
    return count


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, datetime):
        return f"{_local(value):%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    return safe_cell(str(value))


def temporary_folder() -> str | None:
    """Exports hold personal data: their temporary files go to the private temporary folder (PII-05)."""
    folder = getattr(settings, "FILE_UPLOAD_TEMP_DIR", None)
    if not folder:
        return None
    try:
        Path(folder).mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return str(folder)


def export_response(
    request,
    *,
    name: str,
    filename: str,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    fmt: str | None = None,
    text_columns: Iterable[int] = (),
    sheet_name: str = "Data",
    query: str | None = None,
    full_identity_numbers: bool = False,
    reason: tuple[str, str] | None = None,
    households=None,
) -> FileResponse:
    """Write ``rows`` as ``fmt`` (default: ``?format=``), record the export and answer with the file.

    ``name`` is the list (an ``ExportList`` value), ``filename`` the file's name without extension
    (server-made, ASCII), ``text_columns`` the indexes of identity columns (NIK, No KK), ``query`` the
    filter as recorded (default: the request's query string without ``format``); it must never hold a
    NIK or No KK. ``reason`` is why full numbers were asked for (``full_numbers_reason``), ``households``
    a queryset of the households the file holds, listed in the access log. The file is an anonymous
    temporary file, gone when the response is closed.
    """
    from records.client import client_address
    from records.exports import record_export

    fmt = fmt or requested_format(request)
    handle = tempfile.TemporaryFile(dir=temporary_folder())  # noqa: SIM115 - the FileResponse closes it
    try:
        count = write_table(handle, fmt, rows, headers, text_columns=text_columns, sheet_name=sheet_name)
        handle.seek(0)
    except BaseException:
        handle.close()
        raise
    if query is None:
        query = list_query(request)
    purpose, why = reason or ("", "")
    record_export(
        request.user, list_name=name, file_format=fmt, query=query, row_count=count,
        full_identity_numbers=full_identity_numbers, purpose=purpose, reason=why, households=households,
        address=client_address(request), path=request.path,
    )  # fmt: skip
    logger.info("Ekspor %s (%s, %s baris) oleh pengguna #%s", name, fmt, count, request.user.pk)
    return FileResponse(handle, as_attachment=True, filename=f"{filename}.{fmt}", content_type=CONTENT_TYPES[fmt])
