"""Queueing long jobs (imports, reports, exports) so that a broker outage never hangs a request.

A job is a row (batch, report…) with a status; its task takes the row's id. ``enqueue`` sends the task
once, without the publish retries that made a request wait ~19 s for a broker that was down, and says
whether it went; the job waits in the database, and the sweeper (celery beat) sends it again later,
judged by the job's own timestamps.
"""

import logging
from datetime import datetime, timedelta

from django.db import InterfaceError, OperationalError
from django.utils import timezone

logger = logging.getLogger(__name__)

# The database went away under a running job (a restart, a killed connection): retried, not failed.
DATABASE_GONE = (OperationalError, InterfaceError)
QUEUE_WAITING = (
    "Layanan antrean sedang tidak tersedia; proses akan dimulai otomatis begitu layanan pulih. Halaman ini "
    "tidak perlu dibuka terus."
)


WAIT_BEFORE_RESENDING = timedelta(minutes=2)


def resend_waiting(waiting, send) -> None:
    """Send again (``send(job_id)``) the jobs of ``waiting`` — a queryset of jobs still waiting for their task,
    judged by their own timestamp — that have waited longer than they should. Embedded, nothing waits."""
    from celery import current_app

    if current_app.conf.task_always_eager:
        return
    for job_id in waiting.values_list("pk", flat=True):
        send(job_id)


def waiting_since() -> datetime:
    """Jobs queued before this have waited for their task longer than a broker that is up would take."""
    return timezone.now() - WAIT_BEFORE_RESENDING


def enqueue(task, job_id: int) -> bool:
    """Send ``task(job_id)`` now; False (logged) when the broker cannot take it."""
    if task.app.conf.task_always_eager:
        task.delay(job_id)
        return True
    try:
        task.apply_async(args=[job_id], retry=False)
    except Exception:
        logger.warning("Could not queue %s for job %s; the sweeper will send it again", task.name, job_id)
        return False
    return True
