"""Celery tasks of the records app: thin and safe to run twice (export_jobs, retention, alerts)."""

from celery import shared_task

from . import export_jobs, retention


@shared_task
def build_export_task(job_id: int) -> None:
    export_jobs.build_export(job_id=job_id)


@shared_task
def sweep_export_jobs() -> int:
    return export_jobs.sweep_export_jobs()


@shared_task
def purge_expired_data() -> int:
    return retention.purge_expired()


@shared_task
def check_breach_signals() -> int:
    from . import alerts

    return len(alerts.check())
