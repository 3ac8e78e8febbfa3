"""Fixtures for tests that need the real services: a Celery worker process on Redis and PostgreSQL."""

import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from desakumaju.celery import app

ROOT = Path(__file__).resolve().parent.parent


def services_missing() -> str:
    if not settings.CELERY_BROKER_URL:
        return "needs CELERY_BROKER_URL (Redis)"
    if connection.vendor != "postgresql":
        return "needs PostgreSQL: the worker must share the test database"
    return ""


# CI sets REQUIRE_SERVICES so that a misconfigured run fails instead of skipping these tests.
needs_services = pytest.mark.skipif(
    bool(services_missing()) and not os.environ.get("REQUIRE_SERVICES"), reason=services_missing() or "ok"
)


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{quote(db['USER'])}:{quote(db['PASSWORD'] or '')}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@contextmanager
def running_worker(*, pool: str = "solo", env: dict | None = None, queue: str | None = None):
    """A `celery worker` process on a queue of its own (or ``queue``, where tasks may already wait),
    reading this test's database and private files; yields the process.

    Tasks sent from the test go to that queue and are not run eagerly while the worker runs.
    """
    queue = queue or f"test-{uuid.uuid4().hex[:8]}"
    worker_env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "desakumaju.settings_test", "DATABASE_URL": _database_url(),
        "PRIVATE_ROOT": str(settings.STORAGES["private"]["OPTIONS"]["location"]),  # this test's files
    }  # fmt: skip
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "desakumaju", "worker", f"--pool={pool}", "--concurrency=1",
         "-Q", queue, "--without-gossip", "--without-mingle", "--loglevel=INFO"],
        cwd=ROOT, env={**worker_env, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    saved = app.conf.task_always_eager, app.conf.task_default_queue
    app.conf.task_always_eager, app.conf.task_default_queue = False, queue
    try:
        yield worker
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = saved
        worker.terminate()
        try:
            worker.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
        _close_other_sessions()


def _close_other_sessions() -> None:
    """End the worker's leftover connections, so the test database can be dropped at the end."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
