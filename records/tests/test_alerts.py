"""Breach signals (SECURITY-CHECKLIST PII-06): each rule fires at its threshold and stays silent below it;
an alert is recorded once per account and window, logged at ERROR and e-mailed."""

import logging

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from records import alerts
from records.access import record_access_for
from records.models import AccessAction, Alert, AlertRule
from records.tasks import check_breach_signals
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db
HOUR = 3600


@pytest.fixture(autouse=True)
def small_thresholds(settings):
    settings.ALERT_WINDOW_HOURS = 1
    settings.ALERT_PEOPLE_MIN = 100
    settings.ALERT_PEOPLE_FACTOR = 5
    settings.ALERT_USUAL_DAYS = 10
    settings.ALERT_REVEALS = 5
    settings.ALERT_NOT_FOUND = 4
    settings.ALERT_LOGIN_ADDRESSES = 3
    settings.ALERT_LOGIN_WINDOW_HOURS = 24
    settings.BREACH_ALERT_EMAILS = ["dpo@bappeda.example.go.id"]


def _log(user, action, times=1, **details):
    for _ in range(times):
        record_access_for(user, action=action, **details)


def _fired(rule):
    return [(s.user_id, s.observed, s.threshold) for s in rule(timezone.now())]


@pytest.mark.parametrize("people", [99, 100])
def test_mass_access_fires_at_the_minimum_for_an_account_without_history(officer_a, people):
    _log(officer_a, AccessAction.EXPORT, count=people - 10)
    _log(officer_a, AccessAction.VIEW_HOUSEHOLD, count=10)
    assert _fired(alerts.mass_access) == ([(officer_a.pk, 100, 100)] if people == 100 else [])


@pytest.mark.parametrize(("people", "fires"), [(299, False), (300, True)])
def test_mass_access_follows_the_accounts_usual(time_machine, officer_a, people, fires):
    """Usual: 14,400 people over the 10 days before = 60 per hour; the threshold is 5 × 60 = 300."""
    time_machine.move_to(timezone.now() - timezone.timedelta(days=5), tick=False)
    _log(officer_a, AccessAction.VIEW_HOUSEHOLD, count=14_400)
    time_machine.move_to(timezone.now() + timezone.timedelta(days=5), tick=False)
    _log(officer_a, AccessAction.EXPORT, count=people)
    assert bool(_fired(alerts.mass_access)) is fires


def test_an_old_burst_is_outside_the_window(time_machine, officer_a):
    time_machine.move_to(timezone.now(), tick=False)
    _log(officer_a, AccessAction.EXPORT, count=500)
    time_machine.shift(2 * HOUR)
    assert _fired(alerts.mass_access) == []


@pytest.mark.parametrize("reveals", [4, 5])
def test_many_reveals(officer_a, admin_user, reveals):
    _log(officer_a, AccessAction.REVEAL, times=reveals, count=1, purpose="verifikasi")
    _log(admin_user, AccessAction.REVEAL, times=4, count=1, purpose="verifikasi")
    assert _fired(alerts.many_reveals) == ([(officer_a.pk, 5, 5)] if reveals == 5 else [])


@pytest.mark.parametrize("probes", [3, 4])
def test_repeated_404s_on_other_districts_ids(officer_a, village_b, probes):
    from tests.factories import HouseholdFactory

    client = Client()
    client.force_login(officer_a)
    for _ in range(probes):
        household = HouseholdFactory(village=village_b)
        assert client.get(reverse("beneficiaries:household_detail", args=[household.pk])).status_code == 404
    assert _fired(alerts.not_found) == ([(officer_a.pk, 4, 4)] if probes == 4 else [])


@pytest.mark.parametrize("addresses", [2, 3])
def test_logins_from_many_addresses(officer_a, addresses):
    login = reverse("accounts:login")
    for number in [*range(addresses), 0]:  # the same address twice counts once
        client = Client(REMOTE_ADDR=f"203.0.113.{number + 1}")
        response = client.post(login, {"username": officer_a.username, "password": TEST_PASSWORD})
        assert response.status_code == 302
    assert _fired(alerts.many_addresses) == ([(officer_a.pk, 3, 3)] if addresses == 3 else [])


def test_an_alert_is_recorded_once_logged_at_error_and_mailed(caplog, officer_a):
    _log(officer_a, AccessAction.REVEAL, times=5, count=1)
    with caplog.at_level(logging.ERROR, logger="records.alerts"):
        assert check_breach_signals() == 1
        assert check_breach_signals() == 0, "the same window does not alert twice"
    alert = Alert.objects.get()
    assert (alert.rule, alert.user, alert.observed) == (AlertRule.MANY_REVEALS, officer_a, 5)
    assert [r.levelno for r in caplog.records if r.name == "records.alerts"] == [logging.ERROR]
    assert [m.to for m in mail.outbox] == [["dpo@bappeda.example.go.id"]]
    assert officer_a.username in mail.outbox[0].body and "3×24 jam" in mail.outbox[0].body
