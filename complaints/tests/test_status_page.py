"""The public status page: progress and public replies, never the filer's or the registry's data."""

import pytest

from complaints import services
from complaints.models import Status

from .conftest import STATUS_URL, file_complaint

pytestmark = pytest.mark.django_db


def test_it_shows_progress_and_public_replies_only(client, village_a, officer_a, head_a):
    file_complaint(
        client, village_a, nik=head_a.nik, reporter_name="Sumirah Rahasia", contact="0812 9999 8888",
        description="Nama ibu saya tertulis salah di data.",
    )  # fmt: skip
    ticket = services.Ticket.objects.get()
    services.change_status(ticket=ticket, to_status=Status.IN_REVIEW, user=officer_a)
    services.add_note(ticket=ticket, text="Catatan internal: cek ke desa", public=False, user=officer_a)
    services.add_note(ticket=ticket, text="Sedang kami verifikasi ke desa.", public=True, user=officer_a)

    page = client.get(STATUS_URL, {"kode": ticket.code.lower()}).text

    assert ticket.code in page
    assert "Sedang ditinjau" in page
    assert "Sedang kami verifikasi ke desa." in page
    for secret in (head_a.nik, "Sumirah Rahasia", "081299998888", "Nama ibu saya", "Catatan internal",
                   head_a.name, officer_a.username, head_a.household.no_kk):  # fmt: skip
        assert secret not in page


def test_it_says_so_for_an_unknown_code(client, village_a):
    response = client.get(STATUS_URL, {"kode": "ADU-2026-ZZZZZZ"})
    assert response.status_code == 200
    assert "tidak ditemukan" in response.text


def test_it_shows_a_resolved_ticket_as_resolved(client, ticket_a, officer_a):
    services.change_status(ticket=ticket_a, to_status=Status.IN_REVIEW, user=officer_a)
    services.change_status(ticket=ticket_a, to_status=Status.RESOLVED, user=officer_a, reply="Sudah diperbaiki.")
    page = client.get(STATUS_URL, {"kode": ticket_a.code}).text
    assert 'data-testid="ticket-status">Selesai<' in page
    assert "Sudah diperbaiki." in page
