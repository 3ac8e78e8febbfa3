"""Graduation following a desil import: above the threshold now, at or below it before."""

from datetime import date

import pytest

from beneficiaries.models import Graduation, Household, HouseholdStatus
from tests.bnba_files import family_rows, import_batch, validate_file, write_xlsx


def _import(tmp_path, officer, rows, desil, as_of, name):
    for row in rows:
        row[-1] = desil
    batch = validate_file(officer, write_xlsx(tmp_path / name, rows), desil_as_of=as_of)
    return import_batch(batch, officer)


def test_it_graduates_households_moving_above_the_threshold(tmp_path, officer_a, village_a):
    rows = family_rows(village_a, families=1)
    _import(tmp_path, officer_a, rows, 3, date(2026, 1, 1), "a.xlsx")
    assert Household.objects.get().status == HouseholdStatus.ACTIVE
    second = _import(tmp_path, officer_a, rows, 5, date(2026, 4, 1), "b.xlsx")
    household = Household.objects.get()
    assert (household.status, household.status_date, household.desil) == ("graduasi", date(2026, 4, 1), 5)
    assert household.status_reason == "Desil naik dari 3 menjadi 5 (impor BNBA)"
    graduation = Graduation.objects.get()
    assert (graduation.source, graduation.desil_before, graduation.desil_after) == ("desil", 3, 5)
    assert graduation.import_batch == second and graduation.recorded_by == officer_a


def test_it_leaves_households_staying_at_or_below_or_already_above(tmp_path, officer_a, village_a):
    rows = family_rows(village_a, families=1)
    _import(tmp_path, officer_a, rows, 2, date(2026, 1, 1), "a.xlsx")
    _import(tmp_path, officer_a, rows, 4, date(2026, 4, 1), "b.xlsx")
    assert Household.objects.get().status == HouseholdStatus.ACTIVE
    _import(tmp_path, officer_a, rows, 6, date(2026, 7, 1), "c.xlsx")
    _import(tmp_path, officer_a, rows, 7, date(2026, 10, 1), "d.xlsx")
    assert Graduation.objects.count() == 1


def test_a_new_household_ranked_above_the_threshold_has_not_graduated(tmp_path, officer_a, village_a):
    _import(tmp_path, officer_a, family_rows(village_a, families=1), 6, date(2026, 1, 1), "a.xlsx")
    assert Household.objects.get().status == HouseholdStatus.ACTIVE and not Graduation.objects.exists()


def test_the_threshold_is_a_setting(tmp_path, officer_a, village_a, settings):
    settings.GRADUATION_DESIL_THRESHOLD = 5
    rows = family_rows(village_a, families=1)
    _import(tmp_path, officer_a, rows, 3, date(2026, 1, 1), "a.xlsx")
    _import(tmp_path, officer_a, rows, 5, date(2026, 4, 1), "b.xlsx")
    assert Household.objects.get().status == HouseholdStatus.ACTIVE
    _import(tmp_path, officer_a, rows, 6, date(2026, 7, 1), "c.xlsx")
    assert Household.objects.get().status == HouseholdStatus.GRADUATED


@pytest.mark.parametrize("later", [True, False])
def test_an_older_ranking_does_not_graduate(tmp_path, officer_a, village_a, later):
    rows = family_rows(village_a, families=1)
    _import(tmp_path, officer_a, rows, 2, date(2026, 4, 1), "a.xlsx")
    _import(tmp_path, officer_a, rows, 6, date(2026, 7, 1) if later else date(2026, 1, 1), "b.xlsx")
    assert (Household.objects.get().status == HouseholdStatus.GRADUATED) is later
