"""Semester close: an approved semester locks its interventions for everyone but Bappeda admins,
can be unlocked with a recorded reason, and the report states the approval."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from programs import services
from programs.locking import PeriodLocked, approve_period, unlock_period
from programs.models import Intervention, PeriodApproval
from reporting.reports_models import ReportKind
from reporting.tests.report_world import YEAR, build
from reporting.tests.test_report_files import pdf_text, sheet_rows
from tests.factories import HouseholdFactory, InterventionFactory


@pytest.fixture
def intervention(village_a, agency_staff):
    return InterventionFactory(village=village_a, program__lead_agency=agency_staff.agency,
                               planned_date=date(YEAR, 3, 1))  # fmt: skip


@pytest.fixture
def approval(intervention, admin_user, district_a):
    return approve_period(district=district_a, year=YEAR, semester=1, user=admin_user, note="Reviu selesai")[0]


def _edit_data(intervention, **changes):
    data = {
        "program": intervention.program_id, "district": intervention.village.district_id,
        "subdistrict": intervention.village.subdistrict_id, "village": intervention.village_id,
        "description": "Diubah", "quantity": 1, "unit": "paket", "planned_budget": 1, "realised_spending": 0,
        "planned_date": intervention.planned_date.isoformat(), "actual_date": "",
    }  # fmt: skip
    return {**data, **changes}


def test_agency_staff_can_no_longer_change_a_locked_intervention(client, approval, intervention, agency_staff):
    client.force_login(agency_staff)
    pk = {"pk": intervention.pk}
    assert client.get(reverse("programs:intervention_edit", kwargs=pk)).status_code == 403
    assert client.post(reverse("programs:intervention_edit", kwargs=pk), _edit_data(intervention)).status_code == 403
    assert client.post(reverse("programs:intervention_status", kwargs=pk), {"status": "in_progress"}).status_code == 403
    household = HouseholdFactory(village=intervention.village)
    response = client.post(reverse("programs:recipient_add", kwargs=pk), {"household": household.pk})
    assert response.status_code == 403
    intervention.refresh_from_db()
    unchanged = (intervention.description, intervention.status, intervention.recipients.count())
    assert unchanged == ("Bantuan uji", "planned", 0)


def test_the_detail_page_says_who_locked_the_period(client, approval, intervention, agency_staff):
    client.force_login(agency_staff)
    page = client.get(intervention.get_absolute_url()).content.decode()
    assert "Semester I 2026 Kabupaten Lampung Selatan telah disetujui dan dikunci oleh" in page
    assert reverse("programs:intervention_edit", kwargs={"pk": intervention.pk}) not in page


def test_the_services_refuse_too(approval, intervention, agency_staff):
    with pytest.raises(PeriodLocked):
        services.change_status(intervention=intervention, to_status="in_progress", user=agency_staff)
    with pytest.raises(PermissionDenied, match="hanya dapat diubah oleh admin Bappeda"):
        services.add_recipients(intervention=intervention, user=agency_staff, households=[])


def test_an_admin_still_edits_a_locked_intervention(client, approval, intervention, admin_user):
    client.force_login(admin_user)
    url = reverse("programs:intervention_edit", kwargs={"pk": intervention.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, _edit_data(intervention, agency=intervention.agency_id))
    assert response.status_code == 302
    services.change_status(intervention=intervention, to_status="in_progress", user=admin_user)
    intervention.refresh_from_db()
    assert (intervention.description, intervention.status) == ("Diubah", "in_progress")


def test_other_periods_and_districts_stay_open(approval, intervention, agency_staff, village_b):
    second_half = InterventionFactory(program=intervention.program, village=intervention.village,
                                      planned_date=date(YEAR, 9, 1))  # fmt: skip
    elsewhere = InterventionFactory(program=intervention.program, village=village_b, planned_date=date(YEAR, 3, 1))
    editable = Intervention.objects.editable_by(agency_staff)
    assert set(editable.values_list("pk", flat=True)) == {second_half.pk, elsewhere.pk}


def test_the_actual_date_decides_the_semester(approval, intervention, agency_staff):
    Intervention.objects.filter(pk=intervention.pk).update(actual_date=date(YEAR, 7, 2))
    assert Intervention.objects.editable_by(agency_staff).filter(pk=intervention.pk).exists()


def test_nobody_but_an_admin_moves_an_intervention_into_a_locked_semester(client, approval, agency_staff, village_a):
    open_one = InterventionFactory(program__lead_agency=agency_staff.agency, village=village_a,
                                   planned_date=date(YEAR, 9, 1))  # fmt: skip
    client.force_login(agency_staff)
    url = reverse("programs:intervention_edit", kwargs={"pk": open_one.pk})
    response = client.post(url, _edit_data(open_one, planned_date=f"{YEAR}-05-01"))
    assert response.status_code == 200
    assert "telah disetujui dan dikunci" in response.content.decode()
    open_one.refresh_from_db()
    assert open_one.planned_date == date(YEAR, 9, 1)


def test_unlocking_needs_a_reason_and_is_recorded(approval, admin_user, intervention, agency_staff):
    with pytest.raises(ValidationError):
        unlock_period(approval=approval, user=admin_user, reason=" ")
    assert unlock_period(approval=approval, user=admin_user, reason="Koreksi realisasi dari OPD")
    approval.refresh_from_db()
    assert (approval.unlocked_by, approval.unlock_reason) == (admin_user, "Koreksi realisasi dari OPD")
    assert Intervention.objects.editable_by(agency_staff).filter(pk=intervention.pk).exists()
    _, created = approve_period(district=approval.district, year=YEAR, semester=1, user=admin_user)
    assert created and PeriodApproval.objects.filter(district=approval.district).count() == 2


def test_approving_twice_keeps_one_approval_and_only_admins_approve(approval, admin_user, officer_a, district_a):
    same, created = approve_period(district=district_a, year=YEAR, semester=1, user=admin_user)
    assert same == approval and not created
    with pytest.raises(PermissionDenied):
        approve_period(district=district_a, year=YEAR, semester=2, user=officer_a)


def test_the_approval_pages_are_for_admins(client, admin_user, officer_a, district_a, approval):
    client.force_login(officer_a)
    assert client.get(reverse("reports:approval_list")).status_code == 403
    assert client.post(reverse("reports:period_unlock", kwargs={"pk": approval.pk}), {"reason": "x"}).status_code == 403
    client.force_login(admin_user)
    page = client.get(reverse("reports:approval_list"), {"tahun": YEAR}).content.decode()
    assert "Disetujui" in page
    client.post(reverse("reports:period_unlock", kwargs={"pk": approval.pk}), {"reason": "Data ganda"})
    client.post(reverse("reports:period_approve"), {"district": district_a.pk, "year": YEAR, "semester": 2})
    assert list(PeriodApproval.objects.standing().values_list("semester", flat=True)) == [2]


def test_the_report_states_the_approval(approval, officer_a, django_capture_on_commit_callbacks):
    report = build(django_capture_on_commit_callbacks, user=officer_a, kind=ReportKind.SEMESTER_1, year=YEAR,
                   district=officer_a.district)  # fmt: skip
    name = approval.approved_by.get_full_name()
    assert f"Periode laporan ini telah disetujui: Semester I 2026 disetujui oleh {name}" in pdf_text(report)
    row = sheet_rows(report, "Persetujuan Periode")["Kabupaten Lampung Selatan"]
    assert row[2:4] == ["Disetujui (dikunci)", name]
