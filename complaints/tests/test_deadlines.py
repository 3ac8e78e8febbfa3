"""Deadlines: 3×24 hours for corrections, configured days otherwise; overdue counted and highlighted."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints import services
from complaints.models import Status, Ticket

pytestmark = pytest.mark.django_db


def test_a_correction_is_overdue_after_72_hours(time_machine, village_a):
    time_machine.move_to(timezone.now(), tick=False)
    ticket = services.file_ticket(category="data_correction", village=village_a, description="Data saya salah.")
    time_machine.shift(timedelta(hours=71, minutes=59))
    assert not Ticket.objects.overdue().exists()
    time_machine.shift(timedelta(minutes=2))
    assert list(Ticket.objects.overdue()) == [ticket]
    assert ticket.is_overdue


def test_other_complaints_follow_the_setting(time_machine, village_a, settings):
    settings.COMPLAINT_DEADLINE_DAYS = 7
    time_machine.move_to(timezone.now(), tick=False)
    services.file_ticket(category="misconduct", village=village_a, description="Ada pungutan.")
    time_machine.shift(timedelta(days=6))
    assert Ticket.objects.overdue().count() == 0
    time_machine.shift(timedelta(days=1, seconds=1))
    assert Ticket.objects.overdue().count() == 1


def test_closed_tickets_are_never_overdue(time_machine, village_a, admin_user):
    time_machine.move_to(timezone.now(), tick=False)
    ticket = services.file_ticket(category="data_correction", village=village_a, description="Data saya salah.")
    services.change_status(ticket=ticket, to_status=Status.REJECTED, user=admin_user, reply="Bukan data Lampung.")
    time_machine.shift(timedelta(days=10))
    assert not Ticket.objects.overdue().exists()


def test_overdue_counts_stay_in_the_user_scope(time_machine, officer_a, officer_b, admin_user, village_a, village_b):
    time_machine.move_to(timezone.now(), tick=False)
    for village in (village_a, village_a, village_b):
        services.file_ticket(category="data_correction", village=village, description="Data saya salah.")
    time_machine.shift(timedelta(days=4))
    counts = [Ticket.objects.visible_to(user).overdue().count() for user in (admin_user, officer_a, officer_b)]
    assert counts == [3, 2, 1]


def test_the_queue_highlights_and_counts_overdue_tickets(client, time_machine, officer_a, village_a):
    time_machine.move_to(timezone.now(), tick=False)
    late = services.file_ticket(category="data_correction", village=village_a, description="Data saya salah.")
    time_machine.shift(timedelta(days=4))
    services.file_ticket(category="data_correction", village=village_a, description="Data saya juga salah.")
    client.force_login(officer_a)
    response = client.get(reverse("complaints:queue"))
    assert response.context["overdue_count"] == 1
    assert 'data-testid="overdue-count">1 lewat batas waktu di antrean Anda<' in response.text
    assert response.text.count('data-overdue="1"') == 1
    assert re.search(r'<tr class="table-danger[^"]*" data-overdue="1"', response.text)
    only_late = client.get(reverse("complaints:queue"), {"overdue": "true"}).context["table"]
    assert [t.code for t in only_late.page.object_list.data] == [late.code]
