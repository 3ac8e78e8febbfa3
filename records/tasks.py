"""Periodic work of the records app (beat, CELERY_BEAT_SCHEDULE): purges and breach signals."""

from celery import shared_task

from . import retention


@shared_task
def purge_expired_data() -> int:
    return retention.purge_expired()


@shared_task
def check_breach_signals() -> int:
    from . import alerts

    return len(alerts.check())
