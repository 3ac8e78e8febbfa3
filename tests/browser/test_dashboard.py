"""Dasbor: a Bappeda admin reads the province, switches the map's indicator and drills down to a
village; a district officer sees their district only."""

import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from complaints.models import Ticket
from complaints.services import file_ticket
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


@pytest.fixture
def late_tickets(village_a, village_b):
    """District A: one ticket past its deadline, one in time; district B: one past its deadline."""

    def filed(village, due_in):
        ticket = file_ticket(category="not_received", village=village, description="Bantuan tidak sampai.")
        Ticket.objects.filter(pk=ticket.pk).update(due_at=timezone.now() + due_in)
        return ticket.code

    in_time = filed(village_a, timedelta(days=3))
    return {"a": filed(village_a, timedelta(hours=-1)), "a_in_time": in_time, "b": filed(village_b, timedelta(days=-2))}


def test_an_admin_follows_the_overdue_complaints_to_the_queue(page, live_server, admin_user, village_a, late_tickets):
    login(page, live_server, "admin")
    page.get_by_test_id("main-nav").get_by_role("link", name="Dasbor").click()
    expect(page.get_by_test_id("stat-complaints-open")).to_have_text("3")
    expect(page.get_by_test_id("stat-complaints-overdue")).to_have_text("2")
    expect(page.get_by_test_id("stat-complaints-overdue")).to_have_class(re.compile(r"\btext-danger\b"))

    page.locator("#drill-table").get_by_role("link", name="Kabupaten Lampung Selatan").click()
    expect(page.get_by_test_id("dashboard-title")).to_have_text("Dasbor Kabupaten Lampung Selatan")
    expect(page.get_by_test_id("stat-complaints-open")).to_have_text("2")
    expect(page.get_by_test_id("stat-complaints-overdue")).to_have_text("1")
    page.get_by_test_id("complaints-overdue-link").click()

    expect(page).to_have_url(re.compile(r"/pengaduan/kelola/\?.*overdue=true"))
    expect(page.get_by_role("heading", name="Pengaduan")).to_be_visible()
    expect(page.get_by_test_id("result-count")).to_have_text("1 pengaduan")
    rows = page.locator("#ticket-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_have_attribute("data-overdue", "1")
    expect(rows.first).to_contain_text(late_tickets["a"])
    expect(page.get_by_label("Kabupaten/Kota")).to_have_value(str(village_a.district_id))
