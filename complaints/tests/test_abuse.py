"""Abuse of the public form: rate limits per IP, per contact and in total, failing closed, honeypot."""

import pytest
from django.test import override_settings
from django.utils import timezone

from complaints.models import Ticket

from .conftest import STATUS_URL, file_complaint
from .test_captcha import challenge

pytestmark = pytest.mark.django_db
# A Redis cache nobody listens on: what the form meets when Redis is down.
CACHE_DOWN = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


def test_it_refuses_the_sixth_complaint_from_one_ip_within_the_window(client, village_a, settings):
    settings.COMPLAINT_LIMIT_PER_IP = 5
    statuses = [file_complaint(client, village_a, ip="198.51.100.1").status_code for _ in range(6)]
    assert statuses == [302] * 5 + [429]
    assert Ticket.objects.count() == 5
    # Another address is not held back.
    assert file_complaint(client, village_a, ip="198.51.100.2").status_code == 302


def test_it_limits_one_contact_whatever_the_address(client, village_a, settings):
    settings.COMPLAINT_LIMIT_PER_CONTACT = 2
    statuses = [
        file_complaint(client, village_a, ip=f"198.51.100.{n}", contact="0812 1111 2222").status_code for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    # The same number written differently is the same contact.
    assert file_complaint(client, village_a, ip="198.51.100.9", contact="+6281211112222").status_code == 429
    assert Ticket.objects.count() == 2


def test_it_caps_all_complaints_together(client, village_a, settings):
    settings.COMPLAINT_LIMIT_TOTAL = 3
    statuses = [file_complaint(client, village_a, ip=f"198.51.100.{n}").status_code for n in range(4)]
    assert statuses == [302, 302, 302, 429]


def test_it_does_not_count_forms_with_errors(client, village_a, settings):
    settings.COMPLAINT_LIMIT_PER_IP = 1
    assert file_complaint(client, village_a, nik="123").status_code == 200
    assert file_complaint(client, village_a).status_code == 302


def test_it_counts_again_once_the_window_has_passed(client, village_a, settings, time_machine):
    settings.COMPLAINT_LIMIT_PER_IP, settings.COMPLAINT_RATE_WINDOW_MINUTES = 1, 10
    time_machine.move_to(timezone.now(), tick=False)
    assert file_complaint(client, village_a).status_code == 302
    assert file_complaint(client, village_a).status_code == 429
    time_machine.shift(11 * 60)
    assert file_complaint(client, village_a).status_code == 302


@override_settings(CACHES=CACHE_DOWN)
def test_it_fails_closed_when_the_cache_is_down(client, village_a):
    response = file_complaint(client, village_a)
    assert response.status_code == 503
    assert "tidak tersedia" in response.text
    assert not Ticket.objects.exists()


@override_settings(CACHES=CACHE_DOWN)
def test_the_status_page_asks_for_the_captcha_when_the_cache_is_down(client, ticket_a):
    """PUB-01: without the counts every lookup proves a person; nobody is refused, nothing is unlimited."""
    page = client.get(STATUS_URL)
    assert page.status_code == 200 and 'name="captcha_1"' in page.text
    unproven = client.get(STATUS_URL, {"kode": ticket_a.code})
    assert unproven.status_code == 429 and 'data-testid="ticket-status"' not in unproven.text
    key, answer = challenge(unproven)
    proven = client.get(STATUS_URL, {"kode": ticket_a.code, "captcha_0": key, "captcha_1": answer})
    assert proven.status_code == 200 and 'data-testid="ticket-status">Diterima<' in proven.text


def test_it_thanks_a_bot_that_fills_the_honeypot_and_stores_nothing(client, village_a):
    response = file_complaint(client, village_a, website="http://spam.example")
    assert response.status_code == 200
    assert "Terima kasih" in response.text
    assert "ADU-" not in response.text
    assert not Ticket.objects.exists()


def test_it_hides_the_honeypot_from_people(client, village_a):
    form_html = client.get("/pengaduan/").text
    assert '<div class="d-none" aria-hidden="true">' in form_html
    assert 'name="website"' in form_html


def test_it_limits_ticket_code_lookups_per_ip(client, ticket_a, settings):
    settings.COMPLAINT_STATUS_LOOKUPS_PER_IP = 3
    statuses = [client.get(STATUS_URL, {"kode": f"ADU-2026-AAAAA{n}"}).status_code for n in range(3)]
    assert statuses == [200, 200, 200]
    assert client.get(STATUS_URL, {"kode": ticket_a.code}).status_code == 429
