"""The portal's own database role cannot alter the trail (SECURITY-CHECKLIST PII-02): UPDATE and DELETE of
every record table are refused by a trigger, whatever issues them."""

import pytest
from django.db import DatabaseError, connection, transaction

from beneficiaries.models import Household
from records.access import AccessAction, record_access_for
from records.append_only import append_only_models
from records.models import AccessRecord, ExportRecord
from records.tests.helpers import changes_of, needs_postgresql
from tests.factories import HouseholdFactory

pytestmark = [pytest.mark.django_db, needs_postgresql]


def _refused(sql: str, params=()) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError as error:
        assert "append-only" in str(error)
        return True
    return False


def test_the_app_role_cannot_update_or_delete_a_change_event(village_a):
    household = HouseholdFactory(village=village_a, address="Jl. Asli")
    table = Household.pgh_event_model._meta.db_table
    assert _refused(f"UPDATE {table} SET address = 'Dipalsukan' WHERE pgh_obj_id = %s", [household.pk])  # noqa: S608
    assert _refused(f"DELETE FROM {table} WHERE pgh_obj_id = %s", [household.pk])  # noqa: S608
    assert [e.address for e in changes_of(household)] == ["Jl. Asli"]


def test_the_orm_cannot_either(officer_a):
    record = record_access_for(officer_a, action=AccessAction.VIEW_HOUSEHOLD, household_id=1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessRecord.objects.filter(pk=record.pk).update(reason="dihapus")
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessRecord.objects.filter(pk=record.pk).delete()
    ExportRecord.objects.create(user=officer_a, role="x", list_name="keluarga", file_format="csv", row_count=1)
    with pytest.raises(DatabaseError), transaction.atomic():
        ExportRecord.objects.all().delete()
    assert AccessRecord.objects.filter(pk=record.pk, reason="").exists()


def test_every_record_table_has_the_trigger():
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = 'records_append_only'")
        protected = {row[0] for row in cursor.fetchall()}
    assert {model._meta.db_table for model in append_only_models()} <= protected
    assert "records_householdchange" in protected and "records_exportrecord" in protected


@pytest.fixture
def app_role():
    """A database role set up the way docs/privacy/README.md says the web's role is (records_role_sql)."""
    import io
    import uuid

    from django.core.management import call_command

    role = f"records_app_{uuid.uuid4().hex[:8]}"
    sql = io.StringIO()
    call_command("records_role_sql", role, stdout=sql)
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{role}" NOLOGIN')
        cursor.execute(sql.getvalue())
    yield role
    with connection.cursor() as cursor:
        cursor.execute(f'DROP OWNED BY "{role}"')
        cursor.execute(f'DROP ROLE "{role}"')


def test_a_role_set_up_as_documented_may_add_records_but_not_change_them(app_role, officer_a):
    record = record_access_for(officer_a, action=AccessAction.VIEW_HOUSEHOLD, household_id=1)
    with connection.cursor() as cursor:  # the test's transaction outlives a SET LOCAL: reset it by hand
        cursor.execute(f'SET ROLE "{app_role}"')
        try:
            cursor.execute("SELECT count(*) FROM records_accessrecord")
            record_access_for(officer_a, action=AccessAction.VIEW_HOUSEHOLD, household_id=2)
        finally:
            cursor.execute("RESET ROLE")
    for statement in ("UPDATE records_accessrecord SET reason = 'x'", "DELETE FROM records_accessrecord",
                      "TRUNCATE records_accessrecord CASCADE"):  # fmt: skip
        # Rolled back to its savepoint, the SET LOCAL ROLE goes with it.
        with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic(), connection.cursor() as c:
            c.execute(f'SET LOCAL ROLE "{app_role}"')
            c.execute(statement)
    assert AccessRecord.objects.filter(pk=record.pk).exists() and AccessRecord.objects.count() == 2
