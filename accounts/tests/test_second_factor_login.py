"""Logging in with the second factor: a code from the app or a recovery code; wrong codes throttled
(SECURITY-CHECKLIST AUTH-01 (5), AUTH-03)."""

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from tests.factories import TEST_PASSWORD
from tests.otp import current_code, totp_device

LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:otp_verify")
HOME = reverse("home")


@pytest.fixture
def device(admin_user):
    return totp_device(admin_user)


@pytest.fixture
def recovery_codes(admin_user, device):
    return services.issue_recovery_codes(user=admin_user)


def _password_login(user, next_url="") -> Client:
    client = Client()
    url = f"{LOGIN}?next={next_url}" if next_url else LOGIN
    assert client.post(url, {"username": user.username, "password": TEST_PASSWORD}).status_code == 302
    return client


def test_after_the_password_an_admin_is_asked_for_a_code(admin_user, device):
    client = _password_login(admin_user)
    response = client.get(HOME, follow=True)
    assert response.redirect_chain == [(f"{VERIFY}?next=%2F", 302)]
    assert "Verifikasi dua langkah" in response.text
    assert 'href="/dasbor/"' not in response.text  # no navigation until the code is given


def test_a_code_from_the_app_opens_the_portal_and_the_page_asked_for(admin_user, device):
    client = _password_login(admin_user, next_url="/admin/")
    key_before = client.session.session_key
    response = client.post(VERIFY, {"code": current_code(device), "next": "/admin/"})
    assert response["Location"] == "/admin/"
    assert client.session.session_key != key_before  # a new key once the second factor is passed
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(HOME).status_code == 200


def test_a_code_is_accepted_once(admin_user, device):
    code = current_code(device)
    assert _password_login(admin_user).post(VERIFY, {"code": code})["Location"] == HOME
    replay = _password_login(admin_user).post(VERIFY, {"code": code})
    assert replay.status_code == 200
    assert "Kode salah atau sudah dipakai." in replay.text


def test_a_recovery_code_works_once_however_it_is_typed(admin_user, recovery_codes, time_machine):
    time_machine.move_to("2026-11-23 08:00 +0700", tick=False)
    code = recovery_codes[0]
    typed = f" {code[:4].upper()}-{code[4:].upper()} "
    assert _password_login(admin_user).post(VERIFY, {"code": typed})["Location"] == HOME
    again = _password_login(admin_user).post(VERIFY, {"code": code})
    assert "Kode salah atau sudah dipakai." in again.text
    time_machine.shift(2)  # past the wait a wrong code costs
    assert _password_login(admin_user).post(VERIFY, {"code": recovery_codes[1]})["Location"] == HOME


def test_wrong_codes_are_throttled(admin_user, device):
    with time_machine.travel("2026-11-23 08:00 +0700", tick=False) as traveller:
        client = _password_login(admin_user)
        wrong = client.post(VERIFY, {"code": "000000"})
        assert "Kode salah atau sudah dipakai." in wrong.text
        # Right at once after a wrong one: refused without being checked.
        refused = client.post(VERIFY, {"code": current_code(device)})
        assert "Terlalu banyak kode yang salah. Coba lagi dalam 1 detik." in refused.text
        for _ in range(3):
            traveller.shift(60)
            client.post(VERIFY, {"code": "000000"})
        assert "Coba lagi dalam 8 detik." in client.post(VERIFY, {"code": current_code(device)}).text
        traveller.shift(9)
        assert client.post(VERIFY, {"code": current_code(device)})["Location"] == HOME


def test_a_wrong_recovery_code_slows_only_the_recovery_codes(admin_user, device, recovery_codes):
    with time_machine.travel("2026-11-23 08:00 +0700", tick=False):
        client = _password_login(admin_user)
        client.post(VERIFY, {"code": "abcdefgh"})
        assert client.post(VERIFY, {"code": current_code(device)})["Location"] == HOME


def test_the_code_page_sends_a_user_without_a_device_onwards(officer_a, admin_user):
    officer = Client()
    officer.force_login(officer_a)
    assert officer.get(VERIFY)["Location"] == reverse("accounts:security")
    admin = _password_login(admin_user)
    assert admin.get(VERIFY)["Location"] == reverse("accounts:otp_setup")


def test_an_unsafe_next_is_not_followed(admin_user, device):
    client = _password_login(admin_user)
    assert client.post(VERIFY, {"code": current_code(device), "next": "https://evil.example/"})["Location"] == HOME


def test_htmx_requests_are_sent_to_the_code_page_by_a_client_redirect(admin_user, device):
    client = _password_login(admin_user)
    response = client.get(reverse("dashboard:overview"), headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith(VERIFY)


def test_a_removed_device_no_longer_verifies_the_session(admin_user, device):
    client = Client()
    client.force_login(admin_user)
    assert client.get(HOME).status_code == 200
    TOTPDevice.objects.filter(user=admin_user).delete()
    assert client.get(HOME)["Location"].startswith(reverse("accounts:otp_setup"))
