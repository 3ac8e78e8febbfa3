"""Validating a batch: read its file once, check every row, stage the valid ones, count what would change.

Nothing here writes to the registry. Problems are stored as {row, column, message} in Bahasa
Indonesia; what the file says as a whole (the sheet read, hidden rows, totals below the data, the date
order) are notices in the summary. The batch ends ``ready`` (something to import) or ``invalid``.
"""

from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from desakumaju.lib.numbers import thousands
from desakumaju.lib.spreadsheets import SpreadsheetError, column_letter

from ..models import BatchKind, BatchStatus, ImportBatch, StagedRanking, StagedRow
from . import families, ranking, repair, staging
from .columns import BY_FIELD
from .header import BNBA
from .reading import FileRows, open_rows
from .rows import LABELS, Defaults, ProblemLog, RowChecker
from .sheets import FileProblem, SheetChoiceNeeded
from .villages import VillageIndex

PROGRESS_EVERY = 10_000
EMPTY = {"rows": 0, "valid_rows": 0, **dict.fromkeys(staging.COUNTS, 0)}


def validate_batch(batch: ImportBatch, *, on_progress: Callable[[int, int], None]) -> None:
    StagedRow.objects.filter(batch=batch).delete()
    StagedRanking.objects.filter(batch=batch).delete()
    batch.problems.all().delete()
    log = ProblemLog(batch.pk)
    summary = dict(EMPTY)
    try:
        check = ranking.check_file if batch.kind == BatchKind.RANKING else _check_file
        summary |= check(batch, log, on_progress)
    except SheetChoiceNeeded as problem:
        log.add(None, "", str(problem))
        summary["sheets"] = problem.sheets
    except (FileProblem, SpreadsheetError) as problem:
        log.add(None, "", str(problem))
    log.flush()
    summary |= {"rejected_rows": len(log.error_rows - {None}), "warnings": log.warnings}
    usable = summary["valid_rows"] > 0 and None not in log.error_rows
    if summary["rejected_rows"]:
        repair.save_problems_file(batch, summary.get("layout"))
    batch.status = BatchStatus.READY if usable else BatchStatus.INVALID
    batch.summary, batch.validated_at = summary, timezone.now()
    batch.save(update_fields=["status", "summary", "validated_at", "total_rows", "progress", "problems_file"])


def describe(file: FileRows) -> dict:
    """What the preview and the command line say about the file's columns and layout."""
    header = file.header
    return {
        "sheet": file.sheet_name,
        "mapping": [
            [column_letter(position), header.names[position], BY_FIELD[name].label]
            for position, name in sorted(header.fields.items())
        ],
        "ignored_columns": header.ignored,
        "notices": file.notices,
        "date_order": file.profile.date_order,
        # Where the rows are, to copy the rejected ones into the problems file, and how its dates read.
        "layout": {
            "sheet": file.sheet_name,
            "names": {str(p): n for p, n in header.names.items()},
            "fields": {str(p): name for p, name in header.fields.items()},
            "date_order": file.profile.date_order,
        },
    }


def _check_file(batch: ImportBatch, log: ProblemLog, on_progress) -> dict:
    file = open_rows(Path(batch.file.path), batch.file_type, sheet_name=batch.sheet_name, kind=BNBA)
    checker = RowChecker(
        fields=file.header.fields, villages=VillageIndex(), defaults=_defaults(batch), log=log, profile=file.profile
    )
    total = _stage_rows(batch, checker, file, on_progress=on_progress)
    present = file.header.present
    staging.analyse()
    _check_against_registry(batch, checker, log)
    staging.mark_household_rows(batch.pk)
    return {
        "rows": total,
        "valid_rows": StagedRow.objects.filter(batch=batch).count(),
        "columns": sorted(present),
        **describe(file),
        **staging.count_changes(batch.pk, present),
    }


def _defaults(batch: ImportBatch) -> Defaults:
    return Defaults(desil_source=batch.desil_source, desil_as_of=batch.desil_as_of, district_id=batch.district_id)


def _stage_rows(batch, checker: RowChecker, file: FileRows, *, on_progress) -> int:
    total = 0
    with staging.Stager(batch.pk) as stager:
        checker.log.before_write = stager.pause  # one statement at a time on the connection
        try:
            for number, cells in file.rows:
                total += 1
                if total > settings.BNBA_MAX_ROWS:
                    raise FileProblem(
                        f"Berkas berisi lebih dari {thousands(settings.BNBA_MAX_ROWS)} baris data: pecah berkasnya."
                    )
                if staged := checker.check(number, cells):
                    stager.add(staged)
                if total % PROGRESS_EVERY == 0:
                    stager.pause()
                    on_progress(total, max(file.size_hint, total))
        finally:
            checker.log.before_write = None
    on_progress(total, total)
    if total == 0:
        raise FileProblem("Berkas tidak berisi baris data di bawah judul kolom.")
    return total


def _check_against_registry(batch: ImportBatch, checker: RowChecker, log: ProblemLog) -> None:
    """Remove staged rows that clash with each other or with the registry, logging why."""
    staging.unstage(batch.pk, niks=checker.duplicate_niks)
    refused = set()
    if batch.district_id:
        clashes = staging.rows_in_other_districts(batch.pk, batch.district_id)
        for row, field in clashes:
            log.add(row, LABELS[field], f"{LABELS[field]} ini sudah terdaftar di kabupaten/kota lain; "
                    "pemindahan antarkabupaten hanya oleh admin Bappeda.")  # fmt: skip
        refused |= {row for row, _ in clashes}
    for row, message in families.contradictions(batch.pk):
        log.add(row, LABELS["p3ke_family_id"], message)
        refused.add(row)
    staging.unstage(batch.pk, rows=refused)
    problems = staging.households_with_head_problems(batch.pk, rejected_heads=checker.rejected_heads)
    for row, family in staging.rows_of_families(batch.pk, problems):
        log.add(row, LABELS["relationship"], problems[family])
    staging.unstage(batch.pk, families=problems)
    log.flush()
