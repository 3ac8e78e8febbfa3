import beneficiaries.models.imports
import beneficiaries.validators
import desakumaju.lib.storage
import django.db.models.deletion
from django.db import migrations, models

# Occupations were free text: the spellings the importer now codes, for the rows already kept.
OCCUPATION_CODES = {
    "belumtidakbekerja": "tidak_bekerja", "tidakbekerja": "tidak_bekerja", "mengurusrumahtangga": "rumah_tangga",
    "ibururumahtangga": "rumah_tangga", "pelajarmahasiswa": "pelajar", "pelajar": "pelajar", "mahasiswa": "pelajar",
    "pensiunan": "pensiunan", "petani": "petani", "petanipekebun": "petani", "pekebun": "petani",
    "buruhtani": "buruh_tani", "buruhtaniperkebunan": "buruh_tani", "peternak": "peternak", "nelayan": "nelayan",
    "nelayanperikanan": "nelayan", "buruhharianlepas": "buruh", "buruh": "buruh", "pedagang": "pedagang",
    "wiraswasta": "wiraswasta", "karyawanswasta": "karyawan", "karyawanhonorer": "karyawan", "pns": "pns",
    "sopir": "jasa", "tukang": "jasa", "lainnya": "lainnya",
}


def code_occupations(apps, schema_editor):
    """Known spellings become codes; an unknown free text cannot be kept in a coded field and is cleared."""
    Person = apps.get_model("beneficiaries", "Person")
    for text in Person.objects.exclude(occupation="").values_list("occupation", flat=True).distinct():
        key = "".join(c for c in text.casefold() if c.isalnum())
        Person.objects.filter(occupation=text).update(occupation=OCCUPATION_CODES.get(key, ""))


def drop_staged_rows(apps, schema_editor):
    """Staged rows were checked by the old rules: their batches are checked again from the file."""
    apps.get_model("beneficiaries", "StagedRow").objects.all().delete()
    apps.get_model("beneficiaries", "ImportBatch").objects.filter(
        status__in=["validating", "ready", "importing"]
    ).update(status="failed", message="Portal diperbarui: periksa ulang berkas ini dengan tombol Ulangi.")


def unlogged(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE beneficiaries_stagedranking SET UNLOGGED")


class Migration(migrations.Migration):

    dependencies = [
        ('beneficiaries', '0004_registry_writes_without_per_row_overhead'),
        ('villages', '0002_seed_commodities'),
    ]

    operations = [
        migrations.RunPython(code_occupations, migrations.RunPython.noop),
        migrations.RunPython(drop_staged_rows, migrations.RunPython.noop),
        migrations.CreateModel(
            name='StagedRanking',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('row', models.PositiveIntegerField()),
                ('household_id', models.BigIntegerField()),
                ('desil', models.PositiveSmallIntegerField()),
                ('source', models.CharField(max_length=10)),
                ('as_of', models.DateField()),
            ],
        ),
        migrations.AddField(
            model_name='household',
            name='p3ke_family_id',
            field=models.CharField(blank=True, help_text='Dari berkas P3KE individu; keluarga tanpa No. KK dikenali dengan ID ini sampai No. KK-nya diketahui.', max_length=40, null=True, verbose_name='ID keluarga P3KE'),
        ),
        migrations.AddField(
            model_name='importbatch',
            name='kind',
            field=models.CharField(choices=[('bnba', 'Data BNBA (keluarga dan anggota)'), ('desil', 'Pemeringkatan desil (DTSEN)')], default='bnba', max_length=5, verbose_name='jenis unggahan'),
        ),
        migrations.AddField(
            model_name='importbatch',
            name='problems_file',
            field=models.FileField(blank=True, help_text='Baris yang ditolak dengan isi aslinya dan alasannya, untuk diperbaiki dan diunggah lagi.', max_length=200, storage=desakumaju.lib.storage.private_storage, upload_to=beneficiaries.models.imports._problems_path, verbose_name='berkas masalah'),
        ),
        migrations.AddField(
            model_name='importbatch',
            name='sheet_name',
            field=models.CharField(blank=True, help_text='Lembar buku kerja yang dibaca; kosong: dipilih otomatis.', max_length=100, verbose_name='lembar'),
        ),
        migrations.AddField(
            model_name='person',
            name='disability_kind',
            field=models.CharField(blank=True, choices=[('fisik', 'Tuna daksa (fisik)'), ('netra', 'Tuna netra'), ('rungu', 'Tuna rungu'), ('wicara', 'Tuna wicara'), ('rungu_wicara', 'Tuna rungu wicara'), ('intelektual', 'Tuna grahita (intelektual)'), ('mental', 'Tuna laras / disabilitas mental'), ('ganda', 'Disabilitas ganda')], db_default='', max_length=15, verbose_name='jenis disabilitas'),
        ),
        migrations.AddField(
            model_name='stagedrow',
            name='disability_kind',
            field=models.CharField(default='', max_length=15),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='stagedrow',
            name='family',
            field=models.CharField(default='', max_length=46),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='stagedrow',
            name='p3ke_family_id',
            field=models.CharField(max_length=40, null=True),
        ),
        migrations.AlterField(
            model_name='household',
            name='no_kk',
            field=models.CharField(blank=True, max_length=16, null=True, validators=[beneficiaries.validators.validate_no_kk], verbose_name='No. KK'),
        ),
        migrations.AlterField(
            model_name='household',
            name='status',
            field=models.CharField(choices=[('aktif', 'Aktif'), ('graduasi', 'Keluar dari kemiskinan'), ('pindah', 'Pindah'), ('meninggal', 'Meninggal'), ('nonaktif', 'Tidak aktif'), ('digabung', 'Digabung ke keluarga lain')], default='aktif', max_length=10, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='person',
            name='has_disability',
            field=models.BooleanField(blank=True, help_text='Kosong: tidak diketahui.', null=True, verbose_name='penyandang disabilitas'),
        ),
        migrations.AlterField(
            model_name='person',
            name='marital_status',
            field=models.CharField(blank=True, choices=[('belum_kawin', 'Belum kawin'), ('kawin', 'Kawin'), ('cerai_hidup', 'Cerai hidup'), ('cerai_mati', 'Cerai mati'), ('cerai', 'Cerai (hidup/mati tidak dirinci)')], max_length=12, verbose_name='status perkawinan'),
        ),
        migrations.AlterField(
            model_name='person',
            name='occupation',
            field=models.CharField(blank=True, choices=[('tidak_bekerja', 'Belum/tidak bekerja'), ('rumah_tangga', 'Mengurus rumah tangga'), ('pelajar', 'Pelajar/mahasiswa'), ('pensiunan', 'Pensiunan'), ('petani', 'Petani/pekebun'), ('buruh_tani', 'Buruh tani/perkebunan'), ('peternak', 'Peternak'), ('nelayan', 'Nelayan/pembudidaya ikan'), ('buruh', 'Buruh harian lepas'), ('pedagang', 'Pedagang'), ('wiraswasta', 'Wiraswasta'), ('karyawan', 'Karyawan swasta/honorer'), ('pns', 'PNS/TNI/Polri'), ('jasa', 'Sopir, tukang dan jasa lainnya'), ('lainnya', 'Lainnya')], max_length=20, verbose_name='pekerjaan'),
        ),
        migrations.AlterField(
            model_name='person',
            name='relationship',
            field=models.CharField(choices=[('kepala', 'Kepala keluarga'), ('pasangan', 'Istri/suami'), ('anak', 'Anak'), ('menantu', 'Menantu'), ('cucu', 'Cucu'), ('orang_tua', 'Orang tua'), ('mertua', 'Mertua'), ('ortumertua', 'Orang tua/mertua'), ('famili', 'Famili lain'), ('lainnya', 'Lainnya')], max_length=10, verbose_name='hubungan dengan kepala keluarga'),
        ),
        migrations.AlterField(
            model_name='personmove',
            name='batch',
            field=models.ForeignKey(blank=True, help_text='Kosong: dipindahkan lewat penyuntingan, bukan unggahan.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='moves', to='beneficiaries.importbatch'),
        ),
        migrations.AlterField(
            model_name='stagedrow',
            name='has_disability',
            field=models.BooleanField(null=True),
        ),
        migrations.AlterField(
            model_name='stagedrow',
            name='no_kk',
            field=models.CharField(max_length=16, null=True),
        ),
        migrations.AlterField(
            model_name='stagedrow',
            name='occupation',
            field=models.CharField(max_length=20),
        ),
        migrations.AddConstraint(
            model_name='household',
            constraint=models.UniqueConstraint(fields=('p3ke_family_id',), name='household_p3ke_family_unique'),
        ),
        migrations.AddConstraint(
            model_name='household',
            constraint=models.CheckConstraint(condition=models.Q(('no_kk__isnull', False), ('p3ke_family_id__isnull', False), ('status', 'digabung'), _connector='OR'), name='household_known_by_no_kk_or_p3ke_id'),
        ),
        migrations.AddField(
            model_name='stagedranking',
            name='batch',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='beneficiaries.importbatch'),
        ),
        migrations.AddIndex(
            model_name='stagedranking',
            index=models.Index(fields=['batch', 'row'], name='beneficiari_batch_i_029b0b_idx'),
        ),
        migrations.RunPython(unlogged, migrations.RunPython.noop),
    ]
