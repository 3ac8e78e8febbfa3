"""Who sees which tickets: routed by village to the district, by intervention to the agency (AC-01/AC-02)."""

import pytest
from django.urls import reverse

from complaints import services
from complaints.models import Status, Ticket
from tests.factories import InterventionFactory

pytestmark = pytest.mark.django_db


def _codes(client, user, **params) -> set[str]:
    client.force_login(user)
    response = client.get(reverse("complaints:queue"), params)
    assert response.status_code == 200
    return {row.code for row in response.context["table"].page.object_list.data}


def test_bappeda_admins_see_every_ticket(client, admin_user, ticket_a, ticket_b):
    assert _codes(client, admin_user) == {ticket_a.code, ticket_b.code}


def test_district_officers_see_their_district_only(client, officer_a, officer_b, ticket_a, ticket_b):
    assert _codes(client, officer_a) == {ticket_a.code}
    assert _codes(client, officer_b) == {ticket_b.code}
    # A district filter outside the scope finds nothing rather than the other district's tickets.
    assert _codes(client, officer_a, district=ticket_b.village.district_id) == set()


def test_agency_staff_see_tickets_routed_to_their_agency(client, officer_a, agency_staff, ticket_a, ticket_b):
    assert _codes(client, agency_staff) == set()
    intervention = InterventionFactory(village=ticket_a.village, program__lead_agency=agency_staff.agency)
    services.route_to_intervention(ticket=ticket_a, intervention=intervention, user=officer_a)
    assert _codes(client, agency_staff) == {ticket_a.code}
    client.force_login(agency_staff)
    assert client.get(ticket_a.get_absolute_url()).status_code == 200
    assert client.get(ticket_b.get_absolute_url()).status_code == 404


def test_viewers_count_tickets_but_do_not_open_the_queue(client, viewer, viewer_a, ticket_a, ticket_b):
    assert Ticket.objects.visible_to(viewer).count() == 2
    assert Ticket.objects.visible_to(viewer_a).count() == 1
    client.force_login(viewer)
    assert client.get(reverse("complaints:queue")).status_code == 403
    assert client.get(ticket_a.get_absolute_url()).status_code == 404


def test_a_user_without_scope_sees_nothing(client, user_without_scope, ticket_a):
    assert _codes(client, user_without_scope) == set()
    assert client.get(ticket_a.get_absolute_url()).status_code == 404


def test_an_officer_of_another_district_cannot_move_the_ticket(client, officer_b, ticket_a):
    client.force_login(officer_b)
    response = client.post(reverse("complaints:ticket_status_change", args=[ticket_a.pk]), {"status": "in_review"})
    assert response.status_code == 404
    ticket_a.refresh_from_db()
    assert ticket_a.status == Status.RECEIVED
    assert ticket_a.events.count() == 1


def test_the_officer_page_escapes_html_in_complaints(client, officer_a, village_a):
    ticket = services.file_ticket(category="misconduct", village=village_a, description="<script>alert(1)</script>")
    client.force_login(officer_a)
    page = client.get(ticket.get_absolute_url()).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_agency_staff_see_the_nik_masked(client, officer_a, agency_staff, village_a):
    ticket = services.file_ticket(
        category="not_received", village=village_a, description="Tidak menerima.", nik="1801044107900001"
    )
    intervention = InterventionFactory(village=village_a, program__lead_agency=agency_staff.agency)
    services.route_to_intervention(ticket=ticket, intervention=intervention, user=officer_a)
    client.force_login(agency_staff)
    page = client.get(ticket.get_absolute_url()).text
    assert "1801044107900001" not in page
    assert "1801••••••••0001" in page
