"""A report asked for while the broker is down says it waits, and can be cancelled (IMP-05 for reports)."""

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from desakumaju.lib.jobs import QUEUE_WAITING
from reporting.reports_models import Report, ReportStatus
from reporting.reports_services import build_report, cancel_report, request_report
from tests.conftest import use_broker

CLOSED_PORT = "redis://127.0.0.1:1/0"


def test_a_report_asked_for_while_the_broker_is_down_waits_and_can_be_cancelled(
    admin_user, django_capture_on_commit_callbacks
):
    with use_broker(CLOSED_PORT), django_capture_on_commit_callbacks(execute=True):
        report, created = request_report(user=admin_user, kind="annual", year=2026)
    report.refresh_from_db()
    assert created and (report.status, report.message) == (ReportStatus.QUEUED, QUEUE_WAITING)
    client = Client()
    client.force_login(admin_user)
    page = client.get(report.get_absolute_url()).text
    assert "proses akan dimulai otomatis begitu layanan pulih" in page and 'data-testid="report-cancel"' in page
    client.post(reverse("reports:report_cancel", args=[report.pk]))
    assert Report.objects.get(pk=report.pk).status == ReportStatus.CANCELLED
    build_report(report_id=report.pk)  # the task arriving late builds nothing
    assert Report.objects.get(pk=report.pk).status == ReportStatus.CANCELLED
    again, created = request_report(user=admin_user, kind="annual", year=2026)
    assert created and again.pk != report.pk


def test_a_report_being_built_cannot_be_cancelled(admin_user):
    report = Report.objects.create(kind="annual", year=2026, scope_code="18", requested_by=admin_user,
                                   status=ReportStatus.BUILDING, started_at=timezone.now())  # fmt: skip
    assert not cancel_report(report=report, user=admin_user)
    assert Report.objects.get(pk=report.pk).status == ReportStatus.BUILDING
