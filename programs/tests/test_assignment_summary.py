"""Assigned vs delivered, per agency and per village, and who sees which assignments."""

import pytest
from django.urls import reverse

from accounts.models import Role
from programs.assignments import summarise
from programs.models import Assignment, Recipient
from tests.factories import (
    AgencyFactory,
    AssignmentFactory,
    HouseholdFactory,
    InterventionFactory,
    UserFactory,
    VillageFactory,
)


def _delivered(assignment, *, recipients: int, status: str = "completed"):
    intervention = InterventionFactory(program=assignment.program, village=assignment.village, status=status)
    for household in HouseholdFactory.create_batch(recipients, village=assignment.village):
        Recipient.objects.create(intervention=intervention, household=household, added_by=intervention.created_by)
    assignment.intervention, assignment.status = intervention, "in_progress"
    assignment.save()


@pytest.fixture
def assignments(agency, village_a):
    other_village = VillageFactory(subdistrict=village_a.subdistrict, name="Banjar Uji")
    pertanian = [
        AssignmentFactory(village=village_a, program__lead_agency=agency, target_recipients=20),
        AssignmentFactory(village=other_village, program__lead_agency=agency, target_recipients=25),
    ]
    sosial = AssignmentFactory(village=village_a, program__lead_agency=AgencyFactory(short_name="Dinsos Uji"))
    _delivered(pertanian[0], recipients=3)
    _delivered(pertanian[1], recipients=2, status="in_progress")
    return pertanian, sosial


def test_it_sums_assigned_and_delivered_per_agency(assignments, agency):
    rows = {row.label: row for row in summarise(assignments=Assignment.objects.all(), by="agency")}
    mine = rows[agency.short_name]
    assert (mine.assignments, mine.target, mine.started, mine.delivered, mine.reached) == (2, 45, 2, 1, 5)
    sosial = rows["Dinsos Uji"]
    assert (sosial.assignments, sosial.target, sosial.started, sosial.delivered, sosial.reached) == (1, 20, 0, 0, 0)


def test_it_sums_assigned_and_delivered_per_village(assignments, village_a):
    rows = {row.code: row for row in summarise(assignments=Assignment.objects.all(), by="village")}
    here = rows[village_a.code]
    assert (here.assignments, here.target, here.delivered, here.reached) == (2, 40, 1, 3)
    assert here.detail == village_a.district.name


def test_the_summary_page_shows_each_user_their_scope(client, assignments, agency_staff, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("programs:assignment_summary"))
    assert response.context["total"].assignments == 3 and response.context["total"].reached == 5
    client.force_login(agency_staff)
    response = client.get(reverse("programs:assignment_summary"))
    assert [row.label for row in response.context["sections"][0][1]] == [agency_staff.agency.short_name]


def test_it_scopes_assignments_by_role(
    agency, village_a, village_b, admin_user, officer_a, officer_b, agency_staff, viewer, viewer_a, user_without_scope
):
    in_a = AssignmentFactory(village=village_a, program__lead_agency=agency)
    in_b = AssignmentFactory(village=village_b)
    visible = {
        admin_user: {in_a, in_b},
        agency_staff: {in_a},
        officer_a: {in_a},
        officer_b: {in_b},
        viewer_a: {in_a},
        viewer: set(),
        user_without_scope: set(),
    }
    for user, expected in visible.items():
        assert set(Assignment.objects.visible_to(user)) == expected, user.username


def test_staff_of_an_inactive_agency_see_nothing(agency, village_a):
    AssignmentFactory(village=village_a, program__lead_agency=agency)
    staff = UserFactory(role=Role.AGENCY_STAFF, agency=agency)
    agency.active = False
    agency.save()
    staff.refresh_from_db()
    assert not Assignment.objects.visible_to(staff).exists()
