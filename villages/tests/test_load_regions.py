from io import StringIO

from django.core.management import call_command
from django.db.models import F

from villages.models import District, Subdistrict, Village


def _load() -> str:
    out = StringIO()
    call_command("load_regions", stdout=out)
    return out.getvalue()


def test_it_loads_all_of_lampung(db):
    _load()
    assert District.objects.count() == 15
    assert Subdistrict.objects.count() == 229
    assert Village.objects.filter(kind="desa").count() == 2446
    assert Village.objects.filter(kind="kelurahan").count() == 205
    assert District.objects.filter(kind="kota").count() == 2


def test_it_keeps_codes_names_and_the_hierarchy(db):
    _load()
    hajimena = Village.objects.select_related("subdistrict", "district").get(code="18.01.04.2001")
    assert (hajimena.name, hajimena.kind, hajimena.postal_code) == ("Hajimena", "desa", "35362")
    assert hajimena.subdistrict.code == "18.01.04" and hajimena.subdistrict.name == "Natar"
    assert hajimena.district.code == "18.01" and hajimena.district.name == "Kabupaten Lampung Selatan"
    assert not Village.objects.exclude(district=F("subdistrict__district")).exists()


def test_running_it_twice_changes_nothing(db):
    _load()
    before = list(Village.objects.order_by("pk").values_list("pk", "code", "name", "subdistrict_id"))
    output = _load()
    assert "tidak ada perubahan" in output
    assert list(Village.objects.order_by("pk").values_list("pk", "code", "name", "subdistrict_id")) == before


def test_it_repairs_a_renamed_region_without_new_rows(db):
    _load()
    Village.objects.filter(code="18.01.04.2001").update(name="Salah Ketik")
    output = _load()
    assert "diubah" in output
    assert Village.objects.get(code="18.01.04.2001").name == "Hajimena"
    assert Village.objects.count() == 2651
