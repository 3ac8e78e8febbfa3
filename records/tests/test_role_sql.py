"""The SQL that keeps the portal's database role from changing the records (docs/privacy/README.md)."""

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_it_revokes_update_delete_and_truncate_on_every_record_table():
    out = io.StringIO()
    call_command("records_role_sql", "desakumaju_app", stdout=out)
    sql = out.getvalue()
    assert 'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "desakumaju_app";' in sql
    for table in ("records_accessrecord", "records_exportrecord", "records_householdchange", "records_personchange"):
        assert f'REVOKE UPDATE, DELETE, TRUNCATE ON "{table}" FROM "desakumaju_app";' in sql
