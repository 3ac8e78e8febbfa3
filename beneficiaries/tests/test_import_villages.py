"""Finding the village a row names: prefixes are removed only as whole words; no guess is applied."""

import pytest

from beneficiaries.imports.values import CellError
from beneficiaries.imports.villages import VillageIndex
from tests.factories import SubdistrictFactory, VillageFactory


@pytest.fixture
def index(district_a, village_a):
    jati = SubdistrictFactory(district=district_a, code="18.01.06", name="Jati Agung")
    VillageFactory(subdistrict=jati, code="18.01.06.2012", name="Kecapi")
    VillageFactory(subdistrict=jati, code="18.01.06.2013", name="Kelawi")
    VillageFactory(subdistrict=jati, code="18.01.06.2014", name="Pekon Balak")
    VillageFactory(subdistrict=jati, code="18.01.06.2015", name="Sukarame")
    return VillageIndex()


@pytest.mark.parametrize(
    ("subdistrict", "village", "code"),
    [("Jati Agung", "DESA KECAPI", "1801062012"), ("KEC. JATI AGUNG", "Kecapi", "1801062012"),
     ("Kecamatan Jati Agung", "KEL. KELAWI", "1801062013"), ("jati agung", "DESA KELAWI", "1801062013"),
     ("Jati Agung", "Pekon Balak", "1801062014"), ("Jati Agung", "PEKON SUKARAME", "1801062015"),
     ("Natar", "Ds. Hajimena", "1801042001"), ("NATAR", "HAJIMENA", "1801042001")],
)  # fmt: skip
def test_names_with_their_level_prefix_find_the_village(index, subdistrict, village, code):
    found = index.find({"subdistrict_name": subdistrict, "village_name": village})
    assert found.id == index.by_code[code].id


def test_a_district_prefix_narrows_the_search(index):
    record = {"district_name": "KAB. LAMPUNG SELATAN", "subdistrict_name": "Natar", "village_name": "Hajimena"}
    assert index.find(record).id == index.by_code["1801042001"].id
    with pytest.raises(CellError):
        index.find({**record, "district_name": "Kota Metro"})


def test_no_match_suggests_the_closest_name_in_the_kecamatan_without_applying_it(index):
    with pytest.raises(CellError) as refused:
        index.find({"subdistrict_name": "Jati Agung", "village_name": "Desa Kecapii"})
    assert str(refused.value) == (
        "Desa/kelurahan 'Desa Kecapii' tidak ditemukan di Kecamatan Jati Agung. Mungkin maksudnya 'Kecapi'? "
        "Perbaiki nama atau isi Kode Desa."
    )


def test_an_unknown_kecamatan_is_named(index):
    with pytest.raises(CellError, match="Kecamatan 'Jati Mundur' tidak ditemukan"):
        index.find({"subdistrict_name": "Jati Mundur", "village_name": "Kecapi"})
