"""Requests are safe to repeat; failed reports say why and can be retried; dead workers' reports end failed."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from reporting import reports_content, reports_services
from reporting.reports_models import Report, ReportKind, ReportStatus
from reporting.reports_services import ABANDONED, CRASHED
from reporting.tests.report_world import YEAR


def _request(user, **extra):
    return reports_services.request_report(user=user, kind=ReportKind.ANNUAL, year=YEAR, **extra)


def test_asking_twice_while_queued_gives_the_same_report(admin_user):
    first, created = _request(admin_user)
    second, created_again = _request(admin_user)
    assert created and not created_again and first == second
    assert Report.objects.count() == 1


def test_the_database_refuses_a_second_running_build(admin_user):
    report, _ = _request(admin_user)
    with pytest.raises(IntegrityError):
        Report.objects.create(kind=report.kind, year=YEAR, scope_code="18", requested_by=admin_user)


def test_other_scopes_and_periods_build_side_by_side(admin_user, district_a):
    _request(admin_user)
    _request(admin_user, district=district_a)
    reports_services.request_report(user=admin_user, kind=ReportKind.SEMESTER_1, year=YEAR)
    assert Report.objects.running().count() == 3


def test_a_ready_report_may_be_requested_again(admin_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first, _ = _request(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        second, created = _request(admin_user)
    assert created and first != second
    assert set(Report.objects.values_list("status", flat=True)) == {ReportStatus.READY}


def test_a_crash_fails_the_report_with_a_message_and_a_retry_builds_it(
    admin_user, client, monkeypatch, django_capture_on_commit_callbacks
):
    def crash(report, on_progress):
        raise RuntimeError("disk full")

    monkeypatch.setattr(reports_services, "collect", crash)
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = _request(admin_user)
    report.refresh_from_db()
    assert (report.status, report.message) == (ReportStatus.FAILED, CRASHED)
    assert not report.xlsx_file and not report.pdf_file
    client.force_login(admin_user)
    assert CRASHED in client.get(report.get_absolute_url()).content.decode()

    monkeypatch.setattr(reports_services, "collect", reports_content.collect)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:report_retry", kwargs={"pk": report.pk}))
    report.refresh_from_db()
    assert (report.status, report.message, report.attempts) == (ReportStatus.READY, "", 2)


def test_a_retry_waits_while_the_same_report_is_running(admin_user):
    failed = Report.objects.create(
        kind=ReportKind.ANNUAL, year=YEAR, scope_code="18", requested_by=admin_user, status=ReportStatus.FAILED
    )
    _request(admin_user)
    assert not reports_services.retry_report(report=failed, user=admin_user)
    assert Report.objects.get(pk=failed.pk).status == ReportStatus.FAILED


def test_a_task_delivered_again_after_its_worker_died_marks_the_report_failed(admin_user):
    report = Report.objects.create(
        kind=ReportKind.ANNUAL, year=YEAR, scope_code="18", requested_by=admin_user,
        status=ReportStatus.BUILDING, started_at=timezone.now(),
    )  # fmt: skip
    reports_services.build_report(report_id=report.pk)  # acks_late redelivery: the claim fails
    report.refresh_from_db()
    assert (report.status, report.message) == (ReportStatus.FAILED, ABANDONED)


def test_the_sweep_fails_stale_building_reports_and_leaves_others(admin_user, district_a):
    long_ago = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 120)
    common = {"kind": ReportKind.ANNUAL, "year": YEAR, "requested_by": admin_user, "status": ReportStatus.BUILDING}
    stale = Report.objects.create(scope_code="18", started_at=long_ago, **common)
    queued = Report.objects.create(
        kind=ReportKind.ANNUAL, year=YEAR, scope_code="18.01", district=district_a, requested_by=admin_user
    )
    assert reports_services.fail_stale_reports() == 1
    stale.refresh_from_db()
    assert (stale.status, stale.message) == (ReportStatus.FAILED, ABANDONED)
    assert Report.objects.get(pk=queued.pk).status == ReportStatus.QUEUED


def test_the_sweep_runs_on_the_beat_schedule():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "reporting.tasks.sweep_stale_reports" in tasks


def test_the_progress_poll_reloads_the_page_once_the_report_is_done(admin_user, client):
    report = Report.objects.create(
        kind=ReportKind.ANNUAL, year=YEAR, scope_code="18", requested_by=admin_user, status=ReportStatus.BUILDING,
        started_at=timezone.now(), progress=45, step="Desa lokus",
    )  # fmt: skip
    client.force_login(admin_user)
    url = reverse("reports:report_progress", kwargs={"pk": report.pk})
    response = client.get(url, headers={"HX-Request": "true"})
    assert "45%" in response.content.decode() and "Desa lokus" in response.content.decode()
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.READY)
    assert client.get(url, headers={"HX-Request": "true"})["HX-Refresh"] == "true"
