"""LP2KD reports in the browser: a Bappeda admin requests a semester report, watches it build and
downloads the xlsx and PDF (their numbers checked against the database); a district officer sees
only their district's reports.

With no broker, Celery builds the report inside the request, so the page usually shows it ready
right after the redirect; the progress bar is exercised on a report held "building" in the database.
"""

import io

import pytest
from django.db.models import Sum
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from beneficiaries.models import Household, HouseholdStatus
from desakumaju.lib.locks import job_lock
from programs.models import Intervention, InterventionStatus, Recipient
from reporting.reports_models import Report, ReportKind, ReportStatus
from reporting.reports_services import BUILD
from reporting.tests.report_world import YEAR, make_world
from tests.browser.conftest import login

pytestmark = pytest.mark.browser


@pytest.fixture
def world(village_a, village_b, agency, admin_user):
    return make_world(village_a=village_a, village_b=village_b, agency=agency, admin_user=admin_user)


def _download(page, testid: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_test_id(testid).click()
    with open(info.value.path(), "rb") as downloaded:
        return downloaded.read()


def test_an_admin_requests_a_semester_report_and_downloads_both_files(page, live_server, world, admin_user):
    login(page, live_server, admin_user.username)
    page.get_by_test_id("main-nav").get_by_role("link", name="Laporan").click()
    page.get_by_label("Jenis laporan").select_option(ReportKind.SEMESTER_1)
    page.get_by_label("Tahun anggaran").select_option(str(YEAR))
    page.get_by_role("button", name="Susun laporan").click()
    expect(page.get_by_test_id("report-status")).to_have_text("Siap diunduh")

    book = load_workbook(io.BytesIO(_download(page, "download-xlsx")), read_only=True)
    first_half = Intervention.objects.exclude(status=InterventionStatus.CANCELLED).filter(planned_date__month__lte=6)
    clusters = {row[0]: row for row in book["Rekap Klaster"].iter_rows(min_row=4, values_only=True) if row[0]}
    assert clusters["Jumlah"][1] == first_half.count()
    assert clusters["Jumlah"][2] == Recipient.objects.filter(intervention__in=first_half).count()
    assert clusters["Jumlah"][3] == first_half.aggregate(s=Sum("planned_budget"))["s"]
    desil = {row[0]: row for row in book["Registri per Desil"].iter_rows(min_row=4, values_only=True) if row[0]}
    assert desil["Jumlah"][2] == Household.objects.filter(status=HouseholdStatus.ACTIVE, desil=1).count()

    pdf = PdfReader(io.BytesIO(_download(page, "download-pdf")))
    text = "\n".join(p.extract_text() for p in pdf.pages)
    planned = first_half.aggregate(s=Sum("planned_budget"))["s"]
    assert f"Rp {planned:,}".replace(",", ".") in text
    assert "Semester I (Januari–Juni) Tahun Anggaran 2026" in text


def test_the_page_shows_progress_while_building(page, live_server, admin_user):
    report = Report.objects.create(
        kind=ReportKind.ANNUAL, year=YEAR, scope_code="18", requested_by=admin_user, status=ReportStatus.BUILDING,
        started_at=timezone.now(), progress=45, step="Desa lokus",
    )  # fmt: skip
    login(page, live_server, admin_user.username)
    with job_lock(BUILD, report.pk) as held:  # a live worker holds the build lock (PostgreSQL checks it)
        assert held
        page.goto(f"{live_server.url}{report.get_absolute_url()}")
        expect(page.get_by_role("progressbar")).to_contain_text("45%")
        expect(page.get_by_text("Desa lokus")).to_be_visible()
        Report.objects.filter(pk=report.pk).update(status=ReportStatus.FAILED, message="Penyusunan terhenti.")
    expect(page.get_by_test_id("report-status")).to_have_text("Gagal")  # the poll reloads the page
    expect(page.get_by_role("button", name="Susun ulang")).to_be_visible()


def test_a_district_officer_sees_only_their_districts_reports(page, live_server, admin_user, officer_a, district_b):
    mine = Report.objects.create(kind=ReportKind.ANNUAL, year=YEAR, district=officer_a.district,
                                 scope_code=officer_a.district.code, requested_by=admin_user)  # fmt: skip
    Report.objects.create(kind=ReportKind.ANNUAL, year=YEAR, district=district_b, scope_code=district_b.code,
                          requested_by=admin_user)  # fmt: skip
    Report.objects.create(kind=ReportKind.ANNUAL, year=YEAR, scope_code="18", requested_by=admin_user)
    login(page, live_server, officer_a.username)
    page.goto(f"{live_server.url}/laporan/")
    rows = page.get_by_test_id("report-list").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(mine.scope_name)
    expect(page.get_by_label("Wilayah")).to_have_count(0)  # their district only: no choice offered
