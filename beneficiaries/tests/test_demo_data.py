import re
from io import StringIO

from django.core.management import call_command

from beneficiaries.models import DesilRecord, Household, ImportBatch, Person
from beneficiaries.validators import check_nik


def test_it_creates_valid_synthetic_households_through_the_pipeline(village_a, village_b):
    out = StringIO()
    call_command("generate_demo_data", "--households", "40", stdout=out)
    assert re.search(r"Data demo: 40 keluarga, \d+ orang", out.getvalue())
    assert Household.objects.count() == 40
    assert ImportBatch.objects.get().summary["rejected_rows"] == 0
    assert all(Household.objects.get(pk=pk).members.filter(relationship="kepala").count() == 1
               for pk in Household.objects.values_list("pk", flat=True))  # fmt: skip
    for person in Person.objects.select_related("household__village__subdistrict"):
        result = check_nik(person.nik, sex=person.sex, birth_date=person.birth_date)
        assert result.errors == []
    desils = list(DesilRecord.objects.values_list("desil", flat=True))
    assert sum(1 for d in desils if d <= 3) > len(desils) / 2, "skewed to the poorest deciles"


def test_it_does_nothing_when_asked_only_for_an_empty_registry(village_a):
    call_command("generate_demo_data", "--households", "5", stdout=StringIO())
    out = StringIO()
    call_command("generate_demo_data", "--households", "5", "--if-empty", stdout=out)
    assert "tidak dibuat lagi" in out.getvalue()
    assert Household.objects.count() == 5
