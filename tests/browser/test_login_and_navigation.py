"""Logging in and out through the forms, and the navigation each role gets."""

import re

import pytest
from playwright.sync_api import expect

from desakumaju.lib.navigation import items_for
from tests.browser.conftest import login
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("role", "sees_admin", "scope"),
    [
        ("admin_user", True, "Seluruh Provinsi Lampung"),
        ("officer_a", False, "Kabupaten Lampung Selatan"),
        ("agency_staff", False, "Dinas Tanaman Pangan dan Hortikultura Uji"),
        ("viewer", False, "Seluruh Provinsi Lampung"),
    ],
)
def test_it_shows_each_role_its_own_navigation_and_scope(request, page, live_server, role, sees_admin, scope):
    user = request.getfixturevalue(role)

    login(page, live_server, user.username)

    # The navigation grows with the portal: the page shows exactly the items of the user's role...
    nav_links = page.get_by_test_id("main-nav").get_by_role("link")
    expect(nav_links).to_have_text([item["label"] for item in items_for(user)])
    # ...which always include these three, and "Administrasi" only for the Bappeda admin.
    labels = [label.strip() for label in nav_links.all_inner_texts()]
    assert labels[:3] == ["Beranda", "Dasbor", "Desa/Kelurahan"]
    assert ("Administrasi" in labels) is sees_admin
    expect(page.get_by_test_id("home-scope")).to_have_text(scope)
    scope_label = page.get_by_test_id("scope-label")
    expect(scope_label).to_be_hidden()
    page.get_by_test_id("user-menu").click()
    expect(scope_label).to_be_visible()
    expect(scope_label).to_have_text(scope)


def test_it_refuses_a_wrong_password_and_stays_on_the_login_page(page, live_server, officer_a):
    page.goto("/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(officer_a.username)
    page.get_by_label("Kata sandi").fill(TEST_PASSWORD + "-salah")
    page.get_by_role("button", name="Masuk").click()

    expect(page.get_by_role("alert")).to_have_text("Nama pengguna atau kata sandi salah.")
    expect(page).to_have_url(f"{live_server.url}/akun/masuk/")
    expect(page.get_by_label("Nama pengguna")).to_have_value(officer_a.username)
    expect(page.get_by_label("Kata sandi")).to_have_value("")
    expect(page.get_by_test_id("main-nav")).to_have_count(0)


def test_it_logs_out_through_the_user_menu(page, live_server, officer_a):
    login(page, live_server, officer_a.username)

    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Keluar").click()

    expect(page).to_have_url(f"{live_server.url}/akun/masuk/")
    expect(page.get_by_role("heading", name="Masuk ke Portal Desaku Maju")).to_be_visible()
    expect(page.get_by_test_id("user-menu")).to_have_count(0)

    page.goto("/")
    expect(page).to_have_url(re.compile(re.escape(f"{live_server.url}/akun/masuk/") + r"\?next=/$"))
    expect(page.get_by_role("heading", name="Masuk ke Portal Desaku Maju")).to_be_visible()
