"""Every form of a value, through the whole pipeline: the value the registry keeps, or the problem and
nothing stored. One family of three (head, spouse-less children) in village A; the cell under test is
the second member's (or the household's, for household fields)."""

from datetime import date

import pytest

from beneficiaries.models import BatchStatus, Graduation, Household, HouseholdStatus, Person
from beneficiaries.validators import compose_nik
from tests.bnba_files import family_records, import_batch, problems, records_grid, validate_file
from tests.spreadsheet_writers import write_text

MEMBER = 1  # the record whose cell is under test
HOUSEHOLD_COLUMNS = {"Desil", "Kode Desa", "RT", "RW", "Alamat"}  # written on every row of the family


def _import(tmp_path, officer, village, column: str, cell, *, records=None):
    records = records or family_records(village)
    for record in records if column in HOUSEHOLD_COLUMNS else [records[MEMBER]]:
        record[column] = cell
    header = list(dict.fromkeys(name for record in records for name in record))
    path = write_text(tmp_path / "bnba.csv", records_grid(records, header), delimiter=";")
    batch = validate_file(officer, path)
    if batch.status == BatchStatus.READY:
        batch = import_batch(batch, officer)
    return batch, records[MEMBER]["NIK"]


def _member(nik: str) -> Person | None:
    return Person.objects.filter(nik=nik).select_related("household").first()


STORED = [
    # column, cell, attribute of the person (or household.x), value kept
    ("Desil", "1", "household.desil", 1),
    ("Desil", "1.0", "household.desil", 1),
    ("Desil", "1,0", "household.desil", 1),
    ("Desil", "Desil 1", "household.desil", 1),
    ("Desil", "Desil I", "household.desil", 1),
    ("Desil", "I", "household.desil", 1),
    ("Desil", "10", "household.desil", 10),
    ("Desil", "Desil X", "household.desil", 10),
    ("Jenis Kelamin", "L", "sex", "L"),
    ("Jenis Kelamin", "Lk", "sex", "L"),
    ("Jenis Kelamin", "LK", "sex", "L"),
    ("Jenis Kelamin", "Laki-laki", "sex", "L"),
    ("Jenis Kelamin", "Laki", "sex", "L"),
    ("Jenis Kelamin", "Pria", "sex", "L"),
    ("Jenis Kelamin", "1", "sex", "L"),
    ("Hubungan Keluarga", "Anak", "relationship", "anak"),
    ("Hubungan Keluarga", "ISTRI", "relationship", "pasangan"),
    ("Hubungan Keluarga", "Cucu", "relationship", "cucu"),
    ("Hubungan Keluarga", "9", "relationship", "famili"),  # Dukcapil only
    ("Tanggal Lahir", "17/05/1980", "birth_date", date(1980, 5, 17)),
    ("Tanggal Lahir", "17-05-1980", "birth_date", date(1980, 5, 17)),
    ("Tanggal Lahir", "17.05.1980", "birth_date", date(1980, 5, 17)),
    ("Tanggal Lahir", "1980-05-17", "birth_date", date(1980, 5, 17)),
    ("Tanggal Lahir", "1980/05/17", "birth_date", date(1980, 5, 17)),
    ("Tanggal Lahir", "1980-05-17 00:00:00", "birth_date", date(1980, 5, 17)),
    ("Tanggal Lahir", "17 Mei 1980", "birth_date", date(1980, 5, 17)),
    ("Tanggal Lahir", "17 MEI 1980", "birth_date", date(1980, 5, 17)),
    ("Tanggal Lahir", "17-May-80", "birth_date", date(1980, 5, 17)),
    ("Tanggal Lahir", "May 17, 1980", "birth_date", date(1980, 5, 17)),
    ("Tanggal Lahir", "17/05/80", "birth_date", date(1980, 5, 17)),
    ("Disabilitas", "Tidak", "has_disability", False),
    ("Disabilitas", "Tidak Ada", "has_disability", False),
    ("Disabilitas", "Tidak Cacat", "has_disability", False),
    ("Disabilitas", "Bukan Disabilitas", "has_disability", False),
    ("Disabilitas", "Normal", "has_disability", False),
    ("Disabilitas", "-", "has_disability", False),
    ("Disabilitas", "0", "has_disability", False),
    ("Disabilitas", "Ya", "has_disability", True),
    ("Disabilitas", "Tuna Daksa", "disability_kind", "fisik"),
    ("Disabilitas", "Tuna Netra", "disability_kind", "netra"),
    ("Pendidikan", "TAMAT SD / SEDERAJAT", "education", "sd"),
    ("Pendidikan", "SLTA / SEDERAJAT", "education", "sma"),
    ("Pendidikan", "DIPLOMA IV/ STRATA I", "education", "s1"),
    ("Pendidikan", "TIDAK/BELUM SEKOLAH", "education", "tidak_sekolah"),
    ("Status Kawin", "DUDA", "marital_status", "cerai"),
    ("Status Kawin", "KAWIN TERCATAT", "marital_status", "kawin"),
    ("Status Kawin", "BELUM KAWIN", "marital_status", "belum_kawin"),
    ("Pekerjaan", "PETANI/PEKEBUN", "occupation", "petani"),
    ("Pekerjaan", "BURUH HARIAN LEPAS", "occupation", "buruh"),
    ("Pekerjaan", "BELUM/TIDAK BEKERJA", "occupation", "tidak_bekerja"),
    ("Kode Desa", "1801042001", "household.village.code", "18.01.04.2001"),
    ("Kode Desa", "'18.01.04.2001", "household.village.code", "18.01.04.2001"),
    ("RT", "3", "household.rt", "003"),
]


def _value(person: Person, attribute: str):
    value = person
    for part in attribute.split("."):
        value = getattr(value, part)
    return value


@pytest.mark.parametrize(("column", "cell", "attribute", "kept"), STORED)
def test_each_form_is_kept_as_what_it_means(tmp_path, officer_a, village_a, column, cell, attribute, kept):
    batch, nik = _import(tmp_path, officer_a, village_a, column, cell)
    assert batch.status == BatchStatus.IMPORTED, problems(batch)
    assert _value(_member(nik), attribute) == kept


REFUSED = [
    ("Desil", "0", "Desil '0' harus angka 1 sampai 10"),
    ("Desil", "11", "harus angka 1 sampai 10"),
    ("Desil", "1.5", "harus angka 1 sampai 10"),
    ("Desil", "satu", "harus angka 1 sampai 10"),
    ("Jenis Kelamin", "X", "Jenis kelamin 'X' tidak dikenal"),
    ("Hubungan Keluarga", "Tetangga", "Hubungan keluarga 'Tetangga' tidak dikenal"),
    ("Hubungan Keluarga", "3", "berarti 'Istri/suami' di kode Dukcapil (SHDK) tetapi 'Anak' di kode DTKS"),
    ("Tanggal Lahir", "30/02/1980", "tidak mungkin"),
    ("Tanggal Lahir", "29250", "berupa angka, bukan tanggal"),  # UP-08: not an Excel serial in a text file
    ("Tanggal Lahir", "kemarin", "tidak dikenali"),
    ("Kode Desa", "18.01.04.2999", "Kode desa tidak ditemukan"),
]


@pytest.mark.parametrize(("column", "cell", "message"), REFUSED)
def test_each_form_it_cannot_read_is_a_problem_and_nothing_of_the_row_is_stored(
    tmp_path, officer_a, village_a, column, cell, message
):
    batch, nik = _import(tmp_path, officer_a, village_a, column, cell)
    assert any(row == MEMBER + 2 and message in text for row, _, text in problems(batch)), problems(batch)
    assert _member(nik) is None
    if column == "Desil":  # a household value: the household is refused with its member
        assert not Household.objects.exists()


WARNED = [
    ("Tanggal Lahir", "1980", "birth_date", None, "Hanya tahun (1980)"),
    ("Tanggal Lahir", "-", "birth_date", None, "tidak diisi sebenarnya"),
    ("Tanggal Lahir", "00-00-0000", "birth_date", None, "tidak diisi sebenarnya"),
    ("Disabilitas", "Kadang-kadang", "has_disability", None, "Disabilitas 'Kadang-kadang' tidak dikenal"),
    ("Pendidikan", "Perguruan Tinggi", "education", "", "Pendidikan 'Perguruan Tinggi' tidak dikenal"),
    ("Pekerjaan", "Astronot", "occupation", "", "Pekerjaan 'Astronot' tidak dikenal"),
    ("Status Kawin", "Rahasia", "marital_status", "", "Status kawin 'Rahasia' tidak dikenal"),
]


@pytest.mark.parametrize(("column", "cell", "attribute", "kept", "warning"), WARNED)
def test_an_unknown_optional_value_is_kept_empty_with_a_warning_naming_it(
    tmp_path, officer_a, village_a, column, cell, attribute, kept, warning
):
    batch, nik = _import(tmp_path, officer_a, village_a, column, cell)
    assert batch.status == BatchStatus.IMPORTED
    assert _value(_member(nik), attribute) == kept
    assert any(warning in text for _, _, text in problems(batch))


def test_a_desil_written_1_point_0_never_graduates_a_household(tmp_path, officer_a, village_a):
    records = family_records(village_a)
    import_batch(validate_file(officer_a, write_text(tmp_path / "a.csv", records_grid(records))), officer_a)
    for record in records:
        record["Desil"] = "1.0"
    again = validate_file(
        officer_a, write_text(tmp_path / "b.csv", records_grid(records)), desil_as_of=date(2026, 11, 1)
    )
    import_batch(again, officer_a)
    household = Household.objects.get()
    assert (household.desil, household.status) == (1, HouseholdStatus.ACTIVE)
    assert not Graduation.objects.exists()


def _born(records, index: int, day: date) -> None:
    """Give a record a birth date and the NIK that goes with it."""
    nik = compose_nik(kecamatan_code="18.01.04", birth_date=day, sex=records[index]["Jenis Kelamin"], serial=90 + index)
    records[index].update({"NIK": nik, "Tanggal Lahir": day.strftime("%d/%m/%Y")})


def test_a_date_whose_day_and_month_the_nik_says_are_swapped_is_an_error_naming_both_readings(
    tmp_path, officer_a, village_a
):
    records = family_records(village_a)
    _born(records, MEMBER, date(1988, 2, 4))
    records[MEMBER]["Tanggal Lahir"] = "02/04/1988"  # 2 April in this day-first file; the NIK says 4 February
    records[2]["Tanggal Lahir"] = "25/12/1979"  # day-first evidence
    _born(records, 2, date(1979, 12, 25))
    batch = validate_file(officer_a, write_text(tmp_path / "t.csv", records_grid(records)))
    (message,) = [text for row, _, text in problems(batch) if row == MEMBER + 2]
    assert "2 April 1988 atau 4 Februari 1988" in message and "NIK cocok dengan 4 Februari 1988" in message
    import_batch(batch, officer_a)
    assert _member(records[MEMBER]["NIK"]) is None


def test_a_month_first_file_is_read_month_first_and_says_so(tmp_path, officer_a, village_a):
    records = family_records(village_a)
    for index, day in enumerate([date(1970, 12, 25), date(1988, 2, 4), date(1999, 3, 2)]):
        _born(records, index, day)
        records[index]["Tanggal Lahir"] = f"{day.month}/{day.day}/{day.year}"
    batch = validate_file(officer_a, write_text(tmp_path / "us.csv", records_grid(records)))
    assert any("bulan lebih dulu" in notice for notice in batch.summary["notices"])
    assert batch.summary["date_order"] == "mdy"
    import_batch(batch, officer_a)
    assert [_member(record["NIK"]).birth_date for record in records] == [
        date(1970, 12, 25), date(1988, 2, 4), date(1999, 3, 2)
    ]  # fmt: skip


def test_a_head_refused_says_so_on_the_members_rows(tmp_path, officer_a, village_a):
    records = family_records(village_a)
    records[0]["Jenis Kelamin"] = "X"
    batch = validate_file(officer_a, write_text(tmp_path / "h.csv", records_grid(records)))
    messages = {row: text for row, _, text in problems(batch) if row in (3, 4)}
    refused = "Kepala keluarga di baris 2 ditolak, sehingga anggota keluarga ini ikut ditolak. Perbaiki baris " \
              "kepala keluarga lalu unggah lagi."  # fmt: skip
    assert messages == dict.fromkeys((3, 4), refused)
