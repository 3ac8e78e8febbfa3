"""A worker killed while building a report: the report ends failed (not stuck "building"), no file is
reachable, and a retry builds it. Real Redis, PostgreSQL and a prefork worker (SECURITY-CHECKLIST EXP-02)."""

import os
import signal

from reporting import reports_services
from reporting.reports_models import Report, ReportKind, ReportStatus
from reporting.reports_services import ABANDONED
from reporting.tests.report_world import YEAR
from tests.conftest import needs_services, running_worker
from tests.waiting import wait_for

pytestmark = needs_services


def _status(report) -> str:
    return Report.objects.values_list("status", flat=True).get(pk=report.pk)


def test_a_killed_worker_leaves_the_report_failed_and_a_retry_builds_it(transactional_db, tmp_path, admin_user):
    sentinel = tmp_path / "paused"
    env = {"REPORT_TEST_PAUSE_FILE": str(sentinel), "PRIVATE_ROOT": str(tmp_path / "private")}
    with running_worker(pool="prefork", env=env):
        report, _ = reports_services.request_report(user=admin_user, kind=ReportKind.ANNUAL, year=YEAR)
        child = int(wait_for(lambda: sentinel.exists() and sentinel.read_text()))
        assert _status(report) == ReportStatus.BUILDING
        os.kill(child, signal.SIGKILL)
        # acks_late + reject_on_worker_lost: the task comes back, finds the report abandoned, fails it.
        wait_for(lambda: _status(report) == ReportStatus.FAILED)
        report.refresh_from_db()
        assert report.message == ABANDONED and not report.xlsx_file and not report.pdf_file

        assert reports_services.retry_report(report=report, user=admin_user)
        wait_for(lambda: _status(report) == ReportStatus.READY)
    report.refresh_from_db()
    assert report.attempts == 2 and report.xlsx_file.name.endswith(".xlsx")
