"""Round trip (issue 11): any valid household, written in any supported format and layout, imports to
exactly that household — every field — with no problem reported and the file's layout named in notices.

Formats: xlsx, xls, ods, and csv/txt with , ; | or tab in UTF-8 (BOM or not) or Windows-1252. Layouts: a
title block, a `No` column, one- or two-row headers with merged parents, a column-number row, totals
and signatures below the data, other sheets beside the data. Values in the forms the issue lists (see
tests/bnba_households.py and tests/bnba_layouts.py).
"""

from dataclasses import asdict

import pytest
from hypothesis import HealthCheck, given, settings

from beneficiaries.models import BatchStatus, DesilRecord, Graduation, ImportBatch, Person, PersonMove
from beneficiaries.models import Household as RegistryHousehold
from tests.bnba_files import import_batch, problems, validate_file
from tests.bnba_households import DISTRICT, KECAMATAN, VILLAGE, VILLAGE_CODE, Household
from tests.bnba_layouts import cases, expected_notices, write

pytestmark = pytest.mark.django_db
MEMBER_FIELDS = ("nik", "name", "sex", "relationship", "birth_place", "birth_date", "marital_status", "education",
                 "occupation", "has_disability", "disability_kind")  # fmt: skip
HOUSEHOLD_FIELDS = ("no_kk", "address", "dusun", "rt", "rw", "desil", "desil_source", "desil_as_of")


def clear_registry() -> None:
    """Each example starts from an empty registry (the fixtures' regions and users stay)."""
    PersonMove.objects.all().delete()
    Person.objects.all().delete()
    DesilRecord.objects.all().delete()
    Graduation.objects.all().delete()
    RegistryHousehold.objects.all().delete()
    ImportBatch.objects.all().delete()


def stored(household: RegistryHousehold) -> tuple[dict, list[dict]]:
    members = household.members.order_by("nik").values(*MEMBER_FIELDS)
    return {name: getattr(household, name) for name in HOUSEHOLD_FIELDS}, list(members)


def expected(household: Household) -> tuple[dict, list[dict]]:
    members = sorted((asdict(member) for member in household.members), key=lambda member: member["nik"])
    return {name: getattr(household, name) for name in HOUSEHOLD_FIELDS}, members


@settings(
    max_examples=100, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)  # fmt: skip
@given(case=cases())
def test_any_valid_household_in_any_file_imports_to_exactly_that_household(case, tmp_path, officer_a, village_a):
    assert (village_a.code, village_a.name, village_a.subdistrict.name) == (VILLAGE_CODE, VILLAGE, KECAMATAN)
    assert village_a.district.name.endswith(DISTRICT)
    household, spec = case
    clear_registry()

    batch = validate_file(
        officer_a, write(tmp_path, spec), desil_source=spec.default_source, desil_as_of=spec.default_as_of
    )

    assert problems(batch) == []
    assert batch.status == BatchStatus.READY
    assert batch.summary["notices"] == expected_notices(spec)
    assert batch.summary["ignored_columns"] == (["A: No"] if spec.no_column else [])
    assert (batch.summary["rows"], batch.summary["valid_rows"]) == (len(household.members),) * 2

    batch = import_batch(batch, officer_a)

    assert batch.status == BatchStatus.IMPORTED
    imported = RegistryHousehold.objects.get()
    assert (imported.village_id, imported.status, imported.p3ke_family_id) == (village_a.pk, "aktif", None)
    assert stored(imported) == expected(household)
    history = list(imported.desil_history.values_list("desil", "source", "as_of"))
    assert history == [(household.desil, household.desil_source, household.desil_as_of)]
