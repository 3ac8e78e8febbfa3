"""Celery tasks of reporting: thin and safe to run twice (see reports_services, dashboard_warming)."""

from celery import shared_task

from . import dashboard_warming, reports_services


@shared_task
def build_report_task(report_id: int) -> None:
    reports_services.build_report(report_id=report_id)


@shared_task
def sweep_stale_reports() -> int:
    return reports_services.fail_stale_reports()


@shared_task
def warm_dashboard_task() -> int:
    return dashboard_warming.warm()
