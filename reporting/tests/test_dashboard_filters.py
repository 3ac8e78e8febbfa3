"""Filters: fiscal year, semester, program, cluster, agency."""

from reporting.tests.helpers import dashboard


def test_the_semester_filter_keeps_that_semesters_work_and_reach(dataset, admin_user):
    numbers = dashboard(admin_user, semester=2).context["numbers"]
    assert (numbers.work.interventions, numbers.work.realised, numbers.reached) == (1, 5_000_000, 1)


def test_the_cluster_filter(dataset, admin_user):
    numbers = dashboard(admin_user, cluster=1).context["numbers"]
    assert (numbers.work.interventions, numbers.work.planned, numbers.reached) == (1, 10_000_000, 4)
    assert set(numbers.by_cluster) == {1}


def test_the_program_filter(dataset, admin_user):
    numbers = dashboard(admin_user, program=dataset.i2.program_id).context["numbers"]
    assert (numbers.work.interventions, numbers.reached, numbers.reached_desil1) == (1, 1, 1)


def test_the_agency_filter(dataset, admin_user):
    numbers = dashboard(admin_user, agency=dataset.other.pk).context["numbers"]
    assert set(numbers.by_agency) == {dataset.other.pk}


def test_the_year_filter(dataset, admin_user):
    numbers = dashboard(admin_user, tahun=2025).context["numbers"]
    assert (numbers.work.interventions, numbers.work.realised, numbers.reached, numbers.locus) == (1, 7_000_000, 0, 0)


def test_the_registry_numbers_do_not_depend_on_the_work_filters(dataset, admin_user):
    numbers = dashboard(admin_user, cluster=2, semester=1).context["numbers"]
    assert numbers.households[1] == 2 and numbers.graduated_persons == 2
