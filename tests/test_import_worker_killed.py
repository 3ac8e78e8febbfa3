"""A worker killed in the middle of an import: no partial data, the batch ends failed, a retry imports.

Real Redis, PostgreSQL and a prefork worker whose child process is SIGKILLed while it holds the
import's transaction open (SECURITY-CHECKLIST IMP-03).
"""

import os
import signal

from beneficiaries.imports import services
from beneficiaries.imports.services import ABANDONED
from beneficiaries.models import BatchStatus, Household, ImportBatch, Person
from tests.bnba_files import family_rows, validate_file, write_xlsx
from tests.conftest import needs_services, running_worker
from tests.waiting import wait_for

pytestmark = needs_services


def _status(batch) -> str:
    return ImportBatch.objects.values_list("status", flat=True).get(pk=batch.pk)


def test_a_killed_worker_leaves_no_partial_import_and_the_batch_can_be_retried(
    transactional_db, tmp_path, officer_a, village_a
):
    path = write_xlsx(tmp_path / "bnba.xlsx", family_rows(village_a, families=20))
    batch = validate_file(officer_a, path)
    assert batch.status == BatchStatus.READY
    sentinel = tmp_path / "paused"
    with running_worker(pool="prefork", env={"BNBA_TEST_PAUSE_FILE": str(sentinel)}):
        services.request_import(batch=batch, user=officer_a)  # autocommit: on_commit queues at once
        child = int(wait_for(lambda: sentinel.exists() and sentinel.read_text()))
        # The households are written inside the open transaction: nobody else can see them.
        assert Household.objects.count() == 0
        os.kill(child, signal.SIGKILL)
        wait_for(lambda: _status(batch) == BatchStatus.FAILED)
        batch.refresh_from_db()
        assert batch.message == ABANDONED
        assert Household.objects.count() == 0 and Person.objects.count() == 0

        assert services.retry_batch(batch=batch)  # validated again by the worker, from this test's files
        wait_for(lambda: _status(batch) == BatchStatus.READY)
        services.request_import(batch=batch, user=officer_a)
        wait_for(lambda: _status(batch) == BatchStatus.IMPORTED)
    batch.refresh_from_db()
    assert batch.attempts == 2
    assert Person.objects.count() == 60 and Household.objects.count() == 20
