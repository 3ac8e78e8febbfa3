"""Seed the kinds of program the province coordinates against poverty (editable by admins)."""

from django.db import migrations

KINDS = [
    ("bsps-rtlh", "Bantuan stimulan perumahan swadaya / rehabilitasi rumah tidak layak huni (BSPS/RTLH)", 1),
    ("perlindungan-sosial-pmks", "Perlindungan dan jaminan sosial bagi PMKS", 1),
    ("perbaikan-gizi", "Perbaikan gizi masyarakat dan pencegahan stunting", 1),
    ("beasiswa", "Beasiswa pendidikan bagi keluarga miskin", 1),
    ("pemberdayaan-ekonomi-perempuan", "Pemberdayaan ekonomi perempuan", 2),
    ("sarana-petani-nelayan", "Bantuan sarana dan prasarana petani dan nelayan", 2),
    ("pelatihan-kewirausahaan", "Pelatihan kewirausahaan", 3),
    ("pengembangan-umkm", "Pengembangan usaha mikro, kecil dan menengah (UMKM)", 3),
    ("hilirisasi-padi", "Desaku Maju: hilirisasi padi melalui koperasi, BUMDes dan gapoktan", 3),
    ("hilirisasi-jagung", "Desaku Maju: hilirisasi jagung melalui koperasi, BUMDes dan gapoktan", 3),
    ("hilirisasi-singkong", "Desaku Maju: hilirisasi singkong melalui koperasi, BUMDes dan gapoktan", 3),
]


def seed(apps, schema_editor):
    ProgramKind = apps.get_model("programs", "ProgramKind")
    for code, name, cluster in KINDS:
        ProgramKind.objects.get_or_create(code=code, defaults={"name": name, "cluster": cluster})


class Migration(migrations.Migration):
    dependencies = [("programs", "0003_programs_interventions_recipients")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
