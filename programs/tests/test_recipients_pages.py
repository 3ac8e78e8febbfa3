"""The recipients table is paginated (htmx page links); the totals of recipients and money count them all."""

import pytest
from django.urls import reverse

from programs.models import Recipient
from programs.views import recipients as recipient_views
from tests.factories import HouseholdFactory, InterventionFactory, PersonFactory

HTMX = {"HX-Request": "true"}


@pytest.fixture
def intervention(village_a, agency):
    return InterventionFactory(village=village_a, program__lead_agency=agency, planned_budget=7_000_000)


@pytest.fixture
def seven_recipients(intervention, village_a, agency_staff, monkeypatch):
    """Five persons and two households; three rows per page."""
    monkeypatch.setattr(recipient_views, "RECIPIENTS_PER_PAGE", 3)
    persons = [PersonFactory(household=HouseholdFactory(village=village_a)) for _ in range(5)]
    households = HouseholdFactory.create_batch(2, village=village_a)
    for person in persons:
        Recipient.objects.create(intervention=intervention, person=person, added_by=agency_staff)
    for household in households:
        Recipient.objects.create(intervention=intervention, household=household, added_by=agency_staff)
    return persons, households


def _url(intervention):
    return reverse("programs:recipients", args=[intervention.pk])


def test_the_table_shows_one_page_and_the_totals_all_recipients(client, agency_staff, intervention, seven_recipients):
    client.force_login(agency_staff)
    response = client.get(_url(intervention))
    assert response.status_code == 200
    assert len(response.context["recipients"]) == 3
    totals = response.context["totals"]
    assert (totals.recipients, totals.persons, totals.households, totals.budget_per_recipient) == (7, 5, 2, 1_000_000)
    assert 'data-testid="total-recipients">7<' in response.text
    assert "Rp 1.000.000" in response.text
    assert "Halaman 1 dari 3 · penerima 1–3 dari 7" in response.text
    assert f'hx-get="{_url(intervention)}?page=2"' in response.text


def test_a_page_link_fetches_only_the_panel_of_that_page(client, agency_staff, intervention, seven_recipients):
    client.force_login(agency_staff)
    pages = [client.get(_url(intervention), {"page": n}, headers=HTMX) for n in (1, 2, 3)]
    for page in pages:
        assert page.templates[0].name == "programs/_recipients_panel.html"
        assert 'data-testid="total-recipients">7<' in page.text  # the totals stay those of all
    shown = [recipient.pk for page in pages for recipient in page.context["recipients"]]
    newest_first = list(
        Recipient.objects.filter(intervention=intervention).order_by("-added_at", "-pk").values_list("pk", flat=True)
    )
    assert shown == newest_first
    assert "Halaman 3 dari 3 · penerima 7–7 dari 7" in pages[2].text
    assert "Berikutnya" not in pages[2].text and "Sebelumnya" in pages[2].text


def test_a_removal_keeps_its_page_and_the_totals_follow(client, agency_staff, intervention, seven_recipients):
    client.force_login(agency_staff)
    on_page_2 = client.get(_url(intervention), {"page": 2}).context["recipients"][0]
    url = reverse("programs:recipient_remove", args=[intervention.pk, on_page_2.pk])
    response = client.post(url, {"page": 2}, headers=HTMX)
    assert response.context["recipients"].number == 2
    totals = response.context["totals"]
    assert (totals.recipients, totals.budget_per_recipient) == (6, 1_166_667)
    assert 'data-testid="total-recipients">6<' in response.text


def test_a_page_out_of_range_shows_the_last_page(client, officer_a, intervention, seven_recipients):
    client.force_login(officer_a)  # readers page through the list as well
    response = client.get(_url(intervention), {"page": 99})
    assert response.context["recipients"].number == 3
    assert "Hapus" not in response.text


def test_no_pagination_for_a_short_list(client, agency_staff, intervention, village_a):
    PersonFactory(household=HouseholdFactory(village=village_a))
    client.force_login(agency_staff)
    response = client.get(_url(intervention))
    assert 'data-testid="recipient-pages"' not in response.text
