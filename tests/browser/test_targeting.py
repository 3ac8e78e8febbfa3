"""Sasaran: an admin finds a locus village below the floor of 20 and opens its priority list."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import HouseholdFactory, PersonFactory, VillageYearFactory

pytestmark = pytest.mark.browser


def test_an_admin_opens_the_priority_list_of_a_locus_village_below_the_floor(page, live_server, admin_user, village_a):
    VillageYearFactory(village=village_a, year=timezone.localdate().year, is_locus=True)
    waiting = PersonFactory(household=HouseholdFactory(village=village_a, desil=1), name="Sumirah Pranajaya")
    login(page, live_server, "admin")
    page.get_by_role("link", name="Sasaran").click()
    expect(page.get_by_role("heading", name=re.compile(r"Desa lokus"))).to_be_visible()
    page.get_by_label("Hanya yang di bawah batas").check()
    page.get_by_role("button", name="Saring").click()
    row = page.locator("#locus-table tbody tr", has_text="Hajimena")
    expect(row).to_contain_text("Kurang 20 dari 20")
    row.get_by_role("link", name="Daftar prioritas").click()
    expect(page.get_by_role("heading", name=re.compile(r"Daftar prioritas"))).to_be_visible()
    table = page.locator("#priority-table")
    expect(table).to_contain_text("Sumirah Pranajaya")
    expect(table).to_contain_text(waiting.masked_nik)
    expect(table).not_to_contain_text(waiting.nik)
