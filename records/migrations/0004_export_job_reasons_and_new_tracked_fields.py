from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('records', '0003_audit_and_access'),
    ]

    operations = [
        migrations.AddField(
            model_name='exportjob',
            name='full_identity_numbers',
            field=models.BooleanField(default=False, verbose_name='NIK/No. KK lengkap'),
        ),
        migrations.AddField(
            model_name='exportjob',
            name='purpose',
            field=models.CharField(blank=True, max_length=20, verbose_name='tujuan'),
        ),
        migrations.AddField(
            model_name='exportjob',
            name='reason',
            field=models.CharField(blank=True, max_length=300, verbose_name='keterangan tujuan'),
        ),
        migrations.AddField(
            model_name='householdchange',
            name='p3ke_family_id',
            field=models.CharField(blank=True, max_length=40, null=True),
        ),
        migrations.AddField(
            model_name='personchange',
            name='disability_kind',
            field=models.CharField(blank=True, db_default='', max_length=15),
        ),
        migrations.AddField(
            model_name='userchange',
            name='session_generation',
            field=models.PositiveIntegerField(default=0, editable=False),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name='householdchange',
            name='no_kk',
            field=models.CharField(blank=True, max_length=16, null=True),
        ),
        migrations.AlterField(
            model_name='personchange',
            name='has_disability',
            field=models.BooleanField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name='personchange',
            name='occupation',
            field=models.CharField(blank=True, max_length=20),
        ),
    ]
