"""Who is running a long job: a PostgreSQL session advisory lock, released if the process dies."""

from contextlib import contextmanager

from django.db import connection

NAMESPACE = 1801  # first key of the pair, so the portal's locks never collide with another app's


@contextmanager
def job_lock(kind: int, job_id: int):
    """Yield True when this process now holds the lock for the job, False when another holds it.

    Without PostgreSQL (the embedded SQLite setup runs tasks in-process) there is nobody to race.
    """
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [NAMESPACE * 100 + kind, job_id])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [NAMESPACE * 100 + kind, job_id])


def is_locked(kind: int, job_id: int) -> bool | None:
    """Whether a live process holds the job's lock; None when the database cannot tell."""
    if connection.vendor != "postgresql":
        return None
    with job_lock(kind, job_id) as acquired:
        return not acquired
