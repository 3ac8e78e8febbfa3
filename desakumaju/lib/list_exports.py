"""Exports of whole lists: written in the request when small, by a worker when large (SECURITY-CHECKLIST EXP-03).

A list's export is a ``ListExport`` that the list's builder makes from a user and the list's filter (a
``QueryDict``), always through that user's scope. Builders are registered under the list's name with
``@list_export(name)`` in their app's ``exports`` module, which every process imports at start
(``desakumaju.apps``): the request and the worker build the same file from the same filter.

``export_list`` answers an export link. It counts at most ``EXPORT_INLINE_MAX_ROWS`` + 1 rows: up to the
limit the file is written and sent at once (``exports.export_response``); above it the export becomes a
``records.ExportJob`` (or the user's export of that list already running) built by a worker, and the
request redirects to the job's page. A filter holding a NIK or No KK is never stored for a worker: such
a search finds a few rows, and is always exported at once.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import QueryDict
from django.shortcuts import redirect

from .exports import export_response, full_numbers_reason, requested_format
from .logging import SIXTEEN_DIGITS


@dataclass(frozen=True)
class ListExport:
    name: str  # the list (an ExportList value)
    filename: str  # the file's name without extension: server-made, ASCII
    headers: Sequence[str]
    rows: Callable[[], Iterable[Sequence]]  # the rows, produced when called
    size: Callable[[int | None], int]  # how many rows the file holds, counted up to a limit (None: all)
    query: str = ""  # the filter as the export record keeps it: never a NIK or No KK
    text_columns: tuple[int, ...] = ()  # identity columns, written as text
    sheet_name: str = "Data"
    full_identity_numbers: bool = False
    # The households the file holds, for the access log (a data subject's request finds the export).
    households: Callable[[], Any] | None = None


BUILDERS: dict[str, Callable[..., ListExport]] = {}


def list_export(name: str):
    """Register the decorated ``builder(*, user, params, full) -> ListExport`` as the export of list ``name``
    (``full``: with full NIK and No KK, asked for with a reason; masked otherwise)."""

    def register(builder):
        BUILDERS[name] = builder
        return builder

    return register


def counted(queryset) -> Callable[[int | None], int]:
    """``size`` of a list read from ``queryset``: a COUNT that stops at the limit."""
    rows = queryset.order_by()
    return lambda limit: rows.count() if limit is None else rows[:limit].count()


def export_params(request) -> QueryDict:
    """The list's filter from an export link: its query string without the page or the format."""
    params = request.GET.copy()
    for key in ("page", "format"):
        params.pop(key, None)
    return params


def export_list(request, name: str, *, params: QueryDict | None = None):
    """The answer to an export link of list ``name``: the file, or the page of the worker's job."""
    params = export_params(request) if params is None else params
    reason = full_numbers_reason(request)  # (purpose, text) of a full-number export asked for by POST
    export = BUILDERS[name](user=request.user, params=params, full=reason is not None)
    fmt, limit = requested_format(request), settings.EXPORT_INLINE_MAX_ROWS
    if SIXTEEN_DIGITS.search(params.urlencode()) or export.size(limit + 1) <= limit:
        return export_response(
            request, name=name, filename=export.filename, headers=export.headers, rows=export.rows(), fmt=fmt,
            text_columns=export.text_columns, sheet_name=export.sheet_name, query=export.query,
            full_identity_numbers=export.full_identity_numbers, reason=reason,
            households=export.households() if export.households else None,
        )  # fmt: skip
    from records.export_jobs import queue_export  # records' services read the builders registered here

    job, created = queue_export(
        user=request.user,
        list_name=name,
        file_format=fmt,
        params=params.urlencode(),
        filename=export.filename,
        reason=reason,
    )
    if not created:
        messages.info(request, "Ekspor daftar ini sedang disusun; berikut ekspor tersebut.")
    return redirect(job)
