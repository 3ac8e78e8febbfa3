"""A deactivated user's sessions end for good, also once they are reactivated (SECURITY-CHECKLIST AC-05, AUTH-03)."""

from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.factories import TEST_PASSWORD

HOME = reverse("home")
LOGIN = reverse("accounts:login")


def _logged_in(user) -> Client:
    client = Client()
    assert client.post(LOGIN, {"username": user.username, "password": TEST_PASSWORD}).status_code == 302
    return client


def _replay(cookie: str):
    replay = Client()
    replay.cookies["sessionid"] = cookie
    return replay.get(HOME)


def _set_active(user, active: bool):
    user.is_active = active
    user.save()


def test_an_old_session_does_not_work_again_after_reactivation(officer_a):
    """Issue 12 item 7: log in, deactivate, reactivate, replay the old session cookie → login page."""
    cookie = _logged_in(officer_a).cookies["sessionid"].value
    _set_active(officer_a, False)
    _set_active(officer_a, True)
    assert _replay(cookie)["Location"].startswith(LOGIN)


def test_deactivating_through_the_admin_ends_the_sessions_for_good(admin_user, officer_a):
    cookie = _logged_in(officer_a).cookies["sessionid"].value
    admin = Client()
    admin.force_login(admin_user)
    change = reverse("admin:accounts_user_change", args=[officer_a.pk])
    form = {
        "username": officer_a.username, "first_name": "", "last_name": "", "email": "",
        "role": officer_a.role, "district": officer_a.district_id, "agency": "",
    }  # fmt: skip
    assert admin.post(change, form).status_code == 302  # is_active unticked
    assert not User.objects.get(pk=officer_a.pk).is_active
    assert admin.post(change, {**form, "is_active": "on"}).status_code == 302
    assert _replay(cookie)["Location"].startswith(LOGIN)


def test_the_user_can_log_in_again_after_reactivation(officer_a):
    _set_active(officer_a, False)
    _set_active(officer_a, True)
    assert _logged_in(officer_a).get(HOME).status_code == 200


def test_saving_an_active_user_keeps_their_sessions(officer_a):
    client = _logged_in(officer_a)
    officer_a.first_name = "Budi"
    officer_a.save()
    officer_a.save(update_fields=["first_name"])
    assert client.get(HOME).status_code == 200


def test_deactivating_with_update_fields_ends_the_sessions_too(officer_a):
    cookie = _logged_in(officer_a).cookies["sessionid"].value
    officer_a.is_active = False
    officer_a.save(update_fields=["is_active"])
    _set_active(officer_a, True)
    assert _replay(cookie)["Location"].startswith(LOGIN)
