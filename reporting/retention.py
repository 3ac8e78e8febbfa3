"""LP2KD report files are kept ``RETENTION_REPORT_DAYS`` after they were built (records.retention)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from records.models import PurgeKind
from records.retention import delete_stored_file, record_purge

from .reports_models import Report


def purge_expired_reports() -> int:
    cutoff = timezone.now() - timedelta(days=settings.RETENTION_REPORT_DAYS)
    expired = Report.objects.filter(finished_at__lt=cutoff).filter(~Q(xlsx_file="") | ~Q(pdf_file=""))
    purged = 0
    for report in expired:
        with transaction.atomic():
            size = delete_stored_file(report.xlsx_file) + delete_stored_file(report.pdf_file)
            # Still "ready": a download answers 404, and the same report can be requested again.
            Report.objects.filter(pk=report.pk).update(xlsx_file="", pdf_file="")
            record_purge(kind=PurgeKind.REPORT, obj=report, count=2, size=size,
                         kept_for=f"{settings.RETENTION_REPORT_DAYS} hari")  # fmt: skip
        purged += 1
    return purged
