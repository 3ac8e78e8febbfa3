"""Validating a batch: read its file once, check every row, stage the valid ones, count what would change.

Nothing here writes to the registry. Problems are stored as {row, column, message} in Bahasa
Indonesia; the batch ends ``ready`` (something to import) or ``invalid``.
"""

from collections.abc import Callable, Iterator
from itertools import chain, islice
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from desakumaju.lib.spreadsheets import SpreadsheetError, open_sheet

from ..models import BatchStatus, ImportBatch, StagedRow
from . import staging
from .columns import COLUMNS, HEADER_SEARCH_ROWS, find_header
from .rows import LABELS, Defaults, ProblemLog, RowChecker
from .villages import VillageIndex

PROGRESS_EVERY = 10_000
LABEL_OF = {column.field: column.label for column in COLUMNS}


class FileProblem(Exception):
    """The file as a whole cannot be imported; the message says why."""


def validate_batch(batch: ImportBatch, *, on_progress: Callable[[int, int], None]) -> None:
    StagedRow.objects.filter(batch=batch).delete()
    batch.problems.all().delete()
    log = ProblemLog(batch.pk)
    try:
        summary = _check_file(batch, log, on_progress)
    except (FileProblem, SpreadsheetError) as problem:
        log.add(None, "", str(problem))
        summary = {"rows": 0, "valid_rows": 0, **dict.fromkeys(staging.COUNTS, 0)}
    log.flush()
    summary |= {"rejected_rows": len(log.error_rows - {None}), "warnings": log.warnings}
    usable = summary["valid_rows"] > 0 and None not in log.error_rows
    batch.status = BatchStatus.READY if usable else BatchStatus.INVALID
    batch.summary, batch.validated_at = summary, timezone.now()
    batch.save(update_fields=["status", "summary", "validated_at", "total_rows", "progress"])


def _check_file(batch: ImportBatch, log: ProblemLog, on_progress) -> dict:
    sheet = open_sheet(Path(batch.file.path), batch.file_type)
    leading = list(islice(sheet.rows, HEADER_SEARCH_ROWS))
    header = find_header(leading)
    if header is None:
        raise FileProblem(
            f"Baris judul kolom tidak ditemukan di {HEADER_SEARCH_ROWS} baris pertama: harus ada kolom NIK, "
            "No KK, Nama, dan seterusnya (unduh templat untuk contoh)."
        )
    if header.problems:
        raise FileProblem(" ".join(header.problems))
    checker = RowChecker(fields=header.fields, villages=VillageIndex(), defaults=_defaults(batch), log=log)
    data = chain(leading[header.row_index + 1 :], sheet.rows)
    total = _stage_rows(
        batch, checker, data, first_row=header.row_index + 2, size_hint=sheet.size_hint, on_progress=on_progress
    )
    present = set(header.fields.values())
    staging.analyse()
    _check_against_registry(batch, checker, log)
    staging.mark_household_rows(batch.pk)
    return {
        "rows": total,
        "valid_rows": StagedRow.objects.filter(batch=batch).count(),
        "columns": sorted(present),
        "ignored_columns": header.ignored,
        **staging.count_changes(batch.pk, present),
    }


def _defaults(batch: ImportBatch) -> Defaults:
    return Defaults(desil_source=batch.desil_source, desil_as_of=batch.desil_as_of, district_id=batch.district_id)


def _stage_rows(
    batch, checker: RowChecker, rows: Iterator[list], *, first_row: int, size_hint: int, on_progress
) -> int:
    total = 0
    with staging.Stager(batch.pk) as stager:
        checker.log.before_write = stager.pause  # one statement at a time on the connection
        try:
            for number, cells in enumerate(rows, start=first_row):
                if not any(cell not in ("", None) and str(cell).strip() for cell in cells):
                    continue  # blank rows are skipped
                total += 1
                if total > settings.BNBA_MAX_ROWS:
                    raise FileProblem(
                        f"Berkas berisi lebih dari {settings.BNBA_MAX_ROWS:,} baris data: pecah berkasnya."
                    )
                if staged := checker.check(number, cells):
                    stager.add(staged)
                if total % PROGRESS_EVERY == 0:
                    stager.pause()
                    on_progress(total, max(size_hint, total))
        finally:
            checker.log.before_write = None
    on_progress(total, total)
    if total == 0:
        raise FileProblem("Berkas tidak berisi baris data di bawah judul kolom.")
    return total


def _check_against_registry(batch: ImportBatch, checker: RowChecker, log: ProblemLog) -> None:
    """Remove staged rows that clash with each other or with the registry, logging why."""
    staging.unstage(batch.pk, niks=checker.duplicate_niks)
    if batch.district_id:
        clashes = staging.rows_in_other_districts(batch.pk, batch.district_id)
        for row, field in clashes:
            log.add(row, LABELS[field], f"{LABEL_OF[field]} ini sudah terdaftar di kabupaten/kota lain; "
                    "pemindahan antarkabupaten hanya oleh admin Bappeda.")  # fmt: skip
        staging.unstage(batch.pk, rows={row for row, _ in clashes})
    households = staging.households_with_head_problems(batch.pk)
    for row, no_kk in staging.rows_of_households(batch.pk, households):
        log.add(row, LABELS["relationship"], households[no_kk])
    staging.unstage(batch.pk, no_kks=households)
    log.flush()
