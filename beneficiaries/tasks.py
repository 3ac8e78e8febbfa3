"""Celery tasks of the registry: thin, take a batch id, safe to run twice (see imports.running).

A database that goes away mid-task (a restart) raises; Celery runs the task again with back-off and
the retry resumes the batch it had claimed.
"""

from celery import shared_task

from desakumaju.lib.jobs import DATABASE_GONE

from . import retention
from .imports import running

RETRIES = {"autoretry_for": DATABASE_GONE, "retry_backoff": 5, "retry_backoff_max": 60, "max_retries": 5}


@shared_task(bind=True, **RETRIES)
def validate_batch_task(self, batch_id: int) -> None:
    running.run_validation(batch_id=batch_id, resume=self.request.retries > 0)


@shared_task(bind=True, **RETRIES)
def import_batch_task(self, batch_id: int) -> None:
    running.run_import(batch_id=batch_id, resume=self.request.retries > 0)


@shared_task
def sweep_stale_batches() -> int:
    failed = running.fail_stale_batches()
    # Staged rows (NIKs) of every batch that ended, also of one whose worker died after its commit.
    retention.purge_staged_rows()
    return failed
