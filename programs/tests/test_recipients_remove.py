"""Removing a recipient: POST only, within the intervention, answered with the updated panel."""

import pytest
from django.urls import reverse

from programs.models import Recipient
from tests.factories import HouseholdFactory, InterventionFactory


@pytest.fixture
def intervention(village_a, agency):
    return InterventionFactory(village=village_a, program__lead_agency=agency)


def _remove_url(intervention, recipient):
    return reverse("programs:recipient_remove", args=[intervention.pk, recipient.pk])


def test_it_removes_a_recipient_and_returns_the_totals(client, agency_staff, intervention, village_a):
    recipient = Recipient.objects.create(
        intervention=intervention, household=HouseholdFactory(village=village_a), added_by=agency_staff
    )
    client.force_login(agency_staff)
    response = client.post(_remove_url(intervention, recipient), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert not intervention.recipients.exists()
    assert response.context["totals"].recipients == 0
    html = response.content.decode()
    assert 'id="recipients-panel"' in html and "dihapus dari daftar penerima" in html
    assert "<html" not in html


def test_it_does_not_remove_a_recipient_of_another_intervention(client, agency_staff, intervention, village_a):
    other = InterventionFactory(village=village_a, program=intervention.program)
    recipient = Recipient.objects.create(
        intervention=other, household=HouseholdFactory(village=village_a), added_by=agency_staff
    )
    client.force_login(agency_staff)
    assert client.post(_remove_url(intervention, recipient)).status_code == 404
    assert other.recipients.exists()


def test_it_answers_405_to_get(client, agency_staff, intervention, village_a):
    recipient = Recipient.objects.create(
        intervention=intervention, household=HouseholdFactory(village=village_a), added_by=agency_staff
    )
    client.force_login(agency_staff)
    assert client.get(_remove_url(intervention, recipient)).status_code == 405


@pytest.mark.parametrize("status", ["verified", "cancelled"])
def test_it_keeps_recipients_of_a_closed_intervention(client, agency_staff, intervention, village_a, status):
    recipient = Recipient.objects.create(
        intervention=intervention, household=HouseholdFactory(village=village_a), added_by=agency_staff
    )
    intervention.status = status
    intervention.save()
    client.force_login(agency_staff)
    assert client.post(_remove_url(intervention, recipient)).status_code == 403
    assert intervention.recipients.exists()
