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


@contextmanager
def use_broker(url: str):
    """Send this process's tasks to ``url`` (not eagerly) for the block: a broker the test controls."""
    saved = app.conf.task_always_eager, app.conf.broker_write_url
    # broker_write_url: read before broker_url, and found from CELERY_BROKER_URL when not set itself.
    app.conf.task_always_eager, app.conf.broker_write_url = False, url
    _forget_connections()
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.broker_write_url = saved
        _forget_connections()


def _forget_connections() -> None:
    """The app keeps the (process-wide, per-broker) connection and producer pools it last used: let it look
    them up again for the broker now configured. They are shared: closing one would break other users."""
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def private_redis():
    """A Redis server of the test's own on a free port, which the test may stop and start again."""
    import shutil
    import socket
    import time

    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("needs redis-server")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = RedisServer(binary, port)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        time.sleep(0.1)


class RedisServer:
    def __init__(self, binary: str, port: int):
        self.binary, self.port, self.process = binary, port, None
        self.url = f"redis://127.0.0.1:{port}/0"

    def start(self) -> None:
        import time

        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(50):
            if subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True).returncode == 0:
                return
            time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
