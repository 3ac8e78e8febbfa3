"""The workflow received → in review → resolved | rejected, notes, replies and assignment, each recorded."""

import pytest
from django.urls import reverse

from complaints import services
from complaints.models import EventKind, Status
from complaints.services import WorkflowError
from tests.factories import InterventionFactory

pytestmark = pytest.mark.django_db


def test_it_records_who_moved_the_ticket_when_and_from_what_to_what(client, officer_a, ticket_a):
    client.force_login(officer_a)
    client.post(reverse("complaints:ticket_status_change", args=[ticket_a.pk]), {"status": "in_review"})
    client.post(
        reverse("complaints:ticket_status_change", args=[ticket_a.pk]), {"status": "resolved", "reply": "Beres."}
    )
    ticket_a.refresh_from_db()
    assert ticket_a.status == Status.RESOLVED and ticket_a.closed_at is not None
    steps = [(e.kind, e.from_status, e.to_status, e.actor) for e in ticket_a.events.all()]
    assert steps == [
        (EventKind.FILED, "", Status.RECEIVED, None),
        (EventKind.STATUS, Status.RECEIVED, Status.IN_REVIEW, officer_a),
        (EventKind.STATUS, Status.IN_REVIEW, Status.RESOLVED, officer_a),
        (EventKind.REPLY, "", "", officer_a),
    ]


@pytest.mark.parametrize(("first", "then"), [(None, Status.RESOLVED), (Status.REJECTED, Status.IN_REVIEW)])
def test_it_refuses_steps_the_workflow_does_not_allow(admin_user, ticket_a, first, then):
    if first:
        services.change_status(ticket=ticket_a, to_status=first, user=admin_user, reply="Bukan wewenang kami.")
    with pytest.raises(WorkflowError):
        services.change_status(ticket=ticket_a, to_status=then, user=admin_user)


def test_a_rejection_needs_a_reason_for_the_filer(admin_user, ticket_a):
    with pytest.raises(WorkflowError, match="alasan"):
        services.change_status(ticket=ticket_a, to_status=Status.REJECTED, user=admin_user, reply="  ")


def test_viewers_cannot_work_tickets(viewer, ticket_a):
    with pytest.raises(services.PermissionDenied):
        services.add_note(ticket=ticket_a, text="x", public=True, user=viewer)


def test_internal_notes_and_public_replies_are_kept_apart(client, officer_a, ticket_a):
    client.force_login(officer_a)
    url = reverse("complaints:ticket_note", args=[ticket_a.pk])
    client.post(url, {"text": "Cek ke kepala desa."})
    client.post(url, {"text": "Kami sedang memeriksa.", "public": "on"})
    kinds = [(e.kind, e.text) for e in ticket_a.events.exclude(kind=EventKind.FILED)]
    assert kinds == [(EventKind.NOTE, "Cek ke kepala desa."), (EventKind.REPLY, "Kami sedang memeriksa.")]


def test_it_assigns_only_users_who_may_work_the_ticket(client, admin_user, officer_a, officer_b, ticket_a):
    client.force_login(admin_user)
    url = reverse("complaints:ticket_assign", args=[ticket_a.pk])
    client.post(url, {"assignee": officer_b.pk})
    ticket_a.refresh_from_db()
    assert ticket_a.assignee is None
    client.post(url, {"assignee": officer_a.pk})
    ticket_a.refresh_from_db()
    assert ticket_a.assignee == officer_a
    assert ticket_a.events.filter(kind=EventKind.ASSIGNED, actor=admin_user).count() == 1
    with pytest.raises(WorkflowError):
        services.assign(ticket=ticket_a, assignee=officer_b, user=admin_user)


def test_routing_needs_an_intervention_in_the_ticket_village(officer_a, agency_staff, ticket_a, village_b):
    elsewhere = InterventionFactory(village=village_b, program__lead_agency=agency_staff.agency)
    with pytest.raises(WorkflowError):
        services.route_to_intervention(ticket=ticket_a, intervention=elsewhere, user=officer_a)
    here = InterventionFactory(village=ticket_a.village, program__lead_agency=agency_staff.agency)
    with pytest.raises(services.PermissionDenied):
        services.route_to_intervention(ticket=ticket_a, intervention=here, user=agency_staff)
    services.route_to_intervention(ticket=ticket_a, intervention=here, user=officer_a)
    ticket_a.refresh_from_db()
    assert ticket_a.agency == agency_staff.agency


def test_the_queue_filters_sorts_and_paginates(client, admin_user, village_a):
    for n in range(30):
        services.file_ticket(category="misconduct" if n % 2 else "data_correction", village=village_a,
                             description=f"Pengaduan {n}")  # fmt: skip
    client.force_login(admin_user)
    response = client.get(reverse("complaints:queue"), {"category": "misconduct", "sort": "-created_at"})
    table = response.context["table"]
    assert table.paginator.count == 15
    assert len(table.page.object_list) == 15
    page = client.get(reverse("complaints:queue"), {"page": 2}).context["table"]
    assert page.paginator.count == 30 and len(page.page.object_list) == 5
