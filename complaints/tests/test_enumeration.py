"""No enumeration: a NIK in the registry and a NIK not in it get the same answers (PUB-01)."""

import pytest

from complaints.models import Ticket
from complaints.services import Status

from .conftest import file_complaint

pytestmark = pytest.mark.django_db
UNREGISTERED_NIK = "1801045505880007"  # well-formed, nobody in the test registry


def _file_and_follow(client, village, nik, ip):
    filed = file_complaint(client, village, nik=nik, ip=ip)
    ticket = Ticket.objects.get(nik=nik)
    status_page = client.get(filed["Location"])
    return filed, status_page, ticket


def test_it_answers_the_same_whether_or_not_the_nik_is_registered(client, village_a, head_a):
    assert head_a.nik != UNREGISTERED_NIK
    filed_known, page_known, known = _file_and_follow(client, village_a, head_a.nik, "198.51.100.1")
    filed_unknown, page_unknown, unknown = _file_and_follow(client, village_a, UNREGISTERED_NIK, "198.51.100.2")

    assert filed_known.status_code == filed_unknown.status_code == 302
    assert len(filed_known.content) == len(filed_unknown.content)
    assert page_known.status_code == page_unknown.status_code == 200
    assert [t.name for t in page_known.templates] == [t.name for t in page_unknown.templates]
    # The bodies differ only in the ticket code and the filing time, both of the same length.
    assert len(page_known.content) == len(page_unknown.content)
    assert (known.status, unknown.status) == (Status.RECEIVED, Status.RECEIVED)
    assert known.due_at - known.created_at == unknown.due_at - unknown.created_at


def test_the_form_errors_are_the_same_for_a_registered_and_an_unregistered_nik(client, village_a, head_a):
    known = file_complaint(client, village_a, nik=head_a.nik, description="")
    unknown = file_complaint(client, village_a, nik=UNREGISTERED_NIK, description="")
    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].errors == unknown.context["form"].errors
