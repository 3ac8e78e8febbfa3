import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models


ACTIVE = ("uploaded", "validating", "importing", "ready")


def cancel_duplicates(apps, schema_editor):
    """Before the constraint: of several batches of one file in progress in a district, keep the newest."""
    ImportBatch = apps.get_model("beneficiaries", "ImportBatch")
    seen = set()
    for batch in ImportBatch.objects.filter(status__in=ACTIVE).order_by("-created_at", "-pk"):
        key = (batch.district_id or 0, batch.sha256, batch.kind)
        if key in seen:
            ImportBatch.objects.filter(pk=batch.pk).update(status="cancelled", message="Unggahan ganda dibatalkan.")
        seen.add(key)


class Migration(migrations.Migration):

    dependencies = [
        ('beneficiaries', '0005_bnba_fidelity'),
        ('villages', '0002_seed_commodities'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(cancel_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='importbatch',
            constraint=models.UniqueConstraint(django.db.models.functions.comparison.Coalesce('district', models.Value(0)), models.F('sha256'), models.F('kind'), condition=models.Q(('status__in', ('uploaded', 'validating', 'importing', 'ready'))), name='one_running_batch_per_file'),
        ),
    ]
