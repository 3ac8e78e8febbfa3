"""Password spraying: many usernames from one address (SECURITY-CHECKLIST AUTH-01, AUTH-05).

Each username is locked after five failures from one address; across usernames one address gets
AXES_FAILURE_LIMIT_PER_ADDRESS failures in the cool-off window, then every login from it sees the lockout
page, the same for known and unknown usernames. Before, 32 guesses over 8 accounts were all answered.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory

LOGIN = reverse("accounts:login")
SPRAYER = "198.51.100.7"


def _without_csrf_token(html: str) -> str:
    return re.sub(r'X-CSRFToken": "[^"]+', "", html)


def _login(username, password, ip=SPRAYER):
    return Client().post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.fixture
def accounts(db):
    return [UserFactory(username=f"pegawai{n}") for n in range(8)]


def test_thirty_two_guesses_over_eight_accounts_are_stopped_after_the_address_limit(accounts, settings):
    assert settings.AXES_FAILURE_LIMIT_PER_ADDRESS == 20
    statuses = [
        _login(user.username, f"tebakan-{guess}-rahasia").status_code for guess in range(4) for user in accounts
    ]
    assert statuses == [200] * 20 + [429] * 12


def test_a_locked_address_gets_the_same_page_for_known_and_unknown_usernames(accounts, officer_a):
    for guess in range(3):
        for user in accounts:
            _login(user.username, f"tebakan-{guess}-rahasia")
    known = _login(officer_a.username, TEST_PASSWORD)
    unknown = _login("tidak-ada-orangnya", TEST_PASSWORD)
    assert known.status_code == unknown.status_code == 429
    assert _without_csrf_token(known.text) == _without_csrf_token(unknown.text)
    assert "Terlalu banyak percobaan masuk" in known.text


def test_other_addresses_are_not_held_back(accounts, officer_a):
    for guess in range(3):
        for user in accounts:
            _login(user.username, f"tebakan-{guess}-rahasia")
    assert _login(officer_a.username, TEST_PASSWORD, ip="203.0.113.9").status_code == 302


def test_the_address_is_free_again_after_the_cool_off(accounts, officer_a):
    with time_machine.travel("2026-11-23 08:00 +0700", tick=False) as traveller:
        for guess in range(3):
            for user in accounts:
                _login(user.username, f"tebakan-{guess}-rahasia")
        assert _login(officer_a.username, TEST_PASSWORD).status_code == 429
        traveller.shift(timedelta(minutes=31))
        assert _login(officer_a.username, TEST_PASSWORD).status_code == 302


def test_retrying_one_locked_username_does_not_use_up_the_address(officer_a, officer_b):
    """A colleague hammering their own locked username does not lock the office's other users out."""
    for _ in range(30):
        _login(officer_a.username, "salah-kata-sandi-123")
    assert _login(officer_a.username, TEST_PASSWORD).status_code == 429
    assert _login(officer_b.username, TEST_PASSWORD).status_code == 302
