"""Celery tasks of reporting: thin, take a report id, safe to run twice (see reports_services)."""

from celery import shared_task

from . import reports_services


@shared_task
def build_report_task(report_id: int) -> None:
    reports_services.build_report(report_id=report_id)


@shared_task
def sweep_stale_reports() -> int:
    return reports_services.fail_stale_reports()
