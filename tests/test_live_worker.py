"""A real Celery worker process, a real Redis broker and PostgreSQL: a task round-trips."""

import os

from desakumaju.tasks import health_check
from tests.conftest import needs_services, running_worker
from tests.factories import DistrictFactory

pytestmark = needs_services


def test_a_task_round_trips_through_redis_and_a_worker(transactional_db):
    DistrictFactory.create_batch(3)
    with running_worker():
        answer = health_check.delay().get(timeout=60)
    assert answer["districts"] == 3
    assert answer["pid"] != os.getpid(), "the task ran in the worker process, not eagerly here"
