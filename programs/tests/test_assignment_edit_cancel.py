"""Bappeda edits an open assignment and cancels it with a reason; the agency marks a delivered one done;
the queue shows the overdue and cancelled ones as such."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from programs import assignments as services
from programs.models import Assignment, AssignmentStatus
from programs.services import WorkflowError
from tests.factories import AssignmentFactory, InterventionFactory, ProgramFactory


@pytest.fixture
def assignment(village_a, agency):
    return AssignmentFactory(village=village_a, program__lead_agency=agency, due_year=2026, due_semester=1)


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_admin_changes_target_due_semester_and_note(client, admin_user, assignment):
    client.force_login(admin_user)
    url = reverse("programs:assignment_edit", args=[assignment.pk])
    assert f'href="{url}"' in client.get(reverse("programs:assignment_list")).text
    page = client.get(url)
    assert page.status_code == 200 and page.context["form"].initial["target_recipients"] == 20
    response = client.post(
        url, {"target_recipients": 35, "due_semester": 2, "notes": "Tambah 15 keluarga"}, follow=True
    )
    assert response.redirect_chain == [(reverse("programs:assignment_list"), 302)]
    assert _messages(response) == [f"Penugasan diubah: {assignment}."]
    assignment.refresh_from_db()
    assert (assignment.target_recipients, assignment.due_semester, assignment.notes) == (35, 2, "Tambah 15 keluarga")
    assert (assignment.updated_by, assignment.status) == (admin_user, AssignmentStatus.NEW)
    assert "Catatan: Tambah 15 keluarga" in response.text


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"target_recipients": 0, "due_semester": 1}, "target_recipients", "Target penerima minimal 1."),
        ({"target_recipients": -3, "due_semester": 1}, "target_recipients", "Target penerima minimal 1."),
        ({"target_recipients": 20, "due_semester": 3}, "due_semester", "Masukkan pilihan yang valid."),
    ],
)
def test_the_edit_refuses_bad_input_with_a_clear_message(client, admin_user, assignment, data, field, message):
    client.force_login(admin_user)
    response = client.post(reverse("programs:assignment_edit", args=[assignment.pk]), data)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assignment.refresh_from_db()
    assert (assignment.target_recipients, assignment.due_semester) == (20, 1)


def test_the_edit_refuses_a_semester_already_assigned(client, admin_user, assignment):
    AssignmentFactory(
        program=assignment.program, agency=assignment.agency, village=assignment.village, due_year=2026, due_semester=2
    )
    client.force_login(admin_user)
    response = client.post(
        reverse("programs:assignment_edit", args=[assignment.pk]), {"target_recipients": 20, "due_semester": 2}
    )
    assert response.status_code == 200
    assert "Sudah ada penugasan program ini" in response.context["form"].non_field_errors()[0]
    assignment.refresh_from_db()
    assert assignment.due_semester == 1


@pytest.mark.parametrize("who", ["agency_staff", "officer_a", "viewer"])
def test_only_admins_edit_or_cancel(request, client, who, assignment):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("programs:assignment_edit", args=[assignment.pk])).status_code == 403
    edit = {"target_recipients": 1, "due_semester": 2}
    assert client.post(reverse("programs:assignment_edit", args=[assignment.pk]), edit).status_code == 403
    response = client.post(reverse("programs:assignment_cancel", args=[assignment.pk]), {"reason": "x"})
    assert response.status_code == 403
    assignment.refresh_from_db()
    assert (assignment.status, assignment.target_recipients) == (AssignmentStatus.NEW, 20)


def test_admin_cancels_with_a_reason_and_the_agency_can_no_longer_accept(client, admin_user, agency_staff, assignment):
    client.force_login(admin_user)
    url = reverse("programs:assignment_cancel", args=[assignment.pk])
    response = client.post(url, {"reason": "  "}, follow=True)
    assert _messages(response) == ["Tuliskan alasan pembatalan penugasan."]
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.NEW

    response = client.post(url, {"reason": "Desa sudah ditangani CSR"}, follow=True)
    assert _messages(response) == [f"Penugasan dibatalkan: {assignment}."]
    assignment.refresh_from_db()
    assert (assignment.status, assignment.cancel_reason, assignment.cancelled_by) == (
        AssignmentStatus.CANCELLED,
        "Desa sudah ditangani CSR",
        admin_user,
    )
    assert assignment.cancelled_at is not None

    client.force_login(agency_staff)
    response = client.post(reverse("programs:assignment_accept", args=[assignment.pk]), follow=True)
    assert _messages(response) == ["Penugasan ini dibatalkan Bappeda: Desa sudah ditangani CSR"]
    queue = client.get(reverse("programs:assignment_list"), {"tahap": "cancelled"})
    row = f'data-testid="assignment-{assignment.pk}"'
    assert row in queue.text and "Desa sudah ditangani CSR" in queue.text
    assert ">Terima<" not in queue.text


def test_a_done_or_cancelled_assignment_is_not_changed(client, admin_user, assignment):
    assignment.intervention = InterventionFactory(village=assignment.village, status="verified")
    assignment.save()
    client.force_login(admin_user)
    response = client.get(reverse("programs:assignment_edit", args=[assignment.pk]), follow=True)
    assert _messages(response) == ["Penugasan ini sudah selesai: tidak dapat diubah lagi."]
    client.post(reverse("programs:assignment_cancel", args=[assignment.pk]), {"reason": "x"})
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.NEW
    with pytest.raises(WorkflowError):
        services.cancel(assignment=assignment, user=admin_user, reason="x")


def test_a_cancelled_assignment_is_neither_overdue_nor_in_the_summary(admin_user, assignment, client):
    services.cancel(assignment=assignment, user=admin_user, reason="Dialihkan")
    assignment.refresh_from_db()
    today = date(2027, 1, 5)
    assert not Assignment.objects.overdue(today).exists()
    assert Assignment.objects.with_stage(today).get().queue_stage == "cancelled"
    assert not assignment.is_overdue(today) and assignment.stage_label == "Dibatalkan"
    client.force_login(admin_user)
    assert client.get(reverse("programs:assignment_summary")).context["total"].assignments == 0


def test_agency_staff_mark_a_delivered_assignment_done_from_the_queue(client, agency_staff, agency, assignment):
    intervention = InterventionFactory(village=assignment.village, program=assignment.program, status="in_progress")
    Assignment.objects.filter(pk=assignment.pk).update(intervention=intervention, status=AssignmentStatus.IN_PROGRESS)
    client.force_login(agency_staff)
    url = reverse("programs:assignment_done", args=[assignment.pk])
    assert "Tandai selesai" not in client.get(reverse("programs:assignment_list")).text
    response = client.post(url, follow=True)
    assert _messages(response) == ["Penugasan selesai bila intervensinya sudah selesai atau terverifikasi."]

    intervention.status = "completed"
    intervention.save()
    assert "Tandai selesai" in client.get(reverse("programs:assignment_list")).text
    response = client.post(url, follow=True)
    assert _messages(response) == [f"Penugasan ditandai selesai: {assignment}."]
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DONE
    assert "Tandai selesai" not in response.text


def test_another_agency_may_not_mark_done(client, village_a, agency_staff):
    other = AssignmentFactory(village=village_a, program=ProgramFactory())
    client.force_login(agency_staff)
    assert client.post(reverse("programs:assignment_done", args=[other.pk])).status_code == 404


@time_machine.travel(date(2026, 8, 3), tick=False)
def test_the_queue_shows_an_overdue_assignment_as_overdue(client, agency_staff, assignment, village_a, agency):
    on_time = AssignmentFactory(village=village_a, program__lead_agency=agency, due_year=2026, due_semester=2)
    client.force_login(agency_staff)
    response = client.get(reverse("programs:assignment_list"))
    stages = {a.pk: a.queue_stage for a in response.context["page"]}
    assert stages == {assignment.pk: "overdue", on_time.pk: "new"}
    counts = {value: count for value, _, count in response.context["tabs"]}
    assert (counts["overdue"], counts["new"]) == (1, 1)
    overdue = client.get(reverse("programs:assignment_list"), {"tahap": "overdue"})
    assert [a.pk for a in overdue.context["page"]] == [assignment.pk]
    assert "Terlambat" in overdue.text
