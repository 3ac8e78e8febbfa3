"""A Bappeda admin resets another user's second factor (lost phone), recorded without secrets (AUTH-01 (5))."""

from base64 import b32encode

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from tests.factories import UserFactory
from tests.otp import totp_device

CHANGELIST = reverse("admin:accounts_user_changelist")


@pytest.fixture
def other_admin(db):
    return UserFactory(username="admin2", role="bappeda_admin")


def _reset(client, *users):
    data = {"action": "reset_second_factor", "_selected_action": [user.pk for user in users]}
    return client.post(CHANGELIST, data, follow=True)


def test_an_admin_resets_another_admins_second_factor_and_it_is_recorded(admin_user, other_admin, caplog):
    device = totp_device(other_admin)
    recovery_codes = services.issue_recovery_codes(user=other_admin)
    their_session = Client()
    their_session.force_login(other_admin)
    admin = Client()
    admin.force_login(admin_user)

    response = _reset(admin, other_admin)

    assert "Verifikasi dua langkah 1 pengguna diatur ulang." in response.text
    assert not TOTPDevice.objects.filter(user=other_admin).exists()
    assert not StaticDevice.objects.filter(user=other_admin).exists()
    entry = LogEntry.objects.get(object_id=str(other_admin.pk))
    assert entry.user == admin_user
    assert entry.get_change_message() == "Verifikasi dua langkah diatur ulang."
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "Verifikasi dua langkah admin2 diatur ulang oleh admin" in logged
    for secret in (device.key, b32encode(device.bin_key).decode(), *recovery_codes):
        assert secret not in logged
    # Their session no longer counts as verified: they set it up again.
    assert their_session.get(reverse("home"))["Location"].startswith(reverse("accounts:otp_setup"))


def test_an_admin_cannot_reset_their_own(admin_user):
    totp_device(admin_user)
    admin = Client()
    admin.force_login(admin_user)
    response = _reset(admin, admin_user)
    assert "hanya dapat diatur ulang oleh admin lain" in response.text
    assert TOTPDevice.objects.filter(user=admin_user).exists()


def test_a_reset_officer_logs_in_with_the_password_alone_until_they_turn_it_on_again(admin_user, officer_a):
    totp_device(officer_a)
    admin = Client()
    admin.force_login(admin_user)
    _reset(admin, officer_a)
    officer = Client()
    officer.force_login(officer_a)
    assert officer.get(reverse("home")).status_code == 200


def test_the_user_list_shows_who_has_a_second_factor(admin_user, officer_a):
    admin = Client()
    admin.force_login(admin_user)
    rows = admin.get(CHANGELIST).context["cl"].result_list
    assert {user.username: user.second_factor for user in rows} == {"admin": True, "petugas_a": False}


def test_no_admin_page_shows_a_device_or_its_secret(admin_user):
    admin = Client()
    admin.force_login(admin_user)
    index = admin.get(reverse("admin:index")).text
    assert "otp_totp" not in index and "otp_static" not in index
    assert admin.get("/admin/otp_totp/totpdevice/").status_code == 404
