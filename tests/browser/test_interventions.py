"""An intervention's life in the browser: entered by agency staff through the village cascade, moved
along the workflow, verified by Bappeda."""

import re

import pytest
from playwright.sync_api import expect

from programs.models import Intervention
from tests.browser.conftest import login
from tests.factories import ProgramFactory, SubdistrictFactory, VillageFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def program(agency):
    return ProgramFactory(name="Bantuan Benih Jagung", lead_agency=agency, fiscal_year=2026)


def test_staff_enter_and_run_an_intervention_that_bappeda_verifies(
    page, live_server, agency_staff, admin_user, program, village_a, village_b
):
    VillageFactory(subdistrict=village_a.subdistrict, code="18.01.04.2010", name="Candimas")
    SubdistrictFactory(district=village_a.district, code="18.01.05", name="Jati Agung")
    login(page, live_server, agency_staff.username)
    page.get_by_test_id("main-nav").get_by_role("link", name="Intervensi").click()
    page.get_by_role("link", name="Tambah intervensi").click()

    page.locator("#id_program").select_option(label=str(program))
    page.locator("#id_district").select_option(label="Kabupaten Lampung Selatan")
    expect(page.locator("#id_subdistrict option", has_text="Natar")).to_have_count(1)
    page.locator("#id_subdistrict").select_option(label="Natar")
    expect(page.locator("#id_village option", has_text="Hajimena")).to_have_count(1)
    page.locator("#id_village").select_option(label="Hajimena")
    page.locator("#id_description").fill("Benih jagung hibrida untuk 20 keluarga desil 1")
    page.locator("#id_quantity").fill("100")
    page.locator("#id_unit").fill("kg")
    page.locator("#id_planned_budget").fill("1250000")
    page.locator("#id_planned_date").fill("2026-04-01")
    page.locator("#id_actual_date").fill("2026-04-10")
    page.get_by_role("button", name="Simpan").click()

    expect(page.get_by_role("alert")).to_contain_text("disimpan")
    expect(page.get_by_test_id("planned-budget")).to_have_text("Rp 1.250.000")
    intervention = Intervention.objects.get()
    assert (intervention.agency, intervention.village, intervention.created_by) == (
        agency_staff.agency,
        village_a,
        agency_staff,
    )

    page.goto(f"{live_server.url}/program/intervensi/?tahun=2026")
    row = page.locator("#intervention-table tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Hajimena")
    expect(row).to_contain_text("1 April 2026")
    row.get_by_role("link", name="Bantuan Benih Jagung").click()

    page.get_by_role("button", name="Jadikan Sedang berjalan").click()
    expect(page.get_by_test_id("status")).to_have_text("Sedang berjalan")
    page.get_by_role("button", name="Jadikan Selesai").click()
    expect(page.get_by_test_id("status")).to_have_text("Selesai")
    expect(page.get_by_role("button", name=re.compile("Terverifikasi"))).to_have_count(0)

    page.context.clear_cookies()
    login(page, live_server, admin_user.username)
    page.goto(f"{live_server.url}{intervention.get_absolute_url()}")
    page.get_by_role("button", name="Jadikan Terverifikasi Bappeda").click()
    expect(page.get_by_test_id("status")).to_have_text("Terverifikasi Bappeda")
    expect(page.locator("#status-history tbody tr")).to_have_count(3)
    intervention.refresh_from_db()
    assert intervention.status == "verified"
