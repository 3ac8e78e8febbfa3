"""The life of a report: request, build (in a Celery worker), retry, and recovery from dead workers.

The pattern of the BNBA import (``beneficiaries.imports.services``): the task takes a report id and
claims it with a conditional UPDATE while holding the report's advisory lock, so a task delivered
twice builds once, and a task delivered again after its worker died (``acks_late``) finds the report
abandoned and marks it failed. The files are written under fresh names first; the report becomes
ready, with its files, in one transaction, so a half-built report is never downloadable.
"""

import logging
import os
import time
from datetime import timedelta
from pathlib import Path

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from desakumaju.lib.jobs import QUEUE_WAITING, enqueue, resend_waiting, waiting_since
from desakumaju.lib.locks import is_locked, job_lock

from .reports_content import collect
from .reports_models import PROVINCE_CODE, Report, ReportKind, ReportStatus
from .reports_pdf import report_pdf
from .reports_xlsx import report_workbook

logger = logging.getLogger(__name__)
BUILD = 11  # advisory lock kind of report builds (imports use 1 and 2)
ABANDONED = "Penyusunan terhenti di tengah jalan (pekerja latar berhenti). Silakan ulangi."
CRASHED = "Terjadi kesalahan sistem saat menyusun laporan. Tim teknis sudah dicatat; silakan ulangi."
TOO_LONG = "Penyusunan laporan melebihi batas waktu. Silakan ulangi, atau hubungi tim teknis."


def may_request(user, district) -> bool:
    """Bappeda admins request for the province or any district; district officers for their own."""
    if user.is_bappeda_admin:
        return True
    return user.is_district_officer and district is not None and user.district_id == district.pk


def request_report(*, user, kind: str, year: int, district=None) -> tuple[Report, bool]:
    """Queue a report; (report, created). While the same report is queued or building, asking again
    returns that one (a double click, a second tab, a colleague)."""
    if not may_request(user, district):
        raise PermissionDenied("Anda tidak berwenang meminta laporan untuk wilayah ini.")
    scope_code = district.code if district else PROVINCE_CODE
    try:
        with transaction.atomic():
            report = Report.objects.create(
                kind=ReportKind(kind), year=year, district=district, scope_code=scope_code, requested_by=user
            )
    except IntegrityError:  # one_running_report_per_period_and_scope
        return Report.objects.running().get(kind=kind, year=year, scope_code=scope_code), False
    transaction.on_commit(lambda: _enqueue(report.pk))
    return report, True


def _enqueue(report_id: int) -> None:
    """Queue the build; with the broker down the report waits and the sweeper queues it again."""
    from .tasks import build_report_task  # the tasks module imports this one

    if not enqueue(build_report_task, report_id):
        Report.objects.filter(pk=report_id, status=ReportStatus.QUEUED).update(message=QUEUE_WAITING)


def build_report(*, report_id: int) -> None:
    with job_lock(BUILD, report_id) as held:
        if not held:
            return  # a live worker is building this report
        claimed = Report.objects.filter(pk=report_id, status=ReportStatus.QUEUED).update(
            status=ReportStatus.BUILDING,
            started_at=timezone.now(),
            progress=0,
            step="",
            message="",
            attempts=F("attempts") + 1,
        )
        if not claimed:
            _fail_abandoned(report_id)
            return
        try:
            _build(Report.objects.select_related("district", "requested_by").get(pk=report_id))
        except SoftTimeLimitExceeded:
            _fail(report_id, TOO_LONG)
        except Exception:
            logger.exception("Report %s crashed", report_id)
            _fail(report_id, CRASHED)


def _build(report: Report) -> None:
    content = collect(report, on_progress=lambda percent, step: _progress(report.pk, percent, step))
    _pause_for_tests()
    _progress(report.pk, 75, "Menyusun berkas xlsx")
    workbook = report_workbook(content)
    _progress(report.pk, 85, "Menyusun berkas PDF")
    pdf = report_pdf(content)
    _progress(report.pk, 95, "Menyimpan berkas")
    report.xlsx_file.save(f"{report.file_stem}.xlsx", ContentFile(workbook), save=False)
    report.pdf_file.save(f"{report.file_stem}.pdf", ContentFile(pdf), save=False)
    with transaction.atomic():
        Report.objects.filter(pk=report.pk, status=ReportStatus.BUILDING).update(
            status=ReportStatus.READY, progress=100, step="", finished_at=timezone.now(),
            xlsx_file=report.xlsx_file.name, pdf_file=report.pdf_file.name,
        )  # fmt: skip


def _pause_for_tests() -> None:
    """Test hook (reporting/tests/test_report_worker_killed.py): once, hold the build until killed.

    Only active when REPORT_TEST_PAUSE_FILE names a file that does not exist yet; never set in production.
    """
    sentinel = os.environ.get("REPORT_TEST_PAUSE_FILE")
    if sentinel and not Path(sentinel).exists():
        Path(sentinel).write_text(str(os.getpid()))
        time.sleep(120)


def _progress(report_id: int, percent: int, step: str) -> None:
    Report.objects.filter(pk=report_id, status=ReportStatus.BUILDING).update(progress=percent, step=step)


def _fail(report_id: int, message: str) -> None:
    Report.objects.filter(pk=report_id, status=ReportStatus.BUILDING).update(
        status=ReportStatus.FAILED, message=message, finished_at=timezone.now()
    )


def _fail_abandoned(report_id: int) -> None:
    """Called with the report's lock held: a report still building was left by a dead worker."""
    if Report.objects.filter(pk=report_id, status=ReportStatus.BUILDING).update(
        status=ReportStatus.FAILED, message=ABANDONED, finished_at=timezone.now()
    ):
        logger.warning("Report %s was abandoned while building; marked failed", report_id)


def cancel_report(*, report: Report, user) -> bool:
    """Cancel a report nobody is building (queued — also while the broker is down — or failed); a task that
    arrives later finds nothing to do, and the same report can be asked for again."""
    if not may_request(user, report.district):
        raise PermissionDenied("Anda tidak berwenang meminta laporan untuk wilayah ini.")
    return bool(
        Report.objects.filter(pk=report.pk, status__in=[ReportStatus.QUEUED, ReportStatus.FAILED]).update(
            status=ReportStatus.CANCELLED, message="", finished_at=timezone.now()
        )
    )


def retry_report(*, report: Report, user) -> bool:
    """Queue a failed report again; False when it is not failed, or the same report is already running."""
    if not may_request(user, report.district):
        raise PermissionDenied("Anda tidak berwenang meminta laporan untuk wilayah ini.")
    try:
        with transaction.atomic():
            retried = Report.objects.filter(pk=report.pk, status=ReportStatus.FAILED).update(
                status=ReportStatus.QUEUED, message="", progress=0, step="", started_at=None, finished_at=None
            )
    except IntegrityError:
        return False
    if retried:
        transaction.on_commit(lambda: _enqueue(report.pk))
    return bool(retried)


def fail_stale_reports() -> int:
    """Mark failed every report whose worker died while building; queue again reports the broker lost."""
    failed = 0
    deadline = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    for report in Report.objects.filter(status=ReportStatus.BUILDING):
        alive = is_locked(BUILD, report.pk)
        if alive is False or (alive is None and (report.started_at is None or report.started_at < deadline)):
            failed += Report.objects.filter(pk=report.pk, status=ReportStatus.BUILDING).update(
                status=ReportStatus.FAILED, message=ABANDONED, finished_at=timezone.now()
            )
    _requeue_waiting()
    return failed


def _requeue_waiting() -> None:
    resend_waiting(Report.objects.filter(status=ReportStatus.QUEUED, requested_at__lt=waiting_since()), _enqueue)
