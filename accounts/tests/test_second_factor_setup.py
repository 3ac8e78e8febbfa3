"""Setting up the second factor: required for Bappeda admins, optional for others (SECURITY-CHECKLIST AUTH-01 (5))."""

import re
from base64 import b32decode

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import TEST_PASSWORD
from tests.otp import current_code, totp_code, totp_device

LOGIN = reverse("accounts:login")
SETUP = reverse("accounts:otp_setup")
VERIFY = reverse("accounts:otp_verify")
HOME = reverse("home")
SECRET = re.compile(r'data-testid="totp-secret">([A-Z2-7 ]+)<')


def _password_login(user) -> Client:
    client = Client()
    response = client.post(LOGIN, {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return client


def _secret(page) -> bytes:
    """The key the setup page shows, as an authenticator app reads it."""
    return b32decode(SECRET.search(page.text).group(1).replace(" ", ""))


def test_an_admin_without_a_device_is_sent_to_the_setup_after_the_password(admin_user):
    client = _password_login(admin_user)
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next=%2F"


def test_the_setup_page_shows_a_qr_code_drawn_here_and_the_same_secret_on_every_visit(admin_user):
    client = _password_login(admin_user)
    page = client.get(SETUP)
    assert re.search(r'<img src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+"', page.text)
    assert _secret(page) == _secret(client.get(SETUP))
    assert page.context["next"] == HOME


def test_a_code_from_the_app_turns_it_on_and_shows_ten_recovery_codes_once(admin_user):
    client = _password_login(admin_user)
    key = _secret(client.get(f"{SETUP}?next=/admin/"))
    response = client.post(SETUP, {"code": totp_code(key), "next": "/admin/"})
    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == len(set(codes)) == 10
    assert all(code in response.text for code in codes)
    assert 'href="/admin/"' in response.text
    assert set(StaticToken.objects.filter(device__user=admin_user).values_list("token", flat=True)) == set(codes)
    # The session passed: the portal and the Django admin open.
    assert client.get(HOME).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 200
    # The codes are never shown again.
    assert all(code not in client.get(reverse("accounts:security")).text for code in codes)


def test_a_wrong_code_turns_nothing_on(admin_user):
    client = _password_login(admin_user)
    client.get(SETUP)
    response = client.post(SETUP, {"code": "000000"})
    assert response.status_code == 200
    assert "Kode salah atau sudah dipakai." in response.text
    assert not TOTPDevice.objects.filter(user=admin_user, confirmed=True).exists()
    assert not StaticToken.objects.exists()
    assert client.get(HOME)["Location"].startswith(SETUP)


def test_someone_with_only_the_password_cannot_replace_an_admins_device(admin_user):
    device = totp_device(admin_user)
    client = _password_login(admin_user)
    response = client.get(SETUP)
    assert response["Location"] == VERIFY
    assert client.post(SETUP, {"code": current_code(device)})["Location"] == VERIFY
    assert list(TOTPDevice.objects.filter(user=admin_user)) == [device]


def test_other_roles_log_in_without_a_second_factor_until_they_turn_it_on(officer_a):
    client = _password_login(officer_a)
    assert client.get(HOME).status_code == 200
    security = client.get(reverse("accounts:security"))
    assert 'data-testid="second-factor-status">Belum aktif<' in security.text

    key = _secret(client.get(SETUP))
    assert client.post(SETUP, {"code": totp_code(key)}).status_code == 200
    assert 'data-testid="second-factor-status">Aktif<' in client.get(reverse("accounts:security")).text

    # From now on their login asks for it too.
    again = _password_login(officer_a)
    assert again.get(HOME)["Location"].startswith(VERIFY)


@pytest.mark.parametrize("page", ["accounts:security", "accounts:otp_setup"])
def test_the_pages_of_the_second_factor_need_a_login(client, page):
    assert client.get(reverse(page))["Location"].startswith(LOGIN)


def test_turning_it_on_ends_the_users_other_sessions(officer_a):
    """Someone who logged in with the password before does not go on without the code."""
    elsewhere = _password_login(officer_a)
    here = _password_login(officer_a)
    key = _secret(here.get(SETUP))
    assert here.post(SETUP, {"code": totp_code(key)}).status_code == 200
    assert here.get(HOME).status_code == 200
    assert elsewhere.get(HOME)["Location"].startswith(LOGIN)
