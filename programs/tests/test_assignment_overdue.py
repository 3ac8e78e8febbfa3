"""Overdue is derived: not done and the due semester has ended."""

from datetime import date

import pytest
import time_machine

from programs.models import Assignment, InterventionStatus
from tests.factories import AssignmentFactory, InterventionFactory


@pytest.fixture
def due_s1_2026(village_a):
    return AssignmentFactory(village=village_a, due_year=2026, due_semester=1)


@pytest.mark.parametrize(
    ("today", "overdue"),
    [
        (date(2026, 3, 1), False),
        (date(2026, 6, 30), False),  # the last day of semester 1 is still in time
        (date(2026, 7, 1), True),
        (date(2027, 1, 2), True),
    ],
)
def test_it_derives_overdue_from_the_due_semester(due_s1_2026, today, overdue):
    assert (Assignment.objects.overdue(today).count() == 1) is overdue
    assert due_s1_2026.is_overdue(today) is overdue
    stage = Assignment.objects.with_stage(today).get().queue_stage
    assert stage == ("overdue" if overdue else "new")


def test_a_semester_2_assignment_is_overdue_only_the_next_year(village_a):
    assignment = AssignmentFactory(village=village_a, due_year=2026, due_semester=2)
    assert not assignment.is_overdue(date(2026, 12, 31))
    assert assignment.is_overdue(date(2027, 1, 1))


@pytest.mark.parametrize("status", [InterventionStatus.COMPLETED, InterventionStatus.VERIFIED])
def test_a_delivered_assignment_is_never_overdue(due_s1_2026, status):
    due_s1_2026.intervention = InterventionFactory(status=status, village=due_s1_2026.village)
    due_s1_2026.status = "in_progress"
    due_s1_2026.save()
    assert not Assignment.objects.overdue(date(2027, 1, 1)).exists()
    assert Assignment.objects.with_stage(date(2027, 1, 1)).get().queue_stage == "done"


def test_an_assignment_with_an_intervention_still_running_is_overdue(due_s1_2026):
    due_s1_2026.intervention = InterventionFactory(status="in_progress", village=due_s1_2026.village)
    due_s1_2026.save()
    assert Assignment.objects.overdue(date(2026, 8, 1)).get() == due_s1_2026


@time_machine.travel(date(2026, 7, 2), tick=False)
def test_the_property_reads_today_in_jakarta(due_s1_2026):
    assert due_s1_2026.overdue is True
    assert due_s1_2026.stage_label == "Terlambat"
