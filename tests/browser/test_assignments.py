"""Bappeda assigns a program to three locus villages; the agency accepts one and creates its intervention."""

import re

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from playwright.sync_api import expect

from programs.models import Assignment, AssignmentStatus, Intervention
from tests.browser.conftest import login
from tests.factories import ProgramFactory, VillageFactory, VillageYearFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def locus_villages(village_a):
    year = timezone.localdate().year
    villages = [village_a, *VillageFactory.create_batch(3, subdistrict=village_a.subdistrict)]
    for village in villages[:3]:
        VillageYearFactory(village=village, year=year, is_locus=True)
    return villages[:3]


def test_admin_assigns_locus_villages_and_the_agency_works_one(
    page, live_server, admin_user, agency_staff, agency, locus_villages
):
    year = timezone.localdate().year
    program = ProgramFactory(lead_agency=agency, fiscal_year=year, name="Bantuan Benih Jagung")
    login(page, live_server, admin_user.username)
    page.get_by_test_id("main-nav").get_by_role("link", name="Penugasan").click()
    page.get_by_role("link", name="Penugasan baru").click()

    page.get_by_label("Program").select_option(str(program.pk))
    page.get_by_label("Perangkat daerah").select_option(str(agency.pk))
    page.get_by_label("Semester tenggat").select_option("2")
    page.get_by_label("Uraian penugasan").fill("Benih jagung untuk 20 keluarga per desa")
    page.get_by_label("Kabupaten/Kota").select_option(label="Kabupaten Lampung Selatan")
    page.get_by_role("button", name=f"Pilih semua desa lokus {year} di Kabupaten Lampung Selatan").click()
    expect(page.get_by_test_id("selected-count")).to_have_text("3 desa dipilih")
    page.get_by_role("button", name="Tugaskan").click()

    expect(page.get_by_role("alert").first).to_contain_text("3 penugasan dibuat.")
    assert Assignment.objects.filter(program=program, agency=agency, due_semester=2).count() == 3

    page.wait_for_load_state("load")  # let the favicon finish before the next navigation
    page.context.clear_cookies()
    login(page, live_server, agency_staff.username)
    page.get_by_test_id("main-nav").get_by_role("link", name="Penugasan").click()
    rows = page.locator("#assignment-table tbody tr")
    expect(rows).to_have_count(3)
    first = Assignment.objects.get(village=locus_villages[0])
    row = page.get_by_test_id(f"assignment-{first.pk}")
    row.get_by_role("button", name="Terima").click()
    expect(page.get_by_role("alert").first).to_contain_text("Penugasan diterima")
    page.get_by_test_id(f"assignment-{first.pk}").get_by_role("button", name="Buat intervensi").click()

    expect(page.get_by_role("alert").first).to_contain_text("Intervensi dibuat dari penugasan")
    page.wait_for_load_state("load")
    intervention = Intervention.objects.get()
    expect(page).to_have_url(re.compile(re.escape(_intervention_page_or_queue(intervention)) + "$"))
    first.refresh_from_db()
    assert first.status == AssignmentStatus.IN_PROGRESS and first.intervention == intervention
    assert intervention.village == locus_villages[0] and intervention.agency == agency


def _intervention_page_or_queue(intervention) -> str:
    try:
        return reverse("programs:intervention_detail", kwargs={"pk": intervention.pk})
    except NoReverseMatch:
        return reverse("programs:assignment_list")
