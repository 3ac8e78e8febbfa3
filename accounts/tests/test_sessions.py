"""Session lifetime, cookie flags and password changes (SECURITY-CHECKLIST AUTH-03)."""

from datetime import timedelta

import time_machine
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import TEST_PASSWORD

HOME = reverse("home")
LOGIN = reverse("accounts:login")


def _logged_in(user):
    client = Client()
    assert client.post(LOGIN, {"username": user.username, "password": TEST_PASSWORD}).status_code == 302
    return client


def test_it_ends_a_session_after_thirty_idle_minutes(officer_a):
    with time_machine.travel("2026-11-23 08:00 +0700", tick=False) as traveller:
        client = _logged_in(officer_a)
        traveller.shift(timedelta(minutes=29))
        assert client.get(HOME).status_code == 200
        traveller.shift(timedelta(minutes=29))
        assert client.get(HOME).status_code == 200, "activity renews the idle timer"
        traveller.shift(timedelta(minutes=31))
        assert client.get(HOME)["Location"].startswith(LOGIN)


def test_it_ends_a_busy_session_twelve_hours_after_login(officer_a):
    with time_machine.travel("2026-11-23 08:00 +0700", tick=False) as traveller:
        client = _logged_in(officer_a)
        for _ in range(28):  # 11 h 40 min of steady work
            traveller.shift(timedelta(minutes=25))
            assert client.get(HOME).status_code == 200
        traveller.shift(timedelta(minutes=25))
        response = client.get(HOME)
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)


def test_changing_the_password_logs_out_other_sessions(officer_a):
    here, elsewhere = _logged_in(officer_a), _logged_in(officer_a)
    new_password = "kata-sandi-baru-yang-panjang-2026"
    response = here.post(
        reverse("accounts:password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    assert here.get(HOME).status_code == 200
    assert elsewhere.get(HOME)["Location"].startswith(LOGIN)


@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_the_session_cookie_is_secure_http_only_and_same_site(officer_a):
    client = _logged_in(officer_a)
    cookie = client.cookies["sessionid"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
