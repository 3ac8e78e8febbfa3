"""Seed Lampung's provincial agencies (OPD) that deliver poverty programs; admins edit them later."""

from django.db import migrations

AGENCIES = [
    ("Badan Perencanaan Pembangunan Daerah Provinsi Lampung", "Bappeda"),
    ("Dinas Sosial Provinsi Lampung", "Dinas Sosial"),
    ("Dinas Tanaman Pangan dan Hortikultura Provinsi Lampung", "Dinas Pertanian TPH"),
    ("Dinas Perumahan dan Kawasan Permukiman Provinsi Lampung", "Dinas Perkim"),
    ("Dinas Koperasi dan Usaha Kecil dan Menengah Provinsi Lampung", "Dinas Koperasi UKM"),
    ("Dinas Kesehatan Provinsi Lampung", "Dinas Kesehatan"),
    ("Dinas Pendidikan dan Kebudayaan Provinsi Lampung", "Disdikbud"),
    ("Dinas Pemberdayaan Masyarakat, Desa dan Transmigrasi Provinsi Lampung", "Dinas PMDT"),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak Provinsi Lampung", "Dinas PPPA"),
    ("Dinas Kelautan dan Perikanan Provinsi Lampung", "Dinas Kelautan dan Perikanan"),
    ("Dinas Ketahanan Pangan Provinsi Lampung", "Dinas Ketahanan Pangan"),
    ("Dinas Perindustrian dan Perdagangan Provinsi Lampung", "Disperindag"),
    ("Dinas Tenaga Kerja Provinsi Lampung", "Disnaker"),
]


def seed(apps, schema_editor):
    Agency = apps.get_model("programs", "Agency")
    for name, short_name in AGENCIES:
        Agency.objects.get_or_create(name=name, defaults={"short_name": short_name, "level": "province"})


class Migration(migrations.Migration):
    dependencies = [("programs", "0001_agencies")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
