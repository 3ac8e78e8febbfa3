"""A Bappeda admin sets up the second factor and logs in with a code and with a recovery code (AUTH-01 (5))."""

import time
from base64 import b32decode

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import TEST_PASSWORD
from tests.otp import totp_code

pytestmark = pytest.mark.browser
STEP = 30


def _password(page, username):
    page.goto("/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def _code(page, code):
    page.get_by_label("Kode verifikasi").fill(code)
    page.get_by_role("button", name="Verifikasi", exact=True).click()


def _log_out(page, live_server):
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Keluar").click()
    expect(page).to_have_url(f"{live_server.url}/akun/masuk/")


def _wait_for_a_fresh_step():
    """Start the set-up early in a 30-second step, so that the app's code and the server's clock agree."""
    into_step = time.time() % STEP
    if into_step > STEP - 5:
        time.sleep(STEP - into_step + 0.5)


def test_an_admin_sets_up_the_second_factor_and_logs_in_with_a_code_and_with_a_recovery_code(
    page, live_server, admin_user
):
    _password(page, admin_user.username)
    expect(page.get_by_role("heading", name="Aktifkan verifikasi dua langkah")).to_be_visible()
    expect(page.get_by_test_id("main-nav").get_by_role("link")).to_have_count(0)
    expect(page.get_by_test_id("totp-qr")).to_be_visible()
    # What an authenticator app does with the key typed in: compute the code.
    key = b32decode(page.get_by_test_id("totp-secret").inner_text().replace(" ", ""))
    _wait_for_a_fresh_step()
    used_at = time.time()
    page.get_by_label("Kode verifikasi").fill(totp_code(key, at=used_at))
    page.get_by_role("button", name="Aktifkan").click()

    expect(page.get_by_role("heading", name="Verifikasi dua langkah aktif")).to_be_visible()
    recovery_codes = page.get_by_test_id("recovery-codes").get_by_role("listitem").all_inner_texts()
    assert len(recovery_codes) == 10
    page.get_by_role("link", name="Saya sudah menyimpannya, lanjutkan").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_test_id("main-nav").get_by_role("link", name="Administrasi")).to_be_visible()
    _log_out(page, live_server)

    # Again, with the app's next code (a code is accepted once).
    _password(page, admin_user.username)
    expect(page.get_by_role("heading", name="Verifikasi dua langkah", exact=True)).to_be_visible()
    page.goto("/admin/")
    expect(page).to_have_url(f"{live_server.url}/akun/dua-langkah/?next=%2Fadmin%2F")
    same_step = int(time.time()) // STEP == int(used_at) // STEP
    _code(page, totp_code(key, at=time.time() + STEP if same_step else None))
    expect(page).to_have_url(f"{live_server.url}/admin/")
    expect(page.get_by_role("heading", name="Pengguna dan data induk")).to_be_visible()
    page.goto("/")
    _log_out(page, live_server)

    # Without the phone: a recovery code, wrongly typed first.
    _password(page, admin_user.username)
    _code(page, "salahsal")
    expect(page.get_by_role("alert")).to_have_text("Kode salah atau sudah dipakai.")
    time.sleep(1.1)  # the wait a wrong code costs
    _code(page, recovery_codes[0])
    expect(page).to_have_url(f"{live_server.url}/")
    page.get_by_test_id("user-menu").click()
    page.get_by_role("link", name="Verifikasi dua langkah").click()
    expect(page.get_by_test_id("recovery-codes-left")).to_have_text("9")


def test_an_officer_turns_the_second_factor_on_from_the_account_page(page, live_server, officer_a):
    login(page, live_server, officer_a.username)  # the password alone, while it is off
    page.get_by_test_id("user-menu").click()
    page.get_by_role("link", name="Verifikasi dua langkah").click()
    expect(page.get_by_test_id("second-factor-status")).to_have_text("Belum aktif")
    page.get_by_role("link", name="Aktifkan verifikasi dua langkah").click()

    key = b32decode(page.get_by_test_id("totp-secret").inner_text().replace(" ", ""))
    _wait_for_a_fresh_step()
    page.get_by_label("Kode verifikasi").fill(totp_code(key))
    page.get_by_role("button", name="Aktifkan").click()
    expect(page.get_by_test_id("recovery-codes").get_by_role("listitem")).to_have_count(10)
    page.get_by_role("link", name="Saya sudah menyimpannya, lanjutkan").click()
    expect(page.get_by_test_id("second-factor-status")).to_have_text("Aktif")

    _log_out(page, live_server)
    _password(page, officer_a.username)
    expect(page.get_by_role("heading", name="Verifikasi dua langkah", exact=True)).to_be_visible()
