"""The province counter: persons of graduated households against 10,000, by kabupaten and by cluster."""

from beneficiaries.models import HouseholdStatus
from programs.targeting import graduation_counts
from tests.factories import HouseholdFactory, InterventionFactory, PersonFactory, ProgramKindFactory, RecipientFactory


def _graduated(village, size):
    household = HouseholdFactory(village=village, status=HouseholdStatus.GRADUATED)
    return household, [PersonFactory(household=household) for _ in range(size)]


def test_it_counts_persons_of_graduated_households_by_district_and_cluster(village_a, village_b, admin_user):
    first, _ = _graduated(village_a, 3)
    _, members = _graduated(village_b, 2)
    PersonFactory(household=HouseholdFactory(village=village_a))  # still active
    kube = ProgramKindFactory(code="kube-uji", name="Kelompok usaha uji", cluster=3)
    RecipientFactory(intervention=InterventionFactory(village=village_a), household=first)
    RecipientFactory(intervention=InterventionFactory(village=village_a, program__kind=kube), household=first)
    RecipientFactory(intervention=InterventionFactory(village=village_b, program__fiscal_year=2024), person=members[0])
    counts = graduation_counts(user=admin_user)
    assert (counts["total"], counts["target"], counts["percent"]) == (5, 10_000, 0.1)
    assert [(d.code, n) for d, n in counts["by_district"]] == [("18.01", 3), ("18.72", 2)]
    assert [n for _, n in counts["by_cluster"]] == [4, 0, 3, 1]  # klaster 1, 2, 3, none


def test_it_counts_only_the_users_scope(village_a, village_b, officer_b):
    _graduated(village_a, 3)
    _graduated(village_b, 2)
    counts = graduation_counts(user=officer_b)
    assert counts["total"] == 2
    assert [(d.code, n) for d, n in counts["by_district"]] == [("18.72", 2)]


def test_the_page_shows_the_counter(client, village_a, viewer):
    _graduated(village_a, 3)
    client.force_login(viewer)
    page = client.get("/program/sasaran/graduasi/").content.decode()
    assert "dari target 10.000 orang" in page
