from django.db import migrations


class Migration(migrations.Migration):
    """ExportRecord now lives in records (records/0003_audit_and_access renames the table): state only."""

    dependencies = [
        ('reporting', '0003_export_records'),
        ('records', '0003_audit_and_access'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name='exportrecord', name='reporting_e_user_id_99648a_idx'),
                migrations.DeleteModel(name='ExportRecord'),
            ],
        ),
    ]
