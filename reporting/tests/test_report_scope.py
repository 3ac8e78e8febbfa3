"""Reports are scoped: a district officer requests, sees and downloads only their district's (404 otherwise)."""

import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from reporting import reports_services
from reporting.reports_models import Report, ReportKind
from reporting.tests.report_world import YEAR, build, make_world


@pytest.fixture
def world(village_a, village_b, agency, admin_user):
    return make_world(village_a=village_a, village_b=village_b, agency=agency, admin_user=admin_user)


@pytest.fixture
def report_a(world, officer_a, django_capture_on_commit_callbacks):
    return build(django_capture_on_commit_callbacks, user=officer_a, kind=ReportKind.SEMESTER_1, year=YEAR,
                 district=officer_a.district)  # fmt: skip


def test_it_holds_only_the_officers_district(report_a, district_a):
    with report_a.xlsx_file.open("rb") as stored:
        book = openpyxl.load_workbook(io.BytesIO(stored.read()), read_only=True)
    locus = [row for row in book["Desa Lokus"].iter_rows(min_row=4, values_only=True) if row[2]]
    assert {row[0] for row in locus} == {district_a.name}
    regions = [row[0] for row in book["Registri per Desil"].iter_rows(min_row=4, values_only=True) if row[0]]
    assert regions[:3] == ["18.01.04", "18.01.05", "Jumlah"]  # its kecamatan, nothing of Kota Metro
    approvals = [row[0] for row in book["Persetujuan Periode"].iter_rows(min_row=4, values_only=True) if row[0]]
    assert approvals == [district_a.name, approvals[-1]] and approvals[-1].startswith("Data intervensi")


def test_another_districts_officer_gets_404_everywhere(client, report_a, officer_b):
    client.force_login(officer_b)
    for name, kwargs in [
        ("reports:report_detail", {"pk": report_a.pk}),
        ("reports:report_progress", {"pk": report_a.pk}),
        ("reports:report_download", {"pk": report_a.pk, "fmt": "xlsx"}),
        ("reports:report_download", {"pk": report_a.pk, "fmt": "pdf"}),
    ]:
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 404, name
    assert client.post(reverse("reports:report_retry", kwargs={"pk": report_a.pk})).status_code == 404
    assert report_a.get_absolute_url() not in client.get(reverse("reports:report_list")).content.decode()


def test_the_officer_downloads_their_own_report(client, report_a, officer_a):
    client.force_login(officer_a)
    response = client.get(reverse("reports:report_download", kwargs={"pk": report_a.pk, "fmt": "pdf"}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_an_officer_cannot_request_another_district(officer_a, district_b):
    with pytest.raises(PermissionDenied):
        reports_services.request_report(user=officer_a, kind=ReportKind.ANNUAL, year=YEAR, district=district_b)
    with pytest.raises(PermissionDenied):
        reports_services.request_report(user=officer_a, kind=ReportKind.ANNUAL, year=YEAR, district=None)


def test_a_posted_district_is_ignored_for_officers(client, officer_a, district_b, django_capture_on_commit_callbacks):
    client.force_login(officer_a)
    data = {"kind": ReportKind.ANNUAL, "year": YEAR, "district": district_b.pk}
    client.post(reverse("reports:report_request"), data)
    assert list(Report.objects.values_list("district", flat=True)) == [officer_a.district_id]


def test_viewers_read_but_do_not_request(client, report_a, viewer_a):
    client.force_login(viewer_a)
    assert client.get(report_a.get_absolute_url()).status_code == 200
    response = client.post(reverse("reports:report_request"), {"kind": ReportKind.ANNUAL, "year": YEAR})
    assert response.status_code == 403
