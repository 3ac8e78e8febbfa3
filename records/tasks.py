"""Celery tasks of records: thin and safe to run twice (see export_jobs)."""

from celery import shared_task

from . import export_jobs


@shared_task
def build_export_task(job_id: int) -> None:
    export_jobs.build_export(job_id=job_id)


@shared_task
def sweep_export_jobs() -> int:
    return export_jobs.sweep_export_jobs()
