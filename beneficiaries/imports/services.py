"""The life of an import batch: upload, validate, import, cancel, retry, and recovery from dead workers.

Tasks take a batch id and call ``run_validation`` / ``run_import``. Each claims its batch with a
conditional UPDATE while holding the batch's advisory lock, so a task delivered twice runs once,
and a task delivered again after its worker died finds the batch abandoned and marks it failed.
"""

import hashlib
import logging
import os
import time
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import connections, transaction
from django.db.models import F
from django.utils import timezone

from desakumaju.lib.locks import is_locked, job_lock
from desakumaju.lib.spreadsheets import detect_type
from records import audit

from ..models import BatchStatus, ImportBatch, StagedRow
from ..signals import registry_imported
from .merge import merge_batch
from .validation import validate_batch

logger = logging.getLogger(__name__)
VALIDATE, IMPORT = 1, 2
ACTIVE = (BatchStatus.UPLOADED, BatchStatus.VALIDATING, BatchStatus.READY, BatchStatus.IMPORTING)
ABANDONED = "Proses terhenti di tengah jalan (pekerja latar berhenti); data registri tidak berubah. Silakan ulangi."
CRASHED = "Terjadi kesalahan sistem saat memproses berkas; data registri tidak berubah. Tim teknis sudah dicatat."


def create_batch(*, user, upload: UploadedFile, desil_source: str, desil_as_of: date) -> tuple[ImportBatch, bool]:
    """Store an upload and queue its validation; (batch, created). The same file still in progress is
    not stored twice (a double click, or a second tab)."""
    kind = detect_type(upload.name, _head(upload))
    digest = _sha256(upload)
    existing = ImportBatch.objects.filter(uploaded_by=user, sha256=digest, status__in=ACTIVE).first()
    if existing:
        return existing, False
    batch = ImportBatch(
        file_type=kind, original_name=Path(upload.name).name[:255], sha256=digest, size=upload.size,
        district=user.district if user.is_district_officer else None, uploaded_by=user,
        desil_source=desil_source, desil_as_of=desil_as_of,
    )  # fmt: skip
    batch.file.save(batch.original_name, upload, save=False)
    batch.save()
    transaction.on_commit(lambda: _enqueue("validate_batch_task", batch.pk))
    return batch, True


def _head(upload: UploadedFile) -> bytes:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    return head


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _enqueue(task_name: str, batch_id: int) -> None:
    """Queue a task; with the broker down the batch waits and the sweeper queues it again later."""
    from beneficiaries import tasks  # tasks import this module

    task = getattr(tasks, task_name)
    if task.app.conf.task_always_eager:
        task.delay(batch_id)
        return
    try:
        task.delay(batch_id)
    except Exception:
        logger.exception("Could not queue %s for batch %s; the sweeper will retry", task_name, batch_id)


def run_validation(*, batch_id: int) -> None:
    with job_lock(VALIDATE, batch_id) as held:
        if not held:
            return  # a live worker is validating this batch
        claimed = ImportBatch.objects.filter(pk=batch_id, status=BatchStatus.UPLOADED).update(
            status=BatchStatus.VALIDATING, started_at=timezone.now(), progress=0
        )
        if not claimed:
            _fail_abandoned(batch_id, BatchStatus.VALIDATING)
            return
        batch = ImportBatch.objects.get(pk=batch_id)
        try:
            validate_batch(batch, on_progress=lambda done, total: _progress(batch_id, done, total))
        except Exception:
            logger.exception("Validation of batch %s crashed", batch_id)
            _fail(batch_id, CRASHED)


def request_import(*, batch: ImportBatch, user) -> bool:
    """Confirm a validated batch for import; False when it is not (or no longer) ready."""
    claimed = ImportBatch.objects.filter(pk=batch.pk, status=BatchStatus.READY).update(
        status=BatchStatus.IMPORTING, imported_by=user, started_at=None, progress=0
    )
    if claimed:
        transaction.on_commit(lambda: _enqueue("import_batch_task", batch.pk))
    return bool(claimed)


def run_import(*, batch_id: int) -> None:
    with job_lock(IMPORT, batch_id) as held:
        if not held:
            return  # a live worker is importing this batch
        claimed = ImportBatch.objects.filter(pk=batch_id, status=BatchStatus.IMPORTING, started_at__isnull=True).update(
            started_at=timezone.now(), attempts=F("attempts") + 1
        )
        if not claimed:
            _fail_abandoned(batch_id, BatchStatus.IMPORTING)
            return
        try:
            batch = ImportBatch.objects.get(pk=batch_id)
            with audit.context(path=audit.Path.IMPORT, import_batch=batch.pk, user=batch.imported_by_id):
                _merge(batch)
        except Exception:
            logger.exception("Import of batch %s crashed", batch_id)
            _fail(batch_id, CRASHED)
        else:
            StagedRow.objects.filter(batch_id=batch_id).delete()


def _merge(batch: ImportBatch) -> None:
    steps = ["households", "desil", "members", "heads"]

    def step(name: str) -> None:
        _progress(batch.pk, round(batch.total_rows * (steps.index(name) + 1) / len(steps)), batch.total_rows)
        _pause_for_tests(name)

    with transaction.atomic():
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
    """Test hook (tests/test_import_worker_killed.py): once, hold the import mid-transaction until killed.

    Only active when BNBA_TEST_PAUSE_FILE names a file that does not exist yet; never set in production.
    """
    sentinel = os.environ.get("BNBA_TEST_PAUSE_FILE")
    if sentinel and step == "households" and not Path(sentinel).exists():
        Path(sentinel).write_text(str(os.getpid()))
        time.sleep(120)


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
    """Mark failed every batch whose worker died, and queue again uploads the broker never got."""
    failed = 0
    running = ImportBatch.objects.filter(
        status__in=[BatchStatus.VALIDATING, BatchStatus.IMPORTING], started_at__isnull=False
    )
    deadline = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    for batch in running:
        kind = VALIDATE if batch.status == BatchStatus.VALIDATING else IMPORT
        alive = is_locked(kind, batch.pk)
        if alive is False or (alive is None and batch.started_at < deadline):
            failed += ImportBatch.objects.filter(pk=batch.pk, status=batch.status).update(
                status=BatchStatus.FAILED, message=ABANDONED
            )
    _requeue_waiting()
    return failed


def _requeue_waiting() -> None:
    from celery import current_app

    if current_app.conf.task_always_eager:
        return
    waiting = timezone.now() - timedelta(minutes=2)
    for batch_id in ImportBatch.objects.filter(status=BatchStatus.UPLOADED, created_at__lt=waiting).values_list(
        "pk", flat=True
    ):
        _enqueue("validate_batch_task", batch_id)


def cancel_batch(*, batch: ImportBatch) -> bool:
    cancelled = ImportBatch.objects.filter(
        pk=batch.pk, status__in=[BatchStatus.UPLOADED, BatchStatus.READY, BatchStatus.INVALID]
    ).update(status=BatchStatus.CANCELLED)
    StagedRow.objects.filter(batch=batch).delete()
    return bool(cancelled)


def retry_batch(*, batch: ImportBatch) -> bool:
    """A failed batch is validated again from its file (the registry may have changed meanwhile)."""
    retried = ImportBatch.objects.filter(pk=batch.pk, status=BatchStatus.FAILED).update(
        status=BatchStatus.UPLOADED, message="", started_at=None, progress=0
    )
    if retried:
        transaction.on_commit(lambda: _enqueue("validate_batch_task", batch.pk))
    return bool(retried)
