from django.conf import settings
from django.utils.module_loading import import_string

from desakumaju.celery import app


def test_every_scheduled_task_exists():
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        task = import_string(entry["task"])
        assert task.name == entry["task"]


def test_tasks_are_acknowledged_late_and_requeued_when_a_worker_dies():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert app.conf.task_time_limit < app.conf.broker_transport_options["visibility_timeout"]
