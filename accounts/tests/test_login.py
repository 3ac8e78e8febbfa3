"""Login, lockout and the one message for every failure (SECURITY-CHECKLIST AUTH-01)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory

LOGIN = reverse("accounts:login")


def _login(client, username, password, ip="10.0.0.1", **headers):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip, **headers)


@pytest.fixture
def officer(officer_a):
    return officer_a


def test_it_logs_in_and_lands_on_the_home_page(officer):
    response = _login(Client(), officer.username, TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_it_gives_the_same_answer_for_unknown_and_known_usernames(officer):
    known = _login(Client(), officer.username, "salah-kata-sandi-123")
    unknown = _login(Client(), "tidak-ada-orangnya", "salah-kata-sandi-123")
    assert known.status_code == unknown.status_code == 200
    assert "Nama pengguna atau kata sandi salah." in known.text
    assert _without_tokens(known.text, officer.username) == _without_tokens(unknown.text, "tidak-ada-orangnya")


def _without_tokens(html: str, username: str) -> str:
    return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', "", html.replace(username, ""))


def test_it_locks_a_username_from_one_address_after_five_failures(officer):
    for _ in range(5):
        _login(Client(), officer.username, "salah-kata-sandi-123")
    locked = _login(Client(), officer.username, TEST_PASSWORD)
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk" in locked.text


def test_the_lockout_does_not_block_colleagues_behind_the_same_address(officer, officer_b):
    for _ in range(5):
        _login(Client(), officer.username, "salah-kata-sandi-123")
    assert _login(Client(), officer_b.username, TEST_PASSWORD).status_code == 302


def test_the_lockout_ends_after_the_cool_off(officer):
    with time_machine.travel("2026-11-23 08:00 +0700", tick=False) as traveller:
        for _ in range(5):
            _login(Client(), officer.username, "salah-kata-sandi-123")
        assert _login(Client(), officer.username, TEST_PASSWORD).status_code == 429
        traveller.shift(timedelta(minutes=31))
        assert _login(Client(), officer.username, TEST_PASSWORD).status_code == 302


def test_a_spoofed_forwarded_for_header_does_not_escape_the_lockout(officer):
    for n in range(5):
        _login(Client(), officer.username, "salah-kata-sandi-123", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert _login(Client(), officer.username, TEST_PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def test_an_inactive_user_cannot_log_in(officer):
    officer.is_active = False
    officer.save()
    response = _login(Client(), officer.username, TEST_PASSWORD)
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah." in response.text


def test_a_deactivated_user_is_logged_out_at_the_next_request(officer):
    client = Client()
    client.force_login(officer)
    officer.is_active = False
    officer.save()
    assert client.get(reverse("home"))["Location"].startswith(LOGIN)


def test_logout_needs_a_post_and_ends_the_session(officer):
    client = Client()
    client.force_login(officer)
    old_cookie = client.cookies["sessionid"].value
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    replay = Client()
    replay.cookies["sessionid"] = old_cookie
    assert replay.get(reverse("home"))["Location"].startswith(LOGIN)


def test_login_rotates_the_session_key(officer):
    client = Client()
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key
    _login(client, officer.username, TEST_PASSWORD)
    assert client.session.session_key != before


def test_login_post_without_csrf_token_is_refused(officer):
    client = Client(enforce_csrf_checks=True)
    assert _login(client, officer.username, TEST_PASSWORD).status_code == 403


def test_only_a_safe_next_url_is_followed(officer):
    response = Client().post(
        f"{LOGIN}?next=https://evil.example/", {"username": officer.username, "password": TEST_PASSWORD}
    )
    assert response["Location"] == reverse("home")


def test_a_logged_in_user_is_sent_home_from_the_login_page(db):
    client = Client()
    client.force_login(UserFactory())
    assert client.get(LOGIN)["Location"] == reverse("home")
