from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programs.models import Recipient
from tests.factories import AgencyFactory, HouseholdFactory, InterventionFactory, ProgramFactory
from villages.models import Commodity

LIST = reverse("programs:intervention_list")


@pytest.fixture
def other_agency(db):
    return AgencyFactory(name="Dinas Sosial Uji", short_name="Dinsos Uji")


def _rows(client, **params) -> list[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return [str(row.record.description) for row in response.context["table"].paginated_rows]


def test_it_shows_this_years_interventions_by_default(client, admin_user, village_a, agency):
    InterventionFactory(description="Tahun ini", village=village_a, program__lead_agency=agency)
    InterventionFactory(
        description="Tahun lalu", village=village_a, program__fiscal_year=2025, planned_date=date(2025, 3, 1)
    )
    client.force_login(admin_user)
    assert _rows(client) == ["Tahun ini"]
    assert sorted(_rows(client, tahun="")) == ["Tahun ini", "Tahun lalu"]
    assert _rows(client, tahun="2025") == ["Tahun lalu"]


def test_it_filters_by_semester_of_the_actual_date_else_the_planned_date(client, admin_user, village_a):
    InterventionFactory(description="Rencana Maret", village=village_a, planned_date=date(2026, 3, 1))
    InterventionFactory(
        description="Rencana Juni, terlaksana Agustus",
        village=village_a,
        planned_date=date(2026, 6, 1),
        actual_date=date(2026, 8, 10),
    )
    client.force_login(admin_user)
    assert _rows(client, semester="1") == ["Rencana Maret"]
    assert _rows(client, semester="2") == ["Rencana Juni, terlaksana Agustus"]


def test_it_filters_by_cluster_agency_district_status_and_commodity(
    client, admin_user, village_a, village_b, agency, other_agency
):
    padi = Commodity.objects.get_or_create(code="padi", defaults={"name": "Padi"})[0]
    InterventionFactory(description="A", village=village_a, program__lead_agency=agency, commodity=padi)
    InterventionFactory(description="B", village=village_b, program__lead_agency=other_agency, status="in_progress")
    client.force_login(admin_user)
    assert _rows(client, agency=other_agency.pk) == ["B"]
    assert _rows(client, district=village_a.district_id) == ["A"]
    assert _rows(client, status="in_progress") == ["B"]
    assert _rows(client, commodity=padi.pk) == ["A"]
    assert sorted(_rows(client, cluster="1")) == ["A", "B"]  # ProgramFactory's kind is in cluster 1
    assert _rows(client, cluster="3") == []


def test_it_sorts_by_a_column(client, admin_user, village_a):
    for name, budget in (("Kecil", 1_000), ("Besar", 9_000), ("Sedang", 5_000)):
        InterventionFactory(description=name, village=village_a, planned_budget=budget)
    client.force_login(admin_user)
    assert _rows(client, sort="planned_budget") == ["Kecil", "Sedang", "Besar"]
    assert _rows(client, sort="-planned_budget") == ["Besar", "Sedang", "Kecil"]


def test_it_shows_rupiah_indonesian_dates_and_recipient_counts_without_a_query_per_row(client, admin_user, village_a):
    intervention = InterventionFactory(
        village=village_a, planned_budget=1_250_000, realised_spending=0, planned_date=date(2026, 3, 1)
    )
    for household in HouseholdFactory.create_batch(3, village=village_a):
        Recipient.objects.create(intervention=intervention, household=household, added_by=admin_user)
    InterventionFactory.create_batch(5, village=village_a)
    client.force_login(admin_user)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    InterventionFactory.create_batch(10, village=village_a)
    with CaptureQueriesContext(connection) as many:
        page = client.get(LIST).content.decode()
    assert len(many) == len(few)
    assert "Rp 1.250.000" in page and "1 Maret 2026" in page
    counts = {row.record.pk: row.record.recipient_count for row in client.get(LIST).context["table"].rows}
    assert counts[intervention.pk] == 3


def test_it_paginates_by_25(client, admin_user, village_a):
    InterventionFactory.create_batch(27, village=village_a)
    client.force_login(admin_user)
    assert len(_rows(client)) == 25
    assert len(_rows(client, page="2")) == 2


def test_agency_staff_see_only_their_agencys_interventions(client, agency_staff, village_a, agency, other_agency):
    InterventionFactory(description="Milik sendiri", village=village_a, program__lead_agency=agency)
    InterventionFactory(description="Milik Dinsos", village=village_a, program__lead_agency=other_agency)
    client.force_login(agency_staff)
    assert _rows(client) == ["Milik sendiri"]
    assert _rows(client, agency=other_agency.pk) == []  # another agency is no choice: nothing, not all


def test_district_officers_see_their_district_only(client, officer_a, village_a, village_b):
    InterventionFactory(description="Di A", village=village_a)
    InterventionFactory(description="Di B", village=village_b)
    client.force_login(officer_a)
    assert _rows(client) == ["Di A"]
    assert "Tambah intervensi" not in client.get(LIST).content.decode()


def test_it_lists_nothing_for_a_user_without_scope(client, user_without_scope, village_a):
    InterventionFactory(village=village_a, program=ProgramFactory())
    client.force_login(user_without_scope)
    assert _rows(client) == []
