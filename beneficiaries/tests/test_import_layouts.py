"""Layouts of real district files: what sits around the data is recognised, what the data says is read."""

from datetime import date

import pytest

from beneficiaries.models import BatchStatus, Household, Person
from tests.bnba_files import family_records, import_batch, problems, records_grid, validate_file
from tests.spreadsheet_writers import SheetSpec, write_text, write_workbook

TITLE = [["DATA BNBA DESA HAJIMENA KECAMATAN NATAR"], ["TAHUN 2026"], []]
FOOTER = [[], ["", "JUMLAH", "", "", "6 jiwa"], [], ["", "", "", "", "Natar, 12 Januari 2026"],
          ["", "Mengetahui,", "", "", "Petugas Pendata"], ["", "Kepala Desa Hajimena", "", "", ""], [],
          ["", "SUKARDI, S.Sos", "", "", "RATNA DEWI"], ["", "NIP. 19700101 199003 1 005"]]  # fmt: skip


def _merged_grid(records):
    """Alamat over Dusun | RT | RW, Tempat/Tgl Lahir kept apart: the two-row header a district form has."""
    top = ["No", "No KK", "NIK", "Nama", "Jenis Kelamin", "Hubungan Keluarga", "Tempat Lahir", "Tanggal Lahir",
           "Kode Desa", "Alamat", "", "", "Desil"]  # fmt: skip
    sub = ["", "", "", "", "", "", "", "", "", "Dusun", "RT", "RW", ""]
    numbers = [f"({n})" for n in range(1, 14)]
    first = ["No", "No KK", "NIK", "Nama", "Jenis Kelamin", "Hubungan Keluarga", "Tempat Lahir", "Tanggal Lahir"]
    rows = [[*(r[name] for name in first), r["Kode Desa"], "Dusun II", r["RT"], r["RW"], r["Desil"]] for r in records]
    return [*TITLE, top, sub, numbers, *rows, *FOOTER]


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods", ".csv"])
def test_title_merged_header_number_row_and_footer(tmp_path, officer_a, village_a, suffix):
    records = family_records(village_a, families=2)
    grid, merges = _merged_grid(records), [(3, 9, 3, 11)] + [(3, c, 4, c) for c in (*range(9), 12)]
    path = (write_text(tmp_path / "bnba.csv", grid) if suffix == ".csv"
            else write_workbook(tmp_path / f"bnba{suffix}", [SheetSpec(grid, merges=merges)]))  # fmt: skip
    batch = import_batch(validate_file(officer_a, path), officer_a)
    assert batch.status == BatchStatus.IMPORTED, problems(batch)
    assert [row for row, _, _ in problems(batch)] == []
    assert set(Household.objects.values_list("dusun", "rt", "rw")) == {("Dusun II", "001", "002")}
    assert Person.objects.count() == 6
    notices = " ".join(batch.summary["notices"])
    assert "Baris 6 berisi nomor kolom" in notices
    assert "bukan data (jumlah, tanda tangan, keterangan) dilewati: baris 14, 16–18, 20–21" in notices


def test_a_person_row_without_a_nik_below_the_data_is_still_a_rejected_row(tmp_path, officer_a, village_a):
    records = family_records(village_a)
    lost = {**records[2], "NIK": "", "No": 4}
    batch = validate_file(officer_a, write_text(tmp_path / "bnba.csv", [*records_grid(records), list(lost.values())]))
    assert (5, "NIK", "NIK wajib diisi.") in problems(batch)


def test_combined_rt_rw_and_place_and_date_of_birth_are_split(tmp_path, officer_a, village_a):
    records = family_records(village_a)
    for record in records:
        record["RT/RW"] = f"{record.pop('RT')}/{record.pop('RW')}"
        record["Tempat/Tgl Lahir"] = f"{record.pop('Tempat Lahir')}, {record.pop('Tanggal Lahir').replace('/', '-')}"
    batch = import_batch(validate_file(officer_a, write_text(tmp_path / "bnba.csv", records_grid(records))), officer_a)
    assert batch.status == BatchStatus.IMPORTED, problems(batch)
    assert Household.objects.values_list("rt", "rw").get() == ("001", "002")
    assert set(Person.objects.values_list("birth_place", "birth_date")) == {("Natar", date(1980, 5, 17))}


def test_a_column_with_data_but_no_name_is_said_so(tmp_path, officer_a, village_a):
    grid = records_grid(family_records(village_a))
    grid = [row + ([""] if index == 0 else ["catatan"]) for index, row in enumerate(grid)]
    batch = validate_file(officer_a, write_text(tmp_path / "bnba.csv", grid))
    assert "Kolom N tidak berjudul tetapi berisi data (mis. baris 2); kolom itu diabaikan." in batch.summary["notices"]


def test_members_disagreeing_with_their_head_on_a_household_value_are_warned(tmp_path, officer_a, village_a):
    records = family_records(village_a)
    records[2]["RT"] = "009"
    batch = import_batch(validate_file(officer_a, write_text(tmp_path / "bnba.csv", records_grid(records))), officer_a)
    assert (4, "RT", "RT berbeda dengan baris 2 dari keluarga yang sama; keluarga memakai nilai di baris kepala "
                     "keluarga.") in problems(batch)  # fmt: skip
    assert Household.objects.get().rt == "001"
