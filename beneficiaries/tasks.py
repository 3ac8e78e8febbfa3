"""Celery tasks of the registry: thin, take a batch id, safe to run twice (see imports.services)."""

from celery import shared_task

from . import retention
from .imports import services


@shared_task
def validate_batch_task(batch_id: int) -> None:
    services.run_validation(batch_id=batch_id)


@shared_task
def import_batch_task(batch_id: int) -> None:
    services.run_import(batch_id=batch_id)


@shared_task
def sweep_stale_batches() -> int:
    failed = services.fail_stale_batches()
    # Staged rows (NIKs) of every batch that ended, also of one whose worker died after its commit.
    retention.purge_staged_rows()
    return failed
