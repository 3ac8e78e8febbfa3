from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reporting', '0004_export_records_move_to_records'),
    ]

    operations = [
        migrations.AlterField(
            model_name='report',
            name='status',
            field=models.CharField(choices=[('queued', 'Dalam antrean'), ('building', 'Sedang disusun'), ('ready', 'Siap diunduh'), ('failed', 'Gagal'), ('cancelled', 'Dibatalkan')], default='queued', max_length=10, verbose_name='status'),
        ),
    ]
