"""Imports survive a broker or a database that goes away (SECURITY-CHECKLIST IMP-05, IMP-06).

The broker is either a closed port (nothing listens: down) or a Redis server of the test's own that
the test stops and starts; the database outage is the worker's connections killed mid-import.
"""

import time
from datetime import timedelta

from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from beneficiaries.imports import services
from beneficiaries.models import BatchStatus, ImportBatch, Person
from desakumaju.lib.jobs import QUEUE_WAITING
from tests.bnba_files import family_rows, validate_file, write_xlsx
from tests.conftest import needs_services, private_redis, running_worker, use_broker
from tests.waiting import wait_for

CLOSED_PORT = "redis://127.0.0.1:1/0"


def _upload(client, path):
    with path.open("rb") as handle:
        data = {"file": handle, "desil_source": "dtsen", "desil_as_of": "2026-10-01"}
        return client.post(reverse("beneficiaries:batch_upload"), data)


def _status(batch_id: int) -> str:
    return ImportBatch.objects.values_list("status", flat=True).get(pk=batch_id)


def test_an_upload_answers_at_once_when_the_broker_is_down_and_says_the_check_will_start(
    tmp_path, officer_a, village_a, django_capture_on_commit_callbacks
):
    """IMP-05: the upload used to wait ~19 s for a broker that was down."""
    client = Client()
    client.force_login(officer_a)
    path = write_xlsx(tmp_path / "bnba.xlsx", family_rows(village_a, families=2))
    with use_broker(CLOSED_PORT), django_capture_on_commit_callbacks(execute=True):
        began = time.monotonic()
        response = _upload(client, path)
    elapsed = time.monotonic() - began  # the request and the queueing after its commit
    assert elapsed < 5, f"the upload waited {elapsed:.1f} s for the broker"
    batch = ImportBatch.objects.get()
    assert response.url == batch.get_absolute_url()
    assert (batch.status, batch.message) == (BatchStatus.UPLOADED, QUEUE_WAITING)
    assert "proses akan dimulai otomatis begitu layanan pulih" in client.get(response.url).text


def test_an_import_confirmed_while_the_broker_is_down_waits_and_can_be_cancelled(
    tmp_path, officer_a, village_a, django_capture_on_commit_callbacks
):
    """IMP-05: such a batch stayed "importing" for ever: cancel did nothing and the file stayed blocked."""
    path = write_xlsx(tmp_path / "bnba.xlsx", family_rows(village_a, families=2))
    batch = validate_file(officer_a, path)
    with use_broker(CLOSED_PORT), django_capture_on_commit_callbacks(execute=True):
        assert services.request_import(batch=batch, user=officer_a)
    batch.refresh_from_db()
    assert (batch.status, batch.started_at, batch.message) == (BatchStatus.IMPORTING, None, QUEUE_WAITING)
    assert services.cancel_batch(batch=batch)
    assert _status(batch.pk) == BatchStatus.CANCELLED
    again = validate_file(officer_a, path)  # the file is free again
    assert again.pk != batch.pk and again.status == BatchStatus.READY
    services.run_import(batch_id=batch.pk)  # a task the broker delivers late finds nothing to do
    assert _status(batch.pk) == BatchStatus.CANCELLED and not Person.objects.exists()


def test_the_sweeper_judges_a_waiting_batch_by_its_own_timestamps(
    tmp_path, officer_a, village_a, django_capture_on_commit_callbacks
):
    batch = validate_file(officer_a, write_xlsx(tmp_path / "bnba.xlsx", family_rows(village_a, families=1)))
    with use_broker(CLOSED_PORT), django_capture_on_commit_callbacks(execute=True):
        services.request_import(batch=batch, user=officer_a)
    ImportBatch.objects.filter(pk=batch.pk).update(message="")
    with use_broker(CLOSED_PORT):
        services.fail_stale_batches()  # queued a minute ago: not yet sent again
        assert ImportBatch.objects.get(pk=batch.pk).message == ""
        ImportBatch.objects.filter(pk=batch.pk).update(queued_at=timezone.now() - timedelta(minutes=3))
        services.fail_stale_batches()  # sent again: the broker is still down, the batch says it still waits
    batch.refresh_from_db()
    assert (batch.status, batch.message) == (BatchStatus.IMPORTING, QUEUE_WAITING)


@needs_services
def test_a_batch_waiting_for_a_stopped_broker_runs_once_the_broker_is_back(
    transactional_db, tmp_path, officer_a, village_a
):
    """IMP-05 with a real Redis stopped and started again: the sweeper sends the task, it runs once."""
    path = write_xlsx(tmp_path / "bnba.xlsx", family_rows(village_a, families=2))
    with private_redis() as redis, use_broker(redis.url):
        batch = validate_file(officer_a, path)  # (eager fallback is off: the task went to this broker)
        redis.stop()
        assert services.request_import(batch=batch, user=officer_a)
        assert ImportBatch.objects.get(pk=batch.pk).message == QUEUE_WAITING
        redis.start()
        with running_worker(env={"CELERY_BROKER_URL": redis.url}):
            ImportBatch.objects.filter(pk=batch.pk).update(queued_at=timezone.now() - timedelta(minutes=3))
            services.fail_stale_batches()
            wait_for(lambda: _status(batch.pk) == BatchStatus.IMPORTED)
    batch.refresh_from_db()
    assert batch.attempts == 1 and Person.objects.count() == 6


@needs_services
def test_a_database_connection_lost_mid_import_is_retried_and_imports_once(
    transactional_db, tmp_path, officer_a, village_a
):
    """IMP-06: the worker's connections are killed while it holds the import's transaction open."""
    path = write_xlsx(tmp_path / "bnba.xlsx", family_rows(village_a, families=10))
    batch = validate_file(officer_a, path)
    sentinel = tmp_path / "paused"
    with running_worker(env={"BNBA_TEST_PAUSE_FILE": str(sentinel)}):
        services.request_import(batch=batch, user=officer_a)
        wait_for(lambda: sentinel.exists() and sentinel.read_text())
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        sentinel.write_text("lanjut")
        wait_for(lambda: _status(batch.pk) == BatchStatus.IMPORTED)
    batch.refresh_from_db()
    assert (batch.attempts, batch.message) == (2, "")
    assert Person.objects.count() == 30


def test_a_failed_batch_can_be_cancelled(tmp_path, officer_a, village_a):
    batch = validate_file(officer_a, write_xlsx(tmp_path / "bnba.xlsx", family_rows(village_a, families=1)))
    ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.FAILED)
    assert services.cancel_batch(batch=batch)
