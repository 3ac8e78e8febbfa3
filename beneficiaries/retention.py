"""How long the import pipeline keeps personal data (records.retention; SECURITY-CHECKLIST PII-05).

* Staged rows (NIKs, names, addresses waiting for the import) go as soon as their batch is no longer
  validating, ready or importing, whatever happened to the worker: ``purge_staged_rows`` runs with the
  import sweeper every few minutes.
* A batch confirmed by nobody within ``RETENTION_UPLOAD_DAYS`` is cancelled; the uploaded file of every
  batch that ended goes ``RETENTION_UPLOAD_DAYS`` after its upload, its problems list
  ``RETENTION_PROBLEMS_DAYS`` after. The batch page says when (``records.retention.removal_of``).
Each purge is recorded.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from records.models import PurgeKind
from records.retention import delete_stored_file, record_purge

from .models import BatchStatus, ImportBatch, ImportProblem, StagedRow

STAGING = (BatchStatus.VALIDATING, BatchStatus.READY, BatchStatus.IMPORTING)
RUNNING = (BatchStatus.UPLOADED, BatchStatus.VALIDATING, BatchStatus.IMPORTING)
EXPIRED_UNCONFIRMED = "Kedaluwarsa: tidak dikonfirmasi dalam masa simpan; berkas dan datanya dihapus."


def purge_staged_rows() -> int:
    """Delete the staged rows of every batch that is no longer being validated, confirmed or imported."""
    staged = StagedRow.objects.order_by().values_list("batch_id", flat=True).distinct()
    keep = set(ImportBatch.objects.filter(pk__in=staged, status__in=STAGING).values_list("pk", flat=True))
    purged = 0
    for batch_id in set(staged) - keep:
        deleted, _ = StagedRow.objects.filter(batch_id=batch_id).delete()
        batch = ImportBatch.objects.filter(pk=batch_id).first() or ImportBatch(pk=batch_id)
        record_purge(kind=PurgeKind.STAGED, obj=batch, count=deleted, kept_for="sampai unggahan selesai")
        purged += 1
    return purged


def purge_expired_uploads() -> int:
    cutoff = timezone.now() - timedelta(days=settings.RETENTION_UPLOAD_DAYS)
    ImportBatch.objects.filter(status=BatchStatus.READY, created_at__lt=cutoff).update(
        status=BatchStatus.CANCELLED, message=EXPIRED_UNCONFIRMED
    )
    purge_staged_rows()
    expired = ImportBatch.objects.filter(created_at__lt=cutoff).exclude(status__in=(*RUNNING, BatchStatus.READY))
    purged = 0
    for batch in expired.exclude(file=""):
        with transaction.atomic():
            size = delete_stored_file(batch.file)
            ImportBatch.objects.filter(pk=batch.pk).update(file="")
            record_purge(kind=PurgeKind.UPLOAD, obj=batch, count=1, size=size,
                         kept_for=f"{settings.RETENTION_UPLOAD_DAYS} hari")  # fmt: skip
        purged += 1
    return purged


def purge_expired_problems() -> int:
    cutoff = timezone.now() - timedelta(days=settings.RETENTION_PROBLEMS_DAYS)
    expired = ImportBatch.objects.filter(created_at__lt=cutoff).exclude(status__in=(*RUNNING, BatchStatus.READY))
    purged = 0
    for batch in expired.filter(pk__in=ImportProblem.objects.values("batch")):
        deleted, _ = ImportProblem.objects.filter(batch=batch).delete()
        record_purge(kind=PurgeKind.PROBLEMS, obj=batch, count=deleted,
                     kept_for=f"{settings.RETENTION_PROBLEMS_DAYS} hari")  # fmt: skip
        purged += 1
    return purged
