"""The complaint form's limits count each citizen behind the reverse proxy (PUB-01, AUTH-05).

When every request had the proxy's address, five complaints from anywhere in the province made the
form ask everybody for a CAPTCHA.
"""

import pytest

from complaints.models import Ticket

from .conftest import FILE_URL, complaint_data

pytestmark = pytest.mark.django_db
PROXY = "172.18.0.1"


@pytest.fixture(autouse=True)
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.COMPLAINT_LIMIT_PER_IP = 5


def _file_through_proxy(client, village, forwarded_for):
    return client.post(FILE_URL, complaint_data(village), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def test_complaints_of_many_citizens_through_the_proxy_are_not_counted_together(client, village_a):
    statuses = [_file_through_proxy(client, village_a, f"198.51.100.{n}").status_code for n in range(1, 9)]
    assert statuses == [302] * 8
    page = client.get(FILE_URL, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.50")
    assert "captcha_0" not in page.text


def test_a_citizen_sending_their_own_forwarded_entries_is_counted_by_the_address_the_proxy_saw(client, village_a):
    statuses = [_file_through_proxy(client, village_a, f"10.0.0.{n}, 198.51.100.9").status_code for n in range(6)]
    assert statuses == [302] * 5 + [429]
    assert Ticket.objects.count() == 5
