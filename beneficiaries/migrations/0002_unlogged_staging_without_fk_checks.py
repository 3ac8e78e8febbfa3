import django.db.models.deletion
from django.db import migrations, models


def unlogged(apps, schema_editor):
    """Staged rows are transient: PostgreSQL need not log them (a crash fails the batch, then a retry)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE beneficiaries_stagedrow SET UNLOGGED")


def logged(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE beneficiaries_stagedrow SET LOGGED")


class Migration(migrations.Migration):
    dependencies = [
        ("beneficiaries", "0001_registry_and_import_batches"),
    ]

    operations = [
        migrations.AlterField(
            model_name="stagedrow",
            name="batch",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="beneficiaries.importbatch",
            ),
        ),
        migrations.RunPython(unlogged, logged),
    ]
