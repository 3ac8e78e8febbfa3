"""Every form a district file writes a coded or dated cell in, and the value the registry keeps for it."""

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beneficiaries.imports import dates, values
from beneficiaries.imports.codes import DTKS, DUKCAPIL
from beneficiaries.imports.values import CellError, CellWarning

TODAY = date(2026, 12, 2)


def read(cell, order=dates.DAY_FIRST):
    return dates.read_date(cell, order=order, today=TODAY).value


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("01/07/1990", date(1990, 7, 1)),
        ("1-7-1990", date(1990, 7, 1)),
        ("29.09.1960", date(1960, 9, 29)),
        ("1990-07-01", date(1990, 7, 1)),
        ("1990/07/01", date(1990, 7, 1)),
        ("1967-08-20 00:00:00", date(1967, 8, 20)),
        ("1967-08-20T00:00:00", date(1967, 8, 20)),
        ("20/08/1967 00:00", date(1967, 8, 20)),
        ("16 Januari 1975", date(1975, 1, 16)),
        ("16 januari 1975", date(1975, 1, 16)),
        ("07 JUNI 1984", date(1984, 6, 7)),
        ("17-Jun-72", date(1972, 6, 17)),
        ("17-Agu-1945", date(1945, 8, 17)),
        ("17 Ags 1945", date(1945, 8, 17)),
        ("17 Agt 1945", date(1945, 8, 17)),
        ("3 Okt 1999", date(1999, 10, 3)),
        ("25 Des 2000", date(2000, 12, 25)),
        ("5 Mei 1960", date(1960, 5, 5)),
        ("1 Pebruari 1950", date(1950, 2, 1)),
        ("10 Nopember 1945", date(1945, 11, 10)),
        ("June 17, 1972", date(1972, 6, 17)),
        ("Sep 3 1999", date(1999, 9, 3)),
        ("Senin, 16 Januari 1978", date(1978, 1, 16)),
        ("07/01/90", date(1990, 1, 7)),  # two-digit year: the century that gives an age of 0–100
        ("07/01/20", date(2020, 1, 7)),
        ("07/01/27", date(1927, 1, 7)),  # 2027 has not come yet on the upload date
        (datetime(1990, 7, 1, 0, 0), date(1990, 7, 1)),
        (date(1990, 7, 1), date(1990, 7, 1)),
        (33055, date(1990, 7, 1)),  # a workbook's number cell: an Excel serial without its date format
        (33055.0, date(1990, 7, 1)),
        ("", None),
    ],
)
def test_it_reads_dates(cell, expected):
    assert read(cell) == expected


@pytest.mark.parametrize("cell", ["30/02/1990", "1990-13-01", "1 Juliee 1990", "Januari", "33055", "29250", "12345"])
def test_it_refuses_impossible_or_unknown_dates_and_bare_numbers_in_text(cell):
    """UP-08: a bare number in a text file's date column is not an Excel serial."""
    with pytest.raises(CellError):
        read(cell)


@pytest.mark.parametrize("cell", ["1989", 1989, 1989.0, "-", "--", "00-00-0000", "0000-00-00", "00/00/1989", "?",
                                  "tidak tahu", "xx-xx-xxxx", "1989-00-00"])  # fmt: skip
def test_a_bare_year_or_a_placeholder_leaves_the_date_empty_with_a_warning(cell):
    with pytest.raises(CellWarning) as warning:
        read(cell)
    assert warning.value.value is None


def test_a_month_first_file_reads_month_first():
    assert read("2/4/1988", dates.MONTH_FIRST) == date(1988, 2, 4)
    assert read("12/25/1980", dates.MONTH_FIRST) == date(1980, 12, 25)
    with pytest.raises(CellError, match="25 Desember 1980"):
        read("12/25/1980")  # day-first: month 25 is impossible; the other reading is named


def test_an_ambiguous_date_carries_its_other_reading():
    reading = dates.read_date("02/04/1988", order=dates.DAY_FIRST, today=TODAY)
    assert (reading.value, reading.other) == (date(1988, 4, 2), date(1988, 2, 4))
    assert dates.read_date("13/04/1988", order=dates.DAY_FIRST, today=TODAY).other is None


@pytest.mark.parametrize(
    ("cell", "evidence"),
    [("13/02/1990", dates.DAY_FIRST), ("02/13/1990", dates.MONTH_FIRST), ("02/03/1990", None), (33055, None)],
)
def test_order_evidence(cell, evidence):
    assert dates.order_evidence(cell) == evidence


@given(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
def test_every_date_round_trips_in_each_accepted_format(day):
    month = dates.MONTH_NAMES[day.month]
    for text in (day.strftime("%d/%m/%Y"), day.strftime("%d-%m-%Y"), day.strftime("%d.%m.%Y"), day.isoformat(),
                 f"{day.day} {month} {day.year}", f"{day.day} {month.upper()[:3]} {day.year}",
                 day.strftime("%Y-%m-%d 00:00:00")):  # fmt: skip
        assert read(text) == day
    assert read(day.strftime("%m/%d/%Y"), dates.MONTH_FIRST) == day


def test_a_birth_date_in_the_future_is_an_error():
    with pytest.raises(CellError, match="rentang"):
        dates.birth_date("01/01/2999", read=lambda v: dates.read_date(v, today=TODAY), today=TODAY)


@pytest.mark.parametrize(
    ("cell", "desil"),
    [(1, 1), ("1", 1), (1.0, 1), ("1.0", 1), ("1,0", 1), ("Desil 1", 1), ("desil 10", 10), ("Desil I", 1),
     ("I", 1), ("IV", 4), ("Desil X", 10), ("DESIL-3", 3), ("10.00", 10), (3.0, 3), ("", None)],
)  # fmt: skip
def test_it_reads_desil(cell, desil):
    assert values.desil(cell) == desil


@pytest.mark.parametrize("cell", ["0", "11", "1.5", 1.5, "satu", "Desil XI", "10,5", "-1", "1/2"])
def test_it_refuses_other_desil(cell):
    with pytest.raises(CellError):
        values.desil(cell)


@pytest.mark.parametrize(
    ("cell", "sex"),
    [("L", "L"), ("p", "P"), ("Lk", "L"), ("PR", "P"), ("LK", "L"), ("Laki-laki", "L"), ("LAKI - LAKI", "L"),
     ("Laki", "L"), ("Pria", "L"), ("PEREMPUAN", "P"), ("Wanita", "P"), (1, "L"), ("2", "P"), (2.0, "P")],
)  # fmt: skip
def test_it_reads_sex(cell, sex):
    assert values.sex(cell) == sex


@pytest.mark.parametrize("cell", ["X", "3", "", "laki perempuan"])
def test_it_refuses_other_sex(cell):
    with pytest.raises(CellError):
        values.sex(cell)


@pytest.mark.parametrize(
    ("cell", "codes", "expected"),
    [("Kepala Keluarga", None, "kepala"), ("KEPALA RUMAH TANGGA", None, "kepala"), ("Istri", None, "pasangan"),
     ("SUAMI", None, "pasangan"), ("Anak Kandung", None, "anak"), ("Orang Tua/Mertua", None, "ortumertua"),
     ("Famili Lain", None, "famili"), ("Pembantu", None, "lainnya"), ("1", None, "kepala"), ("2", None, "pasangan"),
     ("3", DUKCAPIL, "pasangan"), ("3", DTKS, "anak"), ("4", DUKCAPIL, "anak"), ("4", DTKS, "menantu"),
     ("6", DTKS, "ortumertua"), ("8", DUKCAPIL, "mertua"), ("9", DUKCAPIL, "famili"), ("9", None, "famili"),
     ("11", None, "lainnya"), (3.0, DTKS, "anak"), ("01", DUKCAPIL, "kepala")],
)  # fmt: skip
def test_it_reads_relationships_in_words_and_each_code_list(cell, codes, expected):
    assert values.relationship(cell, codes) == expected


def test_a_code_the_lists_disagree_on_is_refused_when_the_file_does_not_say_which_list():
    with pytest.raises(CellError, match=r"'Istri/suami' di kode Dukcapil .* 'Anak' di kode DTKS"):
        values.relationship("3")
    with pytest.raises(CellError, match="tidak ada di daftar"):
        values.relationship("12", DUKCAPIL)
    with pytest.raises(CellError):
        values.relationship("9", DTKS)


@pytest.mark.parametrize(
    ("cell", "has", "kind"),
    [("Tidak", False, ""), ("tidak ada", False, ""), ("Tidak Cacat", False, ""), ("Bukan Disabilitas", False, ""),
     ("Normal", False, ""), ("-", False, ""), ("0", False, ""), (0, False, ""), ("TIDAK", False, ""),
     ("Ya", True, ""), (1, True, ""), ("Tuna Daksa", True, "fisik"), ("Tuna Netra", True, "netra"),
     ("tunarungu", True, "rungu"), ("Tuna Wicara", True, "wicara"), ("Tuna Grahita", True, "intelektual"),
     ("ODGJ", True, "mental"), ("Disabilitas Ganda", True, "ganda"), ("", None, "")],
)  # fmt: skip
def test_it_reads_disability(cell, has, kind):
    assert values.disability(cell) == {"has_disability": has, "disability_kind": kind}


@pytest.mark.parametrize("cell", ["Kadang-kadang", "Sakit", "?", "2"])
def test_an_unknown_disability_is_a_warning_and_stays_empty_never_yes(cell):
    with pytest.raises(CellWarning, match="tidak dikenal") as warning:
        values.disability(cell)
    assert warning.value.value == {"has_disability": None, "disability_kind": ""}


@pytest.mark.parametrize(
    ("parser", "cell", "expected"),
    [(values.education, "TAMAT SD / SEDERAJAT", "sd"), (values.education, "SLTA / SEDERAJAT", "sma"),
     (values.education, "DIPLOMA IV/ STRATA I", "s1"), (values.education, "BELUM TAMAT SD/SEDERAJAT", "tidak_sekolah"),
     (values.education, "TIDAK/BELUM SEKOLAH", "tidak_sekolah"), (values.education, "SLTP/SEDERAJAT", "smp"),
     (values.education, "AKADEMI/DIPLOMA III/S. MUDA", "diploma"), (values.education, "STRATA II", "s2_s3"),
     (values.education, "Diploma I–III", "diploma"),
     (values.marital_status, "DUDA", "cerai"), (values.marital_status, "Janda", "cerai"),
     (values.marital_status, "KAWIN TERCATAT", "kawin"), (values.marital_status, "CERAI MATI", "cerai_mati"),
     (values.marital_status, "Belum Kawin", "belum_kawin"),
     (values.occupation, "PETANI/PEKEBUN", "petani"), (values.occupation, "BURUH TANI/PERKEBUNAN", "buruh_tani"),
     (values.occupation, "BELUM/TIDAK BEKERJA", "tidak_bekerja"), (values.occupation, "MENGURUS RUMAH TANGGA",
                                                                   "rumah_tangga"),
     (values.occupation, "Nelayan/pembudidaya ikan", "nelayan"), (values.occupation, "WIRASWASTA", "wiraswasta"),
     (values.occupation, "", "")],
)  # fmt: skip
def test_dukcapil_p3ke_and_dtks_spellings_map_to_the_portal_codes(parser, cell, expected):
    assert parser(cell) == expected


@pytest.mark.parametrize(
    ("parser", "label"),
    [(values.education, "Pendidikan"), (values.marital_status, "Status kawin"), (values.occupation, "Pekerjaan")],
)
def test_an_unknown_coded_value_is_a_warning_naming_the_value(parser, label):
    with pytest.raises(CellWarning, match=f"{label} 'Perguruan Kilat' tidak dikenal"):
        parser("Perguruan Kilat")


@pytest.mark.parametrize(
    ("cell", "code"), [("18.01.04.2001", "1801042001"), ("1801042001", "1801042001"), ("'18.01.04.2001", "1801042001"),
                       (1801042001, "1801042001"), (1801042001.0, "1801042001"), (" 18.01.04.2001 ", "1801042001")],
)  # fmt: skip
def test_it_reads_village_codes(cell, code):
    assert values.village_code(cell) == code


@pytest.mark.parametrize(
    ("cell", "rt", "rw"), [("003/002", "003", "002"), ("3/2", "003", "002"), ("003 / 002", "003", "002"),
                           ("003-002", "003", "002"), ("RT 003 RW 002", "003", "002"), ("RT.3/RW.2", "003", "002")],
)  # fmt: skip
def test_it_splits_a_combined_rt_rw(cell, rt, rw):
    assert values.rt_rw(cell) == {"rt": rt, "rw": rw}


def test_a_combined_rt_rw_it_cannot_read_is_an_error():
    with pytest.raises(CellError, match="RT/RW"):
        values.rt_rw("tiga/dua")


@pytest.mark.parametrize(
    ("cell", "place", "born"),
    [("Natar, 27-04-1983", "Natar", date(1983, 4, 27)), ("NATAR,27 APRIL 1983", "NATAR", date(1983, 4, 27)),
     ("Natar 27/04/1983", "Natar", date(1983, 4, 27)), ("Bandar Lampung, 1983-04-27", "Bandar Lampung",
                                                        date(1983, 4, 27)),
     ("Natar", "Natar", None), ("", "", None)],
)  # fmt: skip
def test_it_splits_a_combined_place_and_date_of_birth(cell, place, born):
    found = dates.place_and_date(cell, read=lambda v: dates.read_date(v, today=TODAY), today=TODAY)
    assert (found["birth_place"], found["birth_date"]) == (place, born)


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
