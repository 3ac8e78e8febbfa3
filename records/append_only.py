"""Append-only records on PostgreSQL: a trigger refuses every UPDATE and DELETE of their tables.

pgtrigger's own ``Protect`` trigger can be switched off by any session (``pgtrigger.ignore`` sets a
variable it reads), so the records get a plain trigger of their own that nothing switches off short of
altering the table, which the portal never does outside migrations. Installed after every ``migrate``
(idempotent). Deployments that run the web under its own database role can go further and grant it only
INSERT and SELECT on these tables (docs/privacy/README.md).
"""

from django.db import connections

FUNCTION = """
CREATE OR REPLACE FUNCTION records_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'records: % of % refused, the table is append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$
"""
TRIGGER = "records_append_only"


def append_only_models():
    from .history import change_models
    from .models import AccessRecord, AccessSubject, Alert, ChangeEvent, ExportRecord, PurgeRecord

    assert all(issubclass(model, ChangeEvent) for model in change_models())
    return [AccessRecord, AccessSubject, Alert, ExportRecord, PurgeRecord, *change_models()]


def install(using: str = "default", **kwargs) -> None:
    """(post_migrate) Create or refresh the refusing trigger on every append-only table."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(FUNCTION)
        for model in append_only_models():
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {table}")
            cursor.execute(
                f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION records_refuse_change()"
            )
