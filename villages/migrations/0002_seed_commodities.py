"""Seed the main commodities of Desaku Maju's down-streaming: padi, jagung, singkong, and other."""

from django.db import migrations

COMMODITIES = [("padi", "Padi"), ("jagung", "Jagung"), ("singkong", "Singkong"), ("lainnya", "Lainnya")]


def seed(apps, schema_editor):
    Commodity = apps.get_model("villages", "Commodity")
    for code, name in COMMODITIES:
        Commodity.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("villages", "0001_regions_and_village_years")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
