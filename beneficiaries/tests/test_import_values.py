from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beneficiaries.imports import values
from beneficiaries.imports.values import CellError, CellWarning


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("01/07/1990", date(1990, 7, 1)),
        ("1-7-1990", date(1990, 7, 1)),
        ("1990-07-01", date(1990, 7, 1)),
        (datetime(1990, 7, 1, 0, 0), date(1990, 7, 1)),
        (date(1990, 7, 1), date(1990, 7, 1)),
        (33055, date(1990, 7, 1)),  # Excel serial
        (33055.0, date(1990, 7, 1)),
        ("33055", date(1990, 7, 1)),
        ("", None),
    ],
)
def test_it_reads_dates(cell, expected):
    assert values.parse_date(cell) == expected


@pytest.mark.parametrize("cell", ["30/02/1990", "1990-13-01", "07/01/90", "1 Juli 1990", "Januari"])
def test_it_rejects_impossible_or_unknown_dates(cell):
    with pytest.raises(CellError):
        values.parse_date(cell)


def test_a_birth_date_in_the_future_is_an_error():
    with pytest.raises(CellError, match="rentang"):
        values.birth_date("01/01/2999")


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)))
def test_every_date_round_trips_in_each_accepted_format(day):
    for text in (day.strftime("%d/%m/%Y"), day.strftime("%d-%m-%Y"), day.isoformat()):
        assert values.parse_date(text) == day


@pytest.mark.parametrize(
    ("cell", "sex"), [("L", "L"), ("p", "P"), ("Laki-laki", "L"), ("PEREMPUAN", "P"), (1, "L"), ("2", "P")]
)
def test_it_reads_sex(cell, sex):
    assert values.sex(cell) == sex


@pytest.mark.parametrize(("cell", "desil"), [(1, 1), ("1", 1), ("Desil 1", 1), ("desil 10", 10), (3.0, 3), ("", None)])
def test_it_reads_desil(cell, desil):
    assert values.desil(cell) == desil


@pytest.mark.parametrize("cell", ["0", "11", "Desil X", "satu"])
def test_it_rejects_other_desil(cell):
    with pytest.raises(CellError):
        values.desil(cell)


def test_a_nik_in_a_number_cell_is_rejected_never_repaired():
    with pytest.raises(CellError, match="tersimpan sebagai angka"):
        values.identity_number(1801044107900000.0, "NIK")
    with pytest.raises(CellError, match="tersimpan sebagai angka"):
        values.identity_number(1801044107900001, "NIK")


@pytest.mark.parametrize("cell", ["1.80104E+15", "1,80104E+15", "1.80104e15"])
def test_a_nik_in_scientific_notation_is_rejected(cell):
    with pytest.raises(CellError, match="notasi ilmiah"):
        values.identity_number(cell, "NIK")


def test_a_nik_typed_with_spaces_or_a_text_apostrophe_is_normalised():
    assert values.identity_number(" 1801 0441 0790 0001 ", "NIK") == "1801044107900001"
    assert values.identity_number("'1801044107900001", "NIK") == "1801044107900001"


@given(st.from_regex(r"\d{16}", fullmatch=True))
def test_every_sixteen_digit_text_cell_round_trips(text):
    assert values.identity_number(text, "NIK") == text


@given(st.one_of(st.integers(min_value=0, max_value=10**16), st.floats(allow_nan=False)))
def test_every_number_cell_is_rejected_as_nik(number):
    with pytest.raises(CellError):
        values.identity_number(number, "NIK")


@pytest.mark.parametrize(
    ("cell", "relationship"),
    [("Kepala Keluarga", "kepala"), ("ISTRI", "pasangan"), ("Anak", "anak"), ("Famili Lain", "famili")],
)
def test_it_reads_relationships(cell, relationship):
    assert values.relationship(cell) == relationship


def test_an_unknown_education_is_a_warning_and_left_empty():
    with pytest.raises(CellWarning) as raised:
        values.education("Pesantren kilat")
    assert raised.value.value == ""
    assert values.education("SMA/Sederajat") == "sma"


def test_a_too_long_cell_is_an_error():
    with pytest.raises(CellError, match="terlalu panjang"):
        values.text("x" * 10_000)
