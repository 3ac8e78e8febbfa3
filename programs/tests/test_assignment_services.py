"""programs.assignments: assign many villages at once, accept, turn into an intervention, mark done."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import Role
from programs.assignments import accept, assign, mark_done, start_intervention
from programs.models import Assignment, AssignmentStatus, Intervention
from programs.services import WorkflowError
from tests.factories import (
    AgencyFactory,
    AssignmentFactory,
    ProgramFactory,
    UserFactory,
    VillageFactory,
)


@pytest.fixture
def program(agency):
    return ProgramFactory(lead_agency=agency, fiscal_year=2026)


def _assign(program, villages, user, **overrides):
    fields = {
        "program": program,
        "agency": program.lead_agency,
        "villages": villages,
        "target_recipients": 20,
        "due_year": 2026,
        "due_semester": 2,
        "description": "Bantuan benih jagung",
        "commodity": None,
        "user": user,
    }
    return assign(**{**fields, **overrides})


def test_it_assigns_many_villages_at_once_and_skips_duplicates(program, admin_user, village_a):
    others = VillageFactory.create_batch(3, subdistrict=village_a.subdistrict)
    _assign(program, [village_a], admin_user)
    result = _assign(program, [village_a, *others], admin_user)
    assert [a.village for a in result.created] == others
    assert result.skipped == [village_a]
    assert Assignment.objects.filter(program=program).count() == 4
    assert {a.status for a in result.created} == {AssignmentStatus.NEW}
    assert {a.assigned_by for a in result.created} == {admin_user}


def test_it_assigns_the_same_village_again_for_another_semester(program, admin_user, village_a):
    _assign(program, [village_a], admin_user, due_semester=1)
    result = _assign(program, [village_a], admin_user, due_semester=2)
    assert len(result.created) == 1 and not result.skipped


@pytest.mark.parametrize("role", ["officer_a", "agency_staff", "viewer"])
def test_only_admins_assign(request, role, program, village_a):
    with pytest.raises(PermissionDenied):
        _assign(program, [village_a], request.getfixturevalue(role))
    assert not Assignment.objects.exists()


def test_it_refuses_a_third_semester(program, admin_user, village_a):
    with pytest.raises(WorkflowError):
        _assign(program, [village_a], admin_user, due_semester=3)


def test_it_lets_the_agency_accept(agency_staff, village_a, agency):
    assignment = AssignmentFactory(village=village_a, program__lead_agency=agency)
    accepted = accept(assignment=assignment, user=agency_staff)
    assert accepted.status == AssignmentStatus.ACCEPTED
    assert accepted.accepted_by == agency_staff and accepted.accepted_at is not None
    with pytest.raises(WorkflowError):
        accept(assignment=assignment, user=agency_staff)


@pytest.mark.parametrize("role", ["admin_user", "officer_a", "other_agency_staff"])
def test_only_the_agency_accepts(request, role, village_a, agency):
    request.getfixturevalue("agency_staff")
    if role == "other_agency_staff":
        user = UserFactory(role=Role.AGENCY_STAFF, agency=AgencyFactory())
    else:
        user = request.getfixturevalue(role)
    assignment = AssignmentFactory(village=village_a, program__lead_agency=agency)
    with pytest.raises(PermissionDenied):
        accept(assignment=assignment, user=user)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.NEW


def test_it_turns_an_accepted_assignment_into_its_planned_intervention(agency_staff, village_a, agency):
    assignment = AssignmentFactory(
        village=village_a, program__lead_agency=agency, program__fiscal_year=2026, due_semester=2
    )
    accept(assignment=assignment, user=agency_staff)
    intervention = start_intervention(assignment=assignment, user=agency_staff)
    assignment.refresh_from_db()
    assert assignment.intervention == intervention
    assert assignment.status == AssignmentStatus.IN_PROGRESS
    assert (intervention.program, intervention.agency, intervention.village) == (
        assignment.program,
        agency,
        village_a,
    )
    assert intervention.status == "planned" and intervention.planned_budget == 0
    assert intervention.planned_date == date(2026, 7, 1)
    assert intervention.description == assignment.description and intervention.quantity == 20
    assert list(intervention.status_changes.values_list("from_status", "to_status")) == [("", "planned")]
    with pytest.raises(WorkflowError):
        start_intervention(assignment=assignment, user=agency_staff)
    assert Intervention.objects.count() == 1


def test_it_makes_no_intervention_before_the_assignment_is_accepted(agency_staff, village_a, agency):
    assignment = AssignmentFactory(village=village_a, program__lead_agency=agency)
    with pytest.raises(WorkflowError):
        start_intervention(assignment=assignment, user=agency_staff)
    assert not Intervention.objects.exists()


def test_it_replaces_a_cancelled_intervention(agency_staff, village_a, agency):
    assignment = AssignmentFactory(village=village_a, program__lead_agency=agency)
    accept(assignment=assignment, user=agency_staff)
    first = start_intervention(assignment=assignment, user=agency_staff)
    Intervention.objects.filter(pk=first.pk).update(status="cancelled")
    second = start_intervention(assignment=assignment, user=agency_staff)
    assignment.refresh_from_db()
    assert assignment.intervention == second != first


def test_it_is_done_when_its_intervention_is_completed_or_verified(agency_staff, village_a, agency):
    assignment = AssignmentFactory(village=village_a, program__lead_agency=agency)
    accept(assignment=assignment, user=agency_staff)
    intervention = start_intervention(assignment=assignment, user=agency_staff)
    with pytest.raises(WorkflowError):
        mark_done(assignment=assignment, user=agency_staff)
    Intervention.objects.filter(pk=intervention.pk).update(status="completed")
    assert Assignment.objects.done().get() == assignment
    assert Assignment.objects.get().stage == "done"
    assert mark_done(assignment=assignment, user=agency_staff).status == AssignmentStatus.DONE
