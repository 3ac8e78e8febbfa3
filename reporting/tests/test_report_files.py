"""The generated xlsx and PDF hold the database's numbers (read back with openpyxl and pypdf)."""

import io

import openpyxl
import pytest
from django.db.models import Sum
from pypdf import PdfReader

from beneficiaries.models import Household, HouseholdStatus, Person
from programs.models import Intervention, InterventionStatus, Recipient
from programs.targeting import locus_village_status
from reporting.reports_models import ReportKind, ReportStatus
from reporting.tests.report_world import YEAR, build, make_world


@pytest.fixture
def world(village_a, village_b, agency, admin_user):
    return make_world(village_a=village_a, village_b=village_b, agency=agency, admin_user=admin_user)


def sheet_rows(report, sheet: str) -> dict:
    """``{first cell: [cells…]}`` of the sheet's data rows (row 4 on), the total row under "Jumlah"."""
    with report.xlsx_file.open("rb") as stored:
        book = openpyxl.load_workbook(io.BytesIO(stored.read()), read_only=True)
    return {row[0]: list(row) for row in book[sheet].iter_rows(min_row=4, values_only=True) if row[0]}


def pdf_text(report) -> str:
    with report.pdf_file.open("rb") as stored:
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(stored.read())).pages)


@pytest.fixture
def annual(world, admin_user, django_capture_on_commit_callbacks):
    return build(django_capture_on_commit_callbacks, user=admin_user, kind=ReportKind.ANNUAL, year=YEAR)


def test_it_builds_both_files(annual):
    assert annual.status == ReportStatus.READY and annual.progress == 100
    assert annual.xlsx_file.name.endswith(".xlsx") and annual.pdf_file.name.endswith(".pdf")


def test_it_counts_the_registry_by_desil_per_district(annual, district_a, district_b):
    rows = sheet_rows(annual, "Registri per Desil")
    for district in (district_a, district_b):
        active = Household.objects.filter(village__district=district, status=HouseholdStatus.ACTIVE)
        row = rows[district.code]
        assert row[2:12] == [active.filter(desil=d).count() for d in range(1, 11)]
        assert row[12] == active.filter(desil__isnull=True).count()
        assert row[13] == active.count()
        assert row[14] == Person.objects.filter(household__in=active).count()
    assert rows["Jumlah"][13] == Household.objects.filter(status=HouseholdStatus.ACTIVE).count()


def test_it_sums_budget_and_recipients_per_program_without_cancelled_work(annual, world):
    rows = sheet_rows(annual, "Program per OPD")
    counted = Intervention.objects.exclude(status=InterventionStatus.CANCELLED)
    for program in {i.program for i in world.interventions.values()}:
        row = next(r for r in rows.values() if r[2] == program.code)
        mine = counted.filter(program=program)
        assert row[7] == mine.count()
        assert row[9] == Recipient.objects.filter(intervention__in=mine).count()
        assert row[10] == mine.aggregate(s=Sum("planned_budget"))["s"]
        assert row[11] == mine.aggregate(s=Sum("realised_spending"))["s"]
    assert rows["Jumlah"][10] == 50_000_000  # 25 + 10 + 15 million; the cancelled 99 million left out


def test_it_reports_locus_villages_as_the_targeting_page_counts_them(annual, admin_user):
    rows = {row[2]: row for row in sheet_rows(annual, "Desa Lokus").values() if row[2]}
    expected = {v.code: v.reached for v in locus_village_status(user=admin_user, year=YEAR)}
    assert {code: row[5] for code, row in rows.items()} == expected
    assert all(row[6] == "Belum" for row in rows.values())  # nobody near the floor of 20


def test_it_counts_graduations_of_the_period(annual, district_a):
    row = sheet_rows(annual, "Graduasi")[district_a.code]
    graduated = Person.objects.filter(household__village__district=district_a, household__status="graduasi")
    assert row[2:5] == [1, graduated.count(), graduated.count()]


def test_a_semester_report_keeps_the_interventions_of_its_semester(
    world, admin_user, django_capture_on_commit_callbacks
):
    report = build(django_capture_on_commit_callbacks, user=admin_user, kind=ReportKind.SEMESTER_2, year=YEAR)
    rows = sheet_rows(report, "Rekap Klaster")
    assert rows["Jumlah"][1] == 1 and rows["Jumlah"][3] == 10_000_000  # only the August activity


def test_the_pdf_has_the_chapters_and_the_numbers_in_indonesian_format(annual):
    text = pdf_text(annual)
    for heading in ("BAB 2 Profil Kemiskinan Daerah", "BAB 3", "BAB 4 Kelembagaan (TKPK)"):
        assert heading in text
    assert "Rp 50.000.000" in text and "Rp 35.000.000" in text  # planned and realised in total
    assert "Kabupaten Lampung Selatan" in text and "Kota Metro" in text
