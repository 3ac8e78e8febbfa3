"""The login lockout behind the documented reverse proxy (SECURITY-CHECKLIST AUTH-01, AUTH-05).

Before the client address came from the trusted proxy chain, every request behind the proxy had the
proxy's address: five wrong passwords from anywhere locked the real owner out.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import TEST_PASSWORD

LOGIN = reverse("accounts:login")
PROXY = "172.18.0.1"


@pytest.fixture(autouse=True)
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def _login_through_proxy(client, username, password, forwarded_for):
    data = {"username": username, "password": password}
    return client.post(LOGIN, data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def _logged_in_as(client, user) -> bool:
    return client.session.get("_auth_user_id") == str(user.pk)


def test_failures_from_five_clients_do_not_lock_the_owner_out(admin_user):
    """AUTH-05: five failures for a Bappeda admin from five forwarded clients; the owner logs in from a sixth."""
    for n in range(1, 6):
        wrong = _login_through_proxy(Client(), admin_user.username, "salah-kata-sandi-123", f"198.51.100.{n}")
        assert wrong.status_code == 200
    owner = Client()
    response = _login_through_proxy(owner, admin_user.username, TEST_PASSWORD, "203.0.113.80")
    assert response.status_code == 302
    assert _logged_in_as(owner, admin_user)


def test_a_client_writing_its_own_forwarded_entries_is_counted_by_the_address_the_proxy_saw(admin_user):
    """AUTH-05: extra X-Forwarded-For entries sent by the client (left of the proxy's) change nothing."""
    attacker = "198.51.100.66"
    for n in range(5):
        _login_through_proxy(Client(), admin_user.username, "salah-kata-sandi-123", f"10.9.9.{n}, {attacker}")
    locked = _login_through_proxy(Client(), admin_user.username, TEST_PASSWORD, f"192.0.2.77, {attacker}")
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk" in locked.text
    # The owner, elsewhere, is not held back.
    assert _login_through_proxy(Client(), admin_user.username, TEST_PASSWORD, "203.0.113.80").status_code == 302


def test_without_a_trusted_proxy_the_forwarded_header_is_not_read(settings, officer_a):
    """AUTH-01 (3): with no proxy configured a client-sent X-Forwarded-For is ignored."""
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(5):
        _login_through_proxy(Client(), officer_a.username, "salah-kata-sandi-123", f"192.0.2.{n}")
    assert _login_through_proxy(Client(), officer_a.username, TEST_PASSWORD, "192.0.2.99").status_code == 429
