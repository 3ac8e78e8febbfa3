"""The officer's side of an import batch: upload, confirm, cancel, retry, choose a sheet.

Each step changes the batch's status with a conditional UPDATE and queues its task after commit
(``desakumaju.lib.jobs.enqueue``): with the broker down the request answers at once, the batch says it
waits, and the sweeper sends it later. The worker's side is ``running.py``.
"""

import hashlib
import logging
from datetime import date
from functools import partial
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from desakumaju.lib.jobs import QUEUE_WAITING, enqueue, resend_waiting, waiting_since
from desakumaju.lib.spreadsheets import HEAD_BYTES, detect_type

from ..models import BatchKind, BatchStatus, ImportBatch
from ..models.imports import ACTIVE
from .running import (  # noqa: F401 - the tasks' entry points, used through this module
    ABANDONED,
    CRASHED,
    fail_stale_batches,
    run_import,
    run_validation,
    unstage_batch,
)

logger = logging.getLogger(__name__)


def create_batch(
    *, user, upload: UploadedFile, desil_source: str, desil_as_of: date, kind: str = BatchKind.BNBA,
    sheet_name: str = "",
) -> tuple[ImportBatch, bool]:  # fmt: skip
    """Store an upload and queue its validation; (batch, created). The same file still in progress is
    not stored twice (a double click, or a second tab)."""
    file_type = detect_type(upload.name, _head(upload))
    digest = _sha256(upload)
    district = user.district if user.is_district_officer else None
    if existing := _in_progress(district, digest, kind):
        return existing, False
    batch = ImportBatch(
        kind=kind, file_type=file_type, original_name=Path(upload.name).name[:255], sha256=digest, size=upload.size,
        district=district, uploaded_by=user,
        desil_source=desil_source, desil_as_of=desil_as_of, sheet_name=sheet_name[:100],
    )  # fmt: skip
    batch.file.save(batch.original_name, upload, save=False)
    try:
        with transaction.atomic():
            batch.save()
    except IntegrityError:  # the same file arrived through another request meanwhile (IMP-02)
        batch.file.delete(save=False)
        return _in_progress(district, digest, kind), False
    transaction.on_commit(lambda: _enqueue("validate_batch_task", batch.pk))
    return batch, True


def _in_progress(district, digest: str, kind: str) -> ImportBatch | None:
    return ImportBatch.objects.filter(district=district, sha256=digest, kind=kind, status__in=ACTIVE).first()


def _head(upload: UploadedFile) -> bytes:
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    return head


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _enqueue(task_name: str, batch_id: int) -> None:
    """Queue the batch's task; with the broker down the batch says it waits (the sweeper sends it later)."""
    from beneficiaries import tasks  # tasks import this module

    if not enqueue(getattr(tasks, task_name), batch_id):
        ImportBatch.objects.filter(pk=batch_id, started_at__isnull=True).update(message=QUEUE_WAITING)


def requeue_waiting() -> None:
    """Send again the batches waiting for their task longer than they should (the broker was down)."""
    waiting = ImportBatch.objects.filter(queued_at__lt=waiting_since(), started_at__isnull=True)
    resend_waiting(waiting.filter(status=BatchStatus.UPLOADED), partial(_enqueue, "validate_batch_task"))
    resend_waiting(waiting.filter(status=BatchStatus.IMPORTING), partial(_enqueue, "import_batch_task"))


def request_import(*, batch: ImportBatch, user) -> bool:
    """Confirm a validated batch for import; False when it is not (or no longer) ready."""
    claimed = ImportBatch.objects.filter(pk=batch.pk, status=BatchStatus.READY).update(
        status=BatchStatus.IMPORTING, imported_by=user, started_at=None, progress=0, queued_at=timezone.now()
    )
    if claimed:
        transaction.on_commit(lambda: _enqueue("import_batch_task", batch.pk))
    return bool(claimed)


CANCELLABLE = Q(status__in=[BatchStatus.UPLOADED, BatchStatus.READY, BatchStatus.INVALID, BatchStatus.FAILED]) | Q(
    status=BatchStatus.IMPORTING, started_at__isnull=True
)  # fmt: skip


def cancel_batch(*, batch: ImportBatch) -> bool:
    """Cancel a batch nobody is working on (waiting, checked, refused, failed, or queued for import):
    its file is free to be uploaded again. A task that arrives later finds nothing to do."""
    cancelled = ImportBatch.objects.filter(CANCELLABLE, pk=batch.pk).update(status=BatchStatus.CANCELLED, message="")
    if cancelled:
        unstage_batch(batch.pk)
    return bool(cancelled)


def choose_sheet(*, batch: ImportBatch, sheet_name: str) -> bool:
    """Check the batch again from another sheet of its workbook (when several could hold the data)."""
    chosen = ImportBatch.objects.filter(pk=batch.pk, status__in=[BatchStatus.INVALID, BatchStatus.READY]).update(
        status=BatchStatus.UPLOADED,
        sheet_name=sheet_name[:100],
        message="",
        started_at=None,
        progress=0,
        queued_at=timezone.now(),
    )
    if chosen:
        unstage_batch(batch.pk)
        transaction.on_commit(lambda: _enqueue("validate_batch_task", batch.pk))
    return bool(chosen)


def identical_import(batch: ImportBatch, user) -> ImportBatch | None:
    """An imported batch of the very same file and kind that the user can see, other than this one."""
    return (
        ImportBatch.objects.visible_to(user)
        .filter(sha256=batch.sha256, kind=batch.kind, status=BatchStatus.IMPORTED)
        .exclude(pk=batch.pk)
        .order_by("-imported_at")
        .first()
    )


def retry_batch(*, batch: ImportBatch) -> bool:
    """A failed batch is validated again from its file (the registry may have changed meanwhile)."""
    retried = ImportBatch.objects.filter(pk=batch.pk, status=BatchStatus.FAILED).update(
        status=BatchStatus.UPLOADED, message="", started_at=None, progress=0, queued_at=timezone.now()
    )
    if retried:
        transaction.on_commit(lambda: _enqueue("validate_batch_task", batch.pk))
    return bool(retried)
