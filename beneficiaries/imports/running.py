"""The worker side of a batch: validate it, import it, and recover from workers and databases that die.

Tasks take a batch id and call ``run_validation`` / ``run_import``. Each claims its batch with a
conditional UPDATE while holding the batch's advisory lock, so a task delivered twice runs once, and
a task delivered again after its worker died finds the batch abandoned and marks it failed (the
killed worker's transaction was rolled back: nothing half-imported remains). A database that goes
away mid-job (a restart, IMP-06) is different: the task raises, Celery runs it again with back-off,
and the retry resumes the claim.
"""

import logging
import os
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction
from django.db.models import F, Q
from django.utils import timezone

from desakumaju.lib.jobs import DATABASE_GONE
from desakumaju.lib.locks import is_locked, job_lock
from records import audit

from ..models import BatchKind, BatchStatus, ImportBatch, StagedRanking, StagedRow
from ..signals import registry_imported
from .merge import merge_batch
from .ranking import merge_rankings
from .validation import validate_batch

logger = logging.getLogger(__name__)
VALIDATE, IMPORT = 1, 2
ABANDONED = (
    "Proses terhenti sebelum selesai (pekerja latar atau basis data berhenti); data registri tidak berubah. "
    "Silakan ulangi."
)
CRASHED = "Terjadi kesalahan sistem saat memproses berkas; data registri tidak berubah. Tim teknis sudah dicatat."
# A claimed batch without a live worker is left alone this long: a task retrying after the database
# came back (back-off up to a minute) resumes it first.
SWEEP_GRACE = timedelta(minutes=5)


def run_validation(*, batch_id: int, resume: bool = False) -> None:
    with job_lock(VALIDATE, batch_id) as held:
        if not held:
            return  # a live worker is validating this batch
        waiting = Q(status=BatchStatus.UPLOADED) | (Q(status=BatchStatus.VALIDATING) if resume else Q(pk__in=[]))
        claimed = ImportBatch.objects.filter(waiting, pk=batch_id).update(
            status=BatchStatus.VALIDATING, started_at=timezone.now(), progress=0, message=""
        )
        if not claimed:
            _fail_abandoned(batch_id, BatchStatus.VALIDATING)
            return
        try:
            validate_batch(ImportBatch.objects.get(pk=batch_id), on_progress=lambda d, t: _progress(batch_id, d, t))
        except DATABASE_GONE:
            logger.warning("The database went away while validating batch %s; the task is retried", batch_id)
            raise
        except Exception:
            logger.exception("Validation of batch %s crashed", batch_id)
            _fail(batch_id, CRASHED)


def run_import(*, batch_id: int, resume: bool = False) -> None:
    with job_lock(IMPORT, batch_id) as held:
        if not held:
            return  # a live worker is importing this batch
        queued = Q(started_at__isnull=True) | (Q(started_at__isnull=False) if resume else Q(pk__in=[]))
        claimed = ImportBatch.objects.filter(queued, pk=batch_id, status=BatchStatus.IMPORTING).update(
            started_at=timezone.now(), attempts=F("attempts") + 1, message=""
        )
        if not claimed:
            _fail_abandoned(batch_id, BatchStatus.IMPORTING)
            return
        try:
            batch = ImportBatch.objects.get(pk=batch_id)
            with audit.context(path=audit.Path.IMPORT, import_batch=batch.pk, user=batch.imported_by_id):
                _merge(batch)
        except DATABASE_GONE:
            logger.warning("The database went away while importing batch %s; the task is retried", batch_id)
            raise
        except Exception:
            logger.exception("Import of batch %s crashed", batch_id)
            _fail(batch_id, CRASHED)
        else:
            unstage_batch(batch_id)


def unstage_batch(batch_id: int) -> None:
    StagedRow.objects.filter(batch_id=batch_id).delete()
    StagedRanking.objects.filter(batch_id=batch_id).delete()


def _merge(batch: ImportBatch) -> None:
    steps = ["households", "desil", "members", "heads"]

    def step(name: str) -> None:
        _progress(batch.pk, round(batch.total_rows * (steps.index(name) + 1) / len(steps)), batch.total_rows)
        _pause_for_tests(name)

    with transaction.atomic():
        if batch.kind == BatchKind.RANKING:
            step("households")
            result = merge_rankings(batch_id=batch.pk, user_id=batch.imported_by_id, now=timezone.now())
        else:
            result = merge_batch(
                batch_id=batch.pk, user_id=batch.imported_by_id, present=set(batch.summary.get("columns", [])),
                now=timezone.now(), step=step,
            )  # fmt: skip
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=BatchStatus.IMPORTED, imported_at=timezone.now(), progress=batch.total_rows,
            summary={**batch.summary, "result": result},
        )  # fmt: skip
        registry_imported.send(sender=ImportBatch, batch_id=batch.pk, district_id=batch.district_id)


def _pause_for_tests(step: str) -> None:
    """Test hook (tests/test_import_worker_killed.py): once, hold the import mid-transaction.

    Only active when BNBA_TEST_PAUSE_FILE names a file that does not exist yet; never set in production.
    The hook writes its process id there and waits (at most two minutes) until the test writes "lanjut".
    """
    sentinel = os.environ.get("BNBA_TEST_PAUSE_FILE")
    if not (sentinel and step == "households") or Path(sentinel).exists():
        return
    Path(sentinel).write_text(str(os.getpid()))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and Path(sentinel).read_text() != "lanjut":
        time.sleep(0.2)


def _progress(batch_id: int, done: int, total: int) -> None:
    """Record progress where the batch page can see it, even from inside the import's transaction."""
    update = f"UPDATE {ImportBatch._meta.db_table} SET progress = %s, total_rows = %s WHERE id = %s"  # noqa: S608
    if connections["default"].in_atomic_block and connections["default"].vendor == "postgresql":
        side = connections.create_connection("default")
        try:
            with side.cursor() as cursor:
                cursor.execute(update, [done, total, batch_id])
        finally:
            side.close()
    elif not connections["default"].in_atomic_block:
        ImportBatch.objects.filter(pk=batch_id).update(progress=done, total_rows=total)


def _fail(batch_id: int, message: str) -> None:
    ImportBatch.objects.filter(pk=batch_id).update(status=BatchStatus.FAILED, message=message)


def _fail_abandoned(batch_id: int, status: str) -> None:
    """Called with the batch's lock held: a batch still in ``status`` was left by a dead worker."""
    if ImportBatch.objects.filter(pk=batch_id, status=status, started_at__isnull=False).update(
        status=BatchStatus.FAILED, message=ABANDONED
    ):
        logger.warning("Batch %s was abandoned while %s; marked failed", batch_id, status)


def fail_stale_batches() -> int:
    """Mark failed every batch whose worker died (after a grace for retries); send again the batches
    waiting for a broker that did not take them."""
    from .services import requeue_waiting  # services queues; this module runs

    failed = 0
    running = ImportBatch.objects.filter(
        status__in=[BatchStatus.VALIDATING, BatchStatus.IMPORTING], started_at__lt=timezone.now() - SWEEP_GRACE
    )
    deadline = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    for batch in running:
        alive = is_locked(VALIDATE if batch.status == BatchStatus.VALIDATING else IMPORT, batch.pk)
        if alive is False or (alive is None and batch.started_at < deadline):
            failed += ImportBatch.objects.filter(pk=batch.pk, status=batch.status).update(
                status=BatchStatus.FAILED, message=ABANDONED
            )
    requeue_waiting()
    return failed
