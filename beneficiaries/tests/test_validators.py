from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beneficiaries.validators import check_nik, check_no_kk, compose_nik, nik_birth_date

# A woman born 1 July 1990 registered in Natar (18.01.04), serial 0001.
VALID = "1801044107900001"


@pytest.mark.parametrize(
    ("nik", "error"),
    [
        ("180104410790001", "harus 16 digit (terbaca 15 digit)"),
        ("18010441079000011", "harus 16 digit (terbaca 17 digit)"),
        ("1801 0441 0790 0001", "hanya boleh berisi 16 digit angka"),
        ("18010441079O0001", "hanya boleh berisi 16 digit angka"),
        ("1.80104E+15", "hanya boleh berisi 16 digit angka"),
        ("", "NIK wajib diisi"),
        ("9901044107900001", "Kode provinsi NIK (99) tidak dikenal"),
        ("1801043002900001", "bukan tanggal yang mungkin"),  # 30 February
        ("1801047102900001", "bukan tanggal yang mungkin"),  # 31 February for a woman (71 - 40)
        ("1801040013900001", "bukan tanggal yang mungkin"),  # day 00, month 13
        ("1801044107900000", "tidak boleh 0000"),
    ],
)
def test_it_rejects(nik, error):
    errors = check_nik(nik).errors
    assert any(error in message for message in errors), errors


def test_it_never_repeats_the_nik_in_a_message():
    for nik in ["9901044107900001", "1801043002900001", "1801044107900000"]:
        assert all(nik not in message for message in check_nik(nik).errors)


@pytest.mark.parametrize(
    ("nik", "born", "sex"),
    [
        (VALID, date(1990, 7, 1), "P"),
        ("1801041507850003", date(1985, 7, 15), "L"),
        ("1871012902000001", date(2000, 2, 29), "L"),  # leap day of 2000
        ("3171015512100002", date(2010, 12, 15), "P"),  # born in Jakarta, lives in Lampung
    ],
)
def test_it_reads_the_birth_date_and_sex(nik, born, sex):
    result = check_nik(nik)
    assert not result.errors and (result.birth_date, result.sex) == (born, sex)


@pytest.mark.parametrize(
    ("kwargs", "warning"),
    [
        ({"kecamatan_code": "18.01.05"}, "berbeda dengan kecamatan domisili"),
        ({"sex": "L"}, "Jenis kelamin (L) tidak sesuai dengan NIK (P)"),
        ({"birth_date": date(1990, 7, 2)}, "Tanggal lahir tidak sesuai"),
    ],
)
def test_it_warns_but_accepts(kwargs, warning):
    result = check_nik(VALID, **kwargs)
    assert not result.errors
    assert any(warning in message for message in result.warnings), result.warnings


def test_it_warns_about_an_unknown_kecamatan_of_a_known_province():
    result = check_nik("1801994107900001")
    assert not result.errors and "tidak ada dalam daftar Kemendagri" in result.warnings[0]


def test_a_consistent_row_has_no_warning():
    assert check_nik(VALID, sex="P", birth_date=date(1990, 7, 1), kecamatan_code="18.01.04").warnings == []


@pytest.mark.parametrize(
    ("no_kk", "error"),
    [
        ("1801040101200003", None),
        ("180104010120003", "harus 16 digit"),
        ("1801040101200000", "tidak boleh 0000"),
        ("0001040101200003", "Kode provinsi"),
        ("18010401012OOOO3", "hanya boleh berisi"),
    ],
)
def test_it_checks_no_kk(no_kk, error):
    result = check_no_kk(no_kk)
    assert (result is None) if error is None else (error in result)


KECAMATAN = st.sampled_from(["18.01.04", "18.71.01", "18.72.01", "31.71.01", "12.01.01"])
# A NIK holds a two-digit year: within the last hundred years it is unambiguous.
BIRTH_DATES = st.dates(min_value=date(1930, 1, 1), max_value=date(2025, 12, 31))


@given(kecamatan=KECAMATAN, born=BIRTH_DATES, sex=st.sampled_from("LP"), serial=st.integers(1, 9999))
def test_every_generated_valid_nik_round_trips(kecamatan, born, sex, serial):
    nik = compose_nik(kecamatan_code=kecamatan, birth_date=born, sex=sex, serial=serial)
    result = check_nik(nik, sex=sex, birth_date=born, kecamatan_code=kecamatan)
    assert result.errors == [] and result.warnings == []
    assert nik_birth_date(nik, today=date(2026, 1, 1)) == (born, sex)
