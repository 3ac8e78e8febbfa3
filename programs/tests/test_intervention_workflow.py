from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from programs.models import Intervention, InterventionStatus
from programs.services import WorkflowError, change_status
from tests.factories import InterventionFactory


@pytest.fixture
def intervention(village_a, agency):
    return InterventionFactory(village=village_a, program__lead_agency=agency)


def test_it_moves_through_the_workflow_and_records_each_step(intervention, agency_staff, admin_user):
    change_status(intervention=intervention, to_status="in_progress", user=agency_staff)
    Intervention.objects.filter(pk=intervention.pk).update(actual_date=date(2026, 3, 5))
    change_status(intervention=intervention, to_status="completed", user=agency_staff)
    change_status(intervention=intervention, to_status="verified", user=admin_user)
    intervention.refresh_from_db()
    assert intervention.status == InterventionStatus.VERIFIED
    steps = list(intervention.status_changes.values_list("from_status", "to_status", "changed_by"))
    assert steps == [
        ("planned", "in_progress", agency_staff.pk),
        ("in_progress", "completed", agency_staff.pk),
        ("completed", "verified", admin_user.pk),
    ]


def test_only_bappeda_admins_verify(intervention, agency_staff):
    Intervention.objects.filter(pk=intervention.pk).update(status="completed", actual_date=date(2026, 3, 5))
    with pytest.raises(PermissionDenied):
        change_status(intervention=intervention, to_status="verified", user=agency_staff)
    intervention.refresh_from_db()
    assert intervention.status == "completed" and not intervention.status_changes.exists()


@pytest.mark.parametrize(
    ("start", "target"), [("planned", "completed"), ("verified", "in_progress"), ("cancelled", "planned")]
)
def test_it_refuses_steps_outside_the_workflow(intervention, agency_staff, start, target):
    Intervention.objects.filter(pk=intervention.pk).update(status=start, actual_date=date(2026, 3, 5))
    with pytest.raises(WorkflowError):
        change_status(intervention=intervention, to_status=target, user=agency_staff)


def test_cancelling_needs_a_reason(intervention, agency_staff):
    with pytest.raises(WorkflowError, match="alasan"):
        change_status(intervention=intervention, to_status="cancelled", user=agency_staff, note=" ")
    change_status(intervention=intervention, to_status="cancelled", user=agency_staff, note="Desa tidak siap")
    intervention.refresh_from_db()
    assert (intervention.status, intervention.cancel_reason) == ("cancelled", "Desa tidak siap")


def test_completing_needs_the_date_it_happened(intervention, agency_staff):
    change_status(intervention=intervention, to_status="in_progress", user=agency_staff)
    with pytest.raises(WorkflowError, match="tanggal pelaksanaan"):
        change_status(intervention=intervention, to_status="completed", user=agency_staff)


# Through the pages: the detail page's buttons POST to intervention_status.


def _status(client, intervention, to_status, note=""):
    url = reverse("programs:intervention_status", args=[intervention.pk])
    return client.post(url, {"status": to_status, "note": note}, follow=True)


def test_staff_and_bappeda_take_an_intervention_through_the_pages(client, intervention, agency_staff, admin_user):
    client.force_login(agency_staff)
    page = client.get(intervention.get_absolute_url()).content.decode()
    assert "Jadikan Sedang berjalan" in page and "Batalkan intervensi" in page
    assert "Status diubah menjadi Sedang berjalan." in _status(client, intervention, "in_progress").content.decode()
    Intervention.objects.filter(pk=intervention.pk).update(actual_date=date(2026, 3, 5))
    _status(client, intervention, "completed")
    assert "Jadikan Terverifikasi" not in client.get(intervention.get_absolute_url()).content.decode()
    client.force_login(admin_user)
    assert "Jadikan Terverifikasi Bappeda" in client.get(intervention.get_absolute_url()).content.decode()
    _status(client, intervention, "verified")
    intervention.refresh_from_db()
    assert intervention.status == "verified"
    page = client.get(intervention.get_absolute_url()).content.decode()
    assert "Terverifikasi Bappeda" in page and "Jadikan" not in page


def test_the_page_says_why_a_step_is_refused(client, intervention, agency_staff):
    client.force_login(agency_staff)
    assert "tidak dapat diubah menjadi Selesai" in _status(client, intervention, "completed").content.decode()
    assert "Tuliskan alasan pembatalan." in _status(client, intervention, "cancelled").content.decode()
    Intervention.objects.filter(pk=intervention.pk).update(status="completed", actual_date=date(2026, 3, 5))
    page = _status(client, intervention, "verified").content.decode()
    assert "Hanya admin Bappeda yang memverifikasi intervensi." in page
    assert "Status tujuan tidak dikenal." in _status(client, intervention, "hilang").content.decode()
    intervention.refresh_from_db()
    assert intervention.status == "completed" and not intervention.status_changes.exists()


def test_cancelling_through_the_page_records_the_reason(client, intervention, agency_staff):
    client.force_login(agency_staff)
    page = _status(client, intervention, "cancelled", note="Lahan tergenang banjir").content.decode()
    assert "Lahan tergenang banjir" in page
    change = intervention.status_changes.get()
    assert (change.from_status, change.to_status, change.changed_by) == ("planned", "cancelled", agency_staff)


def test_readers_cannot_change_the_status(client, intervention, officer_a, officer_b):
    client.force_login(officer_a)
    page = client.get(intervention.get_absolute_url()).content.decode()
    assert "Jadikan" not in page and "Unggah bukti" not in page
    assert _status(client, intervention, "in_progress").status_code == 403
    client.force_login(officer_b)
    assert _status(client, intervention, "in_progress").status_code == 404
    intervention.refresh_from_db()
    assert intervention.status == "planned"
