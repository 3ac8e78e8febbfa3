"""The recipients page: who sees it, who may change it, the table and its totals, and no full NIK."""

import re

import pytest
from django.urls import reverse

from programs.models import Recipient
from tests.factories import AgencyFactory, HouseholdFactory, InterventionFactory, PersonFactory, UserFactory

SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")


@pytest.fixture
def intervention(village_a, agency):
    return InterventionFactory(village=village_a, program__lead_agency=agency, planned_budget=30_000_000)


def _page(client, user, intervention):
    client.force_login(user)
    return client.get(reverse("programs:recipients", args=[intervention.pk]))


def test_it_lists_recipients_masked_with_totals(client, agency_staff, intervention, village_a):
    household = HouseholdFactory(village=village_a, desil=1)
    person = PersonFactory(household=household, name="Sumirah Tirtalaga")
    Recipient.objects.create(intervention=intervention, person=person, added_by=agency_staff)
    Recipient.objects.create(
        intervention=intervention, household=HouseholdFactory(village=village_a), added_by=agency_staff
    )
    response = _page(client, agency_staff, intervention)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sumirah Tirtalaga" in html and person.masked_nik in html and household.masked_no_kk in html
    assert not SIXTEEN_DIGITS.search(html)
    totals = response.context["totals"]
    assert (totals.recipients, totals.persons, totals.households, totals.households_reached) == (2, 1, 1, 2)
    assert totals.budget_per_recipient == 15_000_000
    assert "Rp 15.000.000" in html


def test_it_shows_no_budget_per_recipient_without_recipients(client, agency_staff, intervention):
    response = _page(client, agency_staff, intervention)
    assert response.context["totals"].budget_per_recipient is None
    assert "Belum ada penerima." in response.content.decode()


@pytest.mark.parametrize("role", ["admin_user", "agency_staff"])
def test_it_lets_the_agency_and_bappeda_pick(client, request, role, intervention):
    response = _page(client, request.getfixturevalue(role), intervention)
    assert response.context["can_edit"] is True
    assert 'data-testid="recipient-picking"' in response.content.decode()


@pytest.mark.parametrize("role", ["officer_a", "viewer", "viewer_a"])
def test_it_shows_a_read_only_list_to_others_who_see_it(client, request, role, intervention):
    response = _page(client, request.getfixturevalue(role), intervention)
    assert response.status_code == 200 and response.context["can_edit"] is False
    assert 'data-testid="recipient-picking"' not in response.content.decode()


@pytest.mark.parametrize("status", ["verified", "cancelled"])
def test_it_locks_the_list_of_a_verified_or_cancelled_intervention(client, agency_staff, intervention, status):
    intervention.status = status
    intervention.save()
    response = _page(client, agency_staff, intervention)
    assert response.context["can_edit"] is False
    assert "tidak dapat diubah lagi" in response.content.decode()


def test_it_hides_the_intervention_from_another_agency_and_another_district(client, intervention, officer_b):
    other_staff = UserFactory(role="agency_staff", agency=AgencyFactory())
    assert _page(client, other_staff, intervention).status_code == 404
    assert _page(client, officer_b, intervention).status_code == 404


POSTS = ["recipient_search", "recipient_add", "recipient_add_desil1", "recipient_upload"]


@pytest.mark.parametrize("name", POSTS)
def test_it_refuses_changes_from_those_who_only_read(client, viewer_a, officer_a, intervention, name):
    for user in (viewer_a, officer_a):
        client.force_login(user)
        assert client.post(reverse(f"programs:{name}", args=[intervention.pk]), {"q": "abc"}).status_code == 403


@pytest.mark.parametrize("name", POSTS)
def test_it_answers_404_to_changes_outside_the_scope(client, officer_b, intervention, name):
    other_staff = UserFactory(role="agency_staff", agency=AgencyFactory())
    for user in (officer_b, other_staff):
        client.force_login(user)
        assert client.post(reverse(f"programs:{name}", args=[intervention.pk]), {"q": "abc"}).status_code == 404


def test_it_refuses_changes_to_a_verified_intervention(client, agency_staff, intervention):
    intervention.status = "verified"
    intervention.save()
    client.force_login(agency_staff)
    response = client.post(reverse("programs:recipient_add_desil1", args=[intervention.pk]))
    assert response.status_code == 403
