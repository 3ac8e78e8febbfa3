"""Breach signals (SECURITY-CHECKLIST PII-06; UU PDP Pasal 46: notify within 3×24 hours).

Every few minutes (beat, ``records.tasks.check_breach_signals``) each rule reads the access log of the last
``ALERT_WINDOW_HOURS`` and names the accounts that reached its threshold:

* ``mass_access``: people viewed, exported or looked up by one account, at least ``ALERT_PEOPLE_MIN`` and at
  least ``ALERT_PEOPLE_FACTOR`` times what the account usually reaches in such a window (its average over
  the ``ALERT_USUAL_DAYS`` before);
* ``many_reveals``: ``ALERT_REVEALS`` full-number reveals;
* ``not_found``: ``ALERT_NOT_FOUND`` 404s on pages of one record (ids outside the account's scope);
* ``many_addresses``: logins from ``ALERT_LOGIN_ADDRESSES`` different addresses within
  ``ALERT_LOGIN_WINDOW_HOURS``.

Each signal becomes one ``Alert`` per account, rule and window, logged at ERROR and e-mailed to
``BREACH_ALERT_EMAILS``; docs/privacy/breach-runbook.md says what to do next.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Count, Sum
from django.utils import timezone

from .models import AccessAction, AccessRecord, Alert, AlertRule

logger = logging.getLogger(__name__)
PEOPLE_ACTIONS = (AccessAction.VIEW_HOUSEHOLD, AccessAction.VIEW_PERSON, AccessAction.EXPORT, AccessAction.BULK_LOOKUP)


@dataclass(frozen=True)
class Signal:
    rule: str
    user_id: int
    observed: int
    threshold: int
    since: datetime


def _window(now: datetime, hours: int | None = None) -> datetime:
    return now - timedelta(hours=hours or settings.ALERT_WINDOW_HOURS)


def _counted(since: datetime, now: datetime, *actions, value=None):
    """{user id: count (or sum of ``value``)} of the access log's ``actions`` between ``since`` and ``now``."""
    rows = AccessRecord.objects.filter(action__in=actions, created_at__gte=since, created_at__lte=now)
    total = Sum(value) if value else Count("*")
    return dict(rows.order_by().values("user").annotate(total=total).values_list("user", "total"))


def mass_access(now: datetime) -> list[Signal]:
    since = _window(now)
    recent = _counted(since, now, *PEOPLE_ACTIONS, value="subject_count")
    windows = settings.ALERT_USUAL_DAYS * 24 / settings.ALERT_WINDOW_HOURS
    before = _counted(since - timedelta(days=settings.ALERT_USUAL_DAYS), since, *PEOPLE_ACTIONS, value="subject_count")
    signals = []
    for user_id, people in recent.items():
        usual = (before.get(user_id) or 0) / windows
        threshold = max(settings.ALERT_PEOPLE_MIN, round(settings.ALERT_PEOPLE_FACTOR * usual))
        if people >= threshold:
            signals.append(Signal(AlertRule.MASS_ACCESS, user_id, people, threshold, since))
    return signals


def _count_rule(rule: str, action: str, threshold: int, now: datetime) -> list[Signal]:
    since = _window(now)
    return [
        Signal(rule, user_id, count, threshold, since)
        for user_id, count in _counted(since, now, action).items()
        if count >= threshold
    ]


def many_reveals(now: datetime) -> list[Signal]:
    return _count_rule(AlertRule.MANY_REVEALS, AccessAction.REVEAL, settings.ALERT_REVEALS, now)


def not_found(now: datetime) -> list[Signal]:
    return _count_rule(AlertRule.NOT_FOUND, AccessAction.NOT_FOUND, settings.ALERT_NOT_FOUND, now)


def many_addresses(now: datetime) -> list[Signal]:
    since = _window(now, settings.ALERT_LOGIN_WINDOW_HOURS)
    logins = AccessRecord.objects.filter(action=AccessAction.LOGIN, created_at__gte=since, created_at__lte=now)
    per_user = logins.exclude(address=None).order_by().values("user").annotate(total=Count("address", distinct=True))
    threshold = settings.ALERT_LOGIN_ADDRESSES
    return [
        Signal(AlertRule.MANY_ADDRESSES, row["user"], row["total"], threshold, since)
        for row in per_user
        if row["total"] >= threshold
    ]


RULES = (mass_access, many_reveals, not_found, many_addresses)


def check(now: datetime | None = None) -> list[Alert]:
    """Evaluate every rule; raise an alert for each new signal (one per account, rule and window)."""
    now = now or timezone.now()
    raised = []
    for rule in RULES:
        for signal in rule(now):
            if not Alert.objects.filter(rule=signal.rule, user=signal.user_id, created_at__gte=signal.since).exists():
                raised.append(_raise(signal))
    return raised


def _raise(signal: Signal) -> Alert:
    user = get_user_model()._base_manager.get(pk=signal.user_id)
    rule = AlertRule(signal.rule)
    message = (
        f"Peringatan kebocoran data: {rule.label}. Akun {user.username} (#{user.pk}, {user.get_role_display()}): "
        f"{signal.observed} sejak {timezone.localtime(signal.since):%d/%m/%Y %H:%M} (ambang {signal.threshold}). "
        "Periksa log akses di admin (Catatan akses data pribadi) dan ikuti docs/privacy/breach-runbook.md: "
        "bila kebocoran, pemberitahuan wajib dalam 3×24 jam."
    )
    alert = Alert.objects.create(
        rule=signal.rule, user=user, observed=signal.observed, threshold=signal.threshold,
        window_start=signal.since, message=message,
    )  # fmt: skip
    logger.error(message)
    if settings.BREACH_ALERT_EMAILS:
        try:
            send_mail(f"[Desaku Maju] {rule.label}", message, None, settings.BREACH_ALERT_EMAILS)
        except Exception:  # the alert is recorded and logged; a mail server down must not hide the next ones
            logger.exception("Breach alert #%s could not be e-mailed", alert.pk)
    return alert
