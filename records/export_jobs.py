"""The life of a large export (SECURITY-CHECKLIST EXP-03): queued by a request, built by a worker,
downloaded by its requester, deleted once expired.

The pattern of the reports (``reporting.reports_services``): the task takes the job's id and claims it
with a conditional UPDATE while holding its advisory lock, so a task delivered twice builds once and a
task delivered again after its worker died finds the job abandoned. The worker builds the file with the
list's registered builder (``desakumaju.lib.list_exports``) as the requester, through their scope at
the time of the build, writes it to private storage, and only then marks the job ready.
"""

import logging
import tempfile
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import QueryDict
from django.utils import timezone

from desakumaju.lib.exports import temporary_folder, write_table
from desakumaju.lib.jobs import QUEUE_WAITING, enqueue, resend_waiting, waiting_since
from desakumaju.lib.list_exports import BUILDERS
from desakumaju.lib.locks import is_locked, job_lock

from .exports import record_export
from .models import ExportJob, ExportStatus, PurgeKind
from .retention import delete_stored_file, record_purge

logger = logging.getLogger(__name__)
BUILD = 21  # advisory lock kind of export builds (imports use 1 and 2, reports 11)
PROGRESS_EVERY = 1000  # rows between two progress updates
ABANDONED = "Penyusunan terhenti di tengah jalan (pekerja latar berhenti). Silakan unduh ulang dari daftarnya."
CRASHED = "Terjadi kesalahan sistem saat menyusun berkas. Tim teknis sudah dicatat; silakan unduh ulang."
TOO_LONG = "Penyusunan berkas melebihi batas waktu. Persempit saringan daftar, lalu unduh ulang."
NO_LONGER = "Akun Anda tidak lagi aktif."


def queue_export(
    *, user, list_name: str, file_format: str, params: str, filename: str, reason: tuple[str, str] | None = None
) -> tuple[ExportJob, bool]:
    """Queue an export; (job, created). While the user's export of this list is queued or building,
    asking again returns that one (a double click, a second tab, a crawler following export links).
    ``reason``: why full numbers were asked for (masked without one)."""
    purpose, why = reason or ("", "")
    try:
        with transaction.atomic():
            job = ExportJob.objects.create(
                user=user, list_name=list_name, file_format=file_format, params=params, filename=filename,
                full_identity_numbers=reason is not None, purpose=purpose, reason=why[:300],
            )  # fmt: skip
    except IntegrityError:  # one_running_export_per_list
        return ExportJob.objects.running().get(user=user, list_name=list_name), False
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job, True


def _enqueue(job_id: int) -> None:
    """Queue the build; with the broker down the job waits and the sweeper queues it again."""
    from .tasks import build_export_task  # the tasks module imports this one

    if not enqueue(build_export_task, job_id):  # the page says it waits; the sweeper sends it again
        ExportJob.objects.filter(pk=job_id, status=ExportStatus.QUEUED).update(error=QUEUE_WAITING)


def build_export(*, job_id: int) -> None:
    with job_lock(BUILD, job_id) as held:
        if not held:
            return  # a live worker is building this export
        claimed = ExportJob.objects.filter(pk=job_id, status=ExportStatus.QUEUED).update(
            status=ExportStatus.BUILDING,
            started_at=timezone.now(),
            rows_written=0,
            attempts=F("attempts") + 1,
            error="",
        )
        if not claimed:
            _fail_abandoned(job_id)
            return
        try:
            _build(ExportJob.objects.select_related("user").get(pk=job_id))
        except SoftTimeLimitExceeded:
            _fail(job_id, TOO_LONG)
        except Exception:
            logger.exception("Export %s crashed", job_id)
            _fail(job_id, CRASHED)


def _build(job: ExportJob) -> None:
    if not job.user.is_active:
        _fail(job.pk, NO_LONGER)
        return
    export = BUILDERS[job.list_name](user=job.user, params=QueryDict(job.params), full=job.full_identity_numbers)
    ExportJob.objects.filter(pk=job.pk).update(expected_rows=export.size(None))
    with tempfile.TemporaryFile(dir=temporary_folder()) as handle:
        count = write_table(
            handle, job.file_format, _counting(export.rows(), job.pk), export.headers,
            text_columns=export.text_columns, sheet_name=export.sheet_name,
        )  # fmt: skip
        handle.seek(0)
        job.file.save(job.download_name, File(handle), save=False)
    try:
        _mark_ready(job, count, export)
    except BaseException:
        job.file.delete(save=False)  # a file of a job that never became ready would outlive every purge
        raise


@transaction.atomic
def _mark_ready(job: ExportJob, count: int, export) -> None:
    now = timezone.now()
    ExportJob.objects.filter(pk=job.pk, status=ExportStatus.BUILDING).update(
        status=ExportStatus.READY, rows_written=count, file=job.file.name, finished_at=now,
        expires_at=now + timedelta(hours=settings.RETENTION_EXPORT_HOURS),
    )  # fmt: skip
    record_export(
        job.user, list_name=job.list_name, file_format=job.file_format, query=export.query, row_count=count,
        full_identity_numbers=export.full_identity_numbers, purpose=job.purpose, reason=job.reason,
        households=export.households() if export.households else None, path=job.get_absolute_url(),
    )  # fmt: skip


def _counting(rows, job_id: int):
    """The rows, with the job's progress written every ``PROGRESS_EVERY`` rows (autocommit: seen at once)."""
    for number, row in enumerate(rows, start=1):
        if number % PROGRESS_EVERY == 0:
            ExportJob.objects.filter(pk=job_id).update(rows_written=number)
        yield row


def _fail(job_id: int, message: str) -> None:
    ExportJob.objects.filter(pk=job_id, status=ExportStatus.BUILDING).update(
        status=ExportStatus.FAILED, error=message, finished_at=timezone.now()
    )


def _fail_abandoned(job_id: int) -> None:
    """Called with the job's lock held: a job still building was left by a dead worker."""
    if ExportJob.objects.filter(pk=job_id, status=ExportStatus.BUILDING).update(
        status=ExportStatus.FAILED, error=ABANDONED, finished_at=timezone.now()
    ):
        logger.warning("Export %s was abandoned while building; marked failed", job_id)


def sweep_export_jobs() -> int:
    """Delete expired files, fail jobs whose worker died, queue again jobs the broker lost; the number
    of files deleted."""
    deleted = purge_expired_exports()
    deadline = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    for job in ExportJob.objects.filter(status=ExportStatus.BUILDING):
        alive = is_locked(BUILD, job.pk)
        if alive is False or (alive is None and (job.started_at is None or job.started_at < deadline)):
            _fail(job.pk, ABANDONED)
    _requeue_waiting()
    return deleted


def purge_expired_exports() -> int:
    """Delete the files of exports past their ``expires_at``; the jobs stay, marked expired."""
    deleted = 0
    for job in ExportJob.objects.filter(status=ExportStatus.READY, expires_at__lte=timezone.now()):
        if ExportJob.objects.filter(pk=job.pk, status=ExportStatus.READY).update(status=ExportStatus.EXPIRED):
            size = delete_stored_file(job.file)
            ExportJob.objects.filter(pk=job.pk).update(file="")
            record_purge(kind=PurgeKind.EXPORT, obj=job, count=1, size=size,
                         kept_for=f"{settings.RETENTION_EXPORT_HOURS} jam")  # fmt: skip
            deleted += 1
    return deleted


def _requeue_waiting() -> None:
    resend_waiting(ExportJob.objects.filter(status=ExportStatus.QUEUED, created_at__lt=waiting_since()), _enqueue)
