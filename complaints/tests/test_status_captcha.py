"""The status page under a flood: past the lookup limit a CAPTCHA, not a 429 for everyone (PUB-01)."""

import pytest

from complaints.models import Ticket

from .conftest import STATUS_URL
from .test_captcha import challenge

pytestmark = pytest.mark.django_db
IP = "198.51.100.30"


@pytest.fixture(autouse=True)
def three_lookups(settings):
    settings.COMPLAINT_STATUS_LOOKUPS_PER_IP = 3


def _use_up_lookups(client, ip=IP):
    for n in range(3):
        assert client.get(STATUS_URL, {"kode": f"ADU-2026-AAAAA{n}"}, REMOTE_ADDR=ip).status_code == 200


def test_past_the_limit_a_lookup_needs_the_captcha_and_is_answered_with_it(client, ticket_a):
    _use_up_lookups(client)
    refused = client.get(STATUS_URL, {"kode": ticket_a.code}, REMOTE_ADDR=IP)
    assert refused.status_code == 429
    assert "Ketik huruf yang tampak pada gambar." in refused.text
    assert 'data-testid="ticket-status"' not in refused.text
    assert ticket_a.code in refused.text  # the typed code is kept

    key, answer = challenge(refused)
    solved = client.get(STATUS_URL, {"kode": ticket_a.code, "captcha_0": key, "captcha_1": answer}, REMOTE_ADDR=IP)
    assert solved.status_code == 200
    assert 'data-testid="ticket-status">Diterima<' in solved.text


def test_at_the_limit_the_page_asks_for_the_captcha_up_front(client):
    _use_up_lookups(client)
    page = client.get(STATUS_URL, REMOTE_ADDR=IP)
    assert page.status_code == 200
    assert 'id="captcha-field"' in page.text


def test_a_wrong_answer_gets_no_answer(client, ticket_a):
    _use_up_lookups(client)
    key, _ = challenge(client.get(STATUS_URL, REMOTE_ADDR=IP))
    wrong = client.get(STATUS_URL, {"kode": ticket_a.code, "captcha_0": key, "captcha_1": "zzzzz"}, REMOTE_ADDR=IP)
    assert wrong.status_code == 429
    assert "tidak sesuai dengan gambar" in wrong.text
    assert 'data-testid="ticket-status"' not in wrong.text


def test_other_addresses_are_not_asked(client, ticket_a):
    _use_up_lookups(client)
    other = client.get(STATUS_URL, {"kode": ticket_a.code}, REMOTE_ADDR="203.0.113.31")
    assert other.status_code == 200
    assert 'id="captcha-field"' not in other.text


def test_behind_the_proxy_each_citizen_has_their_own_limit(client, ticket_a, settings):
    """PUB-01 and AUTH-05: lookups of many people through the reverse proxy are not counted together."""
    settings.TRUSTED_PROXY_COUNT = 1
    statuses = {
        client.get(
            STATUS_URL, {"kode": ticket_a.code}, REMOTE_ADDR="172.18.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        ).status_code
        for n in range(1, 11)
    }
    assert statuses == {200}
    # One citizen sending their own X-Forwarded-For entries is still one citizen.
    for n in range(3):
        client.get(
            STATUS_URL, {"kode": ticket_a.code}, REMOTE_ADDR="172.18.0.1", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, {IP}"
        )
    spoofing = client.get(
        STATUS_URL, {"kode": ticket_a.code}, REMOTE_ADDR="172.18.0.1", HTTP_X_FORWARDED_FOR=f"10.0.0.9, {IP}"
    )
    assert spoofing.status_code == 429
    assert Ticket.objects.count() == 1
