"""Dasbor: a Bappeda admin reads the province, switches the map's indicator and drills down to a
village; a district officer sees their district only."""

import re
from datetime import date

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import HouseholdFactory, InterventionFactory, PersonFactory, RecipientFactory

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def registry(village_a, village_b, agency):
    year = timezone.localdate().year
    poor = HouseholdFactory(village=village_a, desil=1)
    for relationship in ("kepala", "anak", "anak"):
        PersonFactory(household=poor, relationship=relationship)
    PersonFactory(household=HouseholdFactory(village=village_b, desil=2), relationship="kepala")
    intervention = InterventionFactory(
        village=village_a, program__lead_agency=agency, program__fiscal_year=year, planned_date=date(year, 2, 1),
        planned_budget=12_500_000, realised_spending=2_500_000,
    )  # fmt: skip
    RecipientFactory(intervention=intervention, household=poor)


def test_an_admin_switches_the_map_and_drills_down_to_a_village(page, live_server, admin_user, registry):
    login(page, live_server, "admin")
    page.get_by_test_id("main-nav").get_by_role("link", name="Dasbor").click()
    expect(page.get_by_test_id("dashboard-title")).to_have_text("Dasbor Provinsi Lampung")
    expect(page.get_by_test_id("stat-reached")).to_have_text("3")
    expect(page.get_by_test_id("stat-households")).to_have_text("2")
    map_box = page.get_by_test_id("dashboard-map")
    expect(map_box).to_have_attribute("data-ready", "true")
    expect(map_box.locator("canvas")).to_have_count(1)
    page.get_by_test_id("map-indicators").get_by_text("Warga terjangkau").click()
    expect(map_box).to_have_attribute("data-indicator", "reached")
    page.get_by_test_id("map-indicators").get_by_text("Realisasi anggaran (Rp)").click()
    expect(map_box).to_have_attribute("data-indicator", "realised")
    expect(page.locator("#agency-table")).to_contain_text("Rp 12.500.000")

    page.locator("#drill-table").get_by_role("link", name="Kabupaten Lampung Selatan").click()
    expect(page.get_by_test_id("dashboard-title")).to_have_text("Dasbor Kabupaten Lampung Selatan")
    page.locator("#drill-table").get_by_role("link", name="Natar").click()
    expect(page.get_by_test_id("dashboard-title")).to_have_text("Dasbor Natar")
    page.locator("#drill-table").get_by_role("link", name="Hajimena").click()
    expect(page.get_by_test_id("dashboard-title")).to_have_text("Dasbor Desa Hajimena")
    expect(page.get_by_test_id("stat-reached")).to_have_text("3")
    expect(page.get_by_test_id("dashboard-breadcrumb")).to_contain_text("Kabupaten Lampung Selatan")
    expect(page.locator("#desil-chart canvas")).to_have_count(1)

    page.locator("#desil-table").get_by_role("link", name="1", exact=True).click()
    expect(page).to_have_url(re.compile(r"/bnba/keluarga/\?.*desil=1"))


def test_a_district_officer_sees_only_their_district(page, live_server, officer_a, registry):
    login(page, live_server, "petugas_a")
    page.get_by_test_id("main-nav").get_by_role("link", name="Dasbor").click()
    expect(page.get_by_test_id("dashboard-title")).to_have_text("Dasbor Kabupaten Lampung Selatan")
    expect(page.get_by_test_id("stat-households")).to_have_text("1")
    expect(page.get_by_test_id("dashboard-map")).to_have_count(0)
    expect(page.locator("#drill-table tbody tr")).to_have_count(1)
    expect(page.locator("body")).not_to_contain_text("Kota Metro")
