"""The province dashboard's numbers against the small dataset of conftest.py."""

from reporting.tests.helpers import dashboard
from tests.factories import PersonFactory, RecipientFactory


def test_it_counts_active_households_and_persons_by_desil(dataset, admin_user):
    numbers = dashboard(admin_user).context["numbers"]
    assert numbers.households == [1, 2, 1, 0, 0, 1, 0, 0, 0, 0, 0]
    assert numbers.persons == [1, 5, 2, 0, 0, 1, 0, 0, 0, 0, 0]
    assert (numbers.poor_households, numbers.active_households) == (3, 5)
    assert numbers.desil1_share == 50.0


def test_it_counts_persons_reached_this_year_without_cancelled_work(dataset, admin_user):
    numbers = dashboard(admin_user).context["numbers"]
    assert (numbers.reached, numbers.reached_desil1) == (5, 4)


def test_a_person_reached_in_person_and_through_their_household_counts_once(dataset, admin_user):
    RecipientFactory(intervention=dataset.i1, person=dataset.h1.members.first())  # h1 is reached as a household
    RecipientFactory(intervention=dataset.i2, household=dataset.h2)  # one of h2 is reached in person
    numbers = dashboard(admin_user).context["numbers"]
    assert (numbers.reached, numbers.reached_desil1) == (3 + 2 + 1, 3 + 1)  # h1, h2 and h6's one, each once


def test_it_counts_interventions_recipients_and_budget_by_cluster_and_agency(dataset, admin_user, agency):
    response = dashboard(admin_user)
    numbers = response.context["numbers"]
    assert (numbers.work.interventions, numbers.work.recipients) == (2, 3)
    assert (numbers.work.planned, numbers.work.realised) == (15_000_000, 9_000_000)
    assert (numbers.by_cluster[1].interventions, numbers.by_cluster[2].interventions) == (1, 1)
    assert (numbers.by_agency[agency.pk].planned, numbers.by_agency[agency.pk].realised) == (10_000_000, 4_000_000)
    assert numbers.by_agency[dataset.other.pk].recipients == 1
    assert "Rp 10.000.000" in response.content.decode()


def test_it_shows_the_trend_by_semester_over_every_year(dataset, admin_user):
    trend = dict(dashboard(admin_user).context["trend"])
    assert {key: work.interventions for key, work in trend.items()} == {(2025, 2): 1, (2026, 1): 1, (2026, 2): 1}
    assert trend[(2025, 2)].realised == 7_000_000


def test_it_counts_locus_villages_against_the_floor_of_20(dataset, admin_user, village_a):
    numbers = dashboard(admin_user).context["numbers"]
    assert (numbers.locus, numbers.locus_met) == (1, 0)
    for _ in range(16):  # 4 reached already
        RecipientFactory(intervention=dataset.i1, person=PersonFactory(household=dataset.h2))
    numbers = dashboard(admin_user).context["numbers"]
    assert (numbers.locus, numbers.locus_met, numbers.locus_below) == (1, 1, 0)


def test_it_counts_graduated_persons_against_the_target(dataset, admin_user):
    response = dashboard(admin_user)
    numbers = response.context["numbers"]
    assert (numbers.graduated_households, numbers.graduated_persons) == (1, 2)
    assert numbers.graduation_percent == 0.02
    assert "0,0% dari target" in response.content.decode()


def test_it_writes_numbers_the_indonesian_way(dataset, admin_user):
    dataset.i1.planned_budget = 1_234_567_890
    dataset.i1.save()
    body = dashboard(admin_user).content.decode()
    assert "Rp 1.234.567.890" in body
    assert "50,0%" in body  # desil-1 share


def test_it_rows_every_district_with_its_own_numbers(dataset, admin_user, district_a, district_b):
    rows = {code: numbers for code, _, numbers, _ in dashboard(admin_user).context["rows"]}
    assert set(rows) == {district_a.code, district_b.code}
    assert (rows[district_a.code].reached, rows[district_b.code].reached) == (4, 1)
    assert (rows[district_a.code].work.realised, rows[district_b.code].work.realised) == (4_000_000, 5_000_000)
