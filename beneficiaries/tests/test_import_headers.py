"""Finding the header of a file: its layouts, and every column mapped or listed as ignored."""

from beneficiaries.imports.codes import DTKS, DUKCAPIL
from beneficiaries.imports.header import RANKING, find_header

P3KE = ["ID Keluarga P3KE", "Provinsi", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan", "Kode Kemendagri",
        "Desil Kesejahteraan", "Alamat", "ID Individu", "Nama", "NIK", "Jenis Kelamin",
        "Hubungan Dengan Kepala Keluarga", "Tanggal Lahir", "Status Kawin", "Pekerjaan", "Pendidikan"]  # fmt: skip
DTKS_HEADER = "iddtks|provinsi|kabupaten_kota|kecamatan|desa_kelurahan|alamat|dusun|rt|rw|nomor_kk|nomor_nik|nama|" \
              "tanggal_lahir|tempat_lahir|jenis_kelamin|nama_ibu_kandung|hubungan_keluarga"  # fmt: skip


def test_it_reads_the_p3ke_individual_layout_as_distributed_without_a_no_kk_column():
    header = find_header([P3KE])
    assert header.problems == []
    assert set(header.fields.values()) >= {"p3ke_family_id", "nik", "name", "sex", "relationship", "village_code"}
    assert header.ignored == ["B: Provinsi", "I: ID Individu"]  # every column is mapped or named as ignored


def test_it_reads_the_dtks_layout_with_its_relationship_codes():
    header = find_header([DTKS_HEADER.split("|")])
    assert header.problems == []
    assert {"subdistrict_name", "village_name", "district_name", "dusun", "rt", "rw"} <= set(header.fields.values())
    assert header.ignored == ["A: iddtks", "B: provinsi", "P: nama_ibu_kandung"]
    assert header.relationship_codes == DTKS


def test_a_shdk_column_means_the_dukcapil_codes():
    header = find_header([["NIK", "No KK", "Nama", "JK", "SHDK", "Kode Desa"]])
    assert header.relationship_codes == DUKCAPIL
    assert find_header([["NIK", "No KK", "Nama", "JK", "Hubungan", "Kode Desa"]]).relationship_codes is None


def test_it_finds_the_header_below_a_title_block_and_lists_the_no_column():
    rows = [["DATA BNBA KABUPATEN LAMPUNG SELATAN"], ["Tahun 2026"], [], ["No", " No. NIK ", "NOMOR_KK", "nama",
            "JK", "Hubungan", "kode desa"]]  # fmt: skip
    header = find_header(rows)
    assert header.row_index == 3 and header.data_index == 4
    assert header.problems == [] and header.ignored == ["A: No"]
    assert header.fields == {1: "nik", 2: "no_kk", 3: "name", 4: "sex", 5: "relationship", 6: "village_code"}


def test_it_reads_a_two_row_header_with_merged_parents():
    rows = [
        ["No", "NIK", "No KK", "Nama", "JK", "Hubungan", "Alamat", "", "", "Kode Desa", "Lahir", ""],
        ["", "", "", "", "", "", "Dusun", "RT", "RW", "", "Tempat", "Tanggal"],
        ["1", "1801044107900009", "1801040101200003", "Siti", "P", "Kepala Keluarga", "I", "1", "2", "x", "Natar",
         "01/01/1990"],
    ]  # fmt: skip
    header = find_header(rows)
    assert header.row_index == 1 and header.data_index == 2
    assert header.fields == {1: "nik", 2: "no_kk", 3: "name", 4: "sex", 5: "relationship", 6: "dusun", 7: "rt",
                             8: "rw", 9: "village_code", 10: "birth_place", 11: "birth_date"}  # fmt: skip


def test_a_parent_over_a_child_row_when_the_nik_is_in_the_child_row():
    rows = [["Identitas", "", "Nama", "JK", "Hubungan", "Kode Desa"], ["NIK", "No KK", "", "", "", ""]]
    header = find_header(rows)
    assert header.fields == {0: "nik", 1: "no_kk", 2: "name", 3: "sex", 4: "relationship", 5: "village_code"}


def test_the_first_data_row_is_never_taken_for_a_second_header_row():
    rows = [["NIK", "No KK", "Nama", "JK", "Hubungan", "Kode Desa"], ["", "", "Siti", "P", "KK", "18.01.04.2001"]]
    header = find_header(rows)
    assert header.row_index == 0 and header.data_index == 1


def test_a_column_number_row_under_the_header_is_skipped_with_a_notice():
    rows = [["No", "NIK", "No KK", "Nama", "JK", "Hubungan", "Kode Desa"], ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)",
            "(7)"]]  # fmt: skip
    header = find_header(rows)
    assert header.data_index == 2
    assert header.notices == ["Baris 2 berisi nomor kolom ((1), (2), …); dilewati."]


def test_combined_columns_fill_their_parts():
    header = find_header([["NIK", "No KK", "Nama", "JK", "Hubungan", "Kode Desa", "RT/RW", "Tempat/Tgl Lahir"]])
    assert header.problems == []
    assert {"rt", "rw", "birth_place", "birth_date"} <= header.present


def test_a_combined_column_and_its_part_together_are_a_problem():
    header = find_header([["NIK", "No KK", "Nama", "JK", "Hubungan", "Kode Desa", "RT/RW", "RT"]])
    assert header.problems == ["Kolom RT/RW (kolom G) dan kolom RT sama-sama ada: sisakan salah satu."]


def test_it_accepts_a_byte_order_mark_and_a_bracketed_hint():
    header = find_header([["\ufeffNIK", "No KK", "Nama", "Jenis Kelamin", "Hubungan Keluarga", "Kode Desa",
                           "Tanggal Lahir (dd/mm/yyyy)"]])  # fmt: skip
    assert header.problems == [] and header.fields[6] == "birth_date"


def test_it_names_every_missing_required_column():
    header = find_header([["NIK", "Nama", "Alamat"]])
    assert header.problems == [
        "Kolom wajib tidak ditemukan: No KK (atau ID Keluarga P3KE), Jenis Kelamin, Hubungan Keluarga, Kode Desa "
        "(atau Kecamatan dan Desa/Kelurahan)."
    ]


def test_it_lists_unknown_columns_with_their_letters():
    header = find_header([["NIK", "No KK", "Nama", "JK", "Hubungan", "Kode Desa", "Nomor HP", "Catatan"]])
    assert header.ignored == ["G: Nomor HP", "H: Catatan"]


def test_a_column_given_twice_is_a_problem_naming_both_letters():
    header = find_header([["NIK", "No KK", "Nama", "Nama Lengkap", "JK", "Hubungan", "Kode Desa"]])
    assert header.problems == ["Kolom Nama muncul lebih dari sekali (kolom C dan D): sisakan satu."]


def test_a_hidden_duplicate_column_is_named_by_its_letter_and_the_visible_one_read():
    header = find_header([["NIK", "No KK", "Nama", "JK", "Hubungan", "Kode Desa", "NIK"]], hidden_columns={6})
    assert header.problems == [] and header.fields[0] == "nik" and 6 not in header.fields
    assert header.notices == ["Kolom G (NIK) tersembunyi dan sama dengan kolom A; kolom G diabaikan."]


def test_a_hidden_column_that_is_read_is_said_so():
    header = find_header([["NIK", "No KK", "Nama", "JK", "Hubungan", "Kode Desa", "Desil"]], hidden_columns={6})
    assert header.notices == ["Kolom G (Desil) tersembunyi di berkas; tetap dibaca."]


def test_a_ranking_file_needs_a_family_key_and_a_desil():
    header = find_header([["No KK", "Desil", "Tanggal Desil"]], kind=RANKING)
    assert header.problems == [] and set(header.fields.values()) == {"no_kk", "desil", "desil_as_of"}
    assert find_header([["NIK Kepala Keluarga", "Desil"]], kind=RANKING).fields == {0: "nik", 1: "desil"}
    assert find_header([["NIK", "Desil"]], kind=RANKING).fields == {0: "nik", 1: "desil"}
    assert find_header([["Nama", "Desil"]], kind=RANKING) is None


def test_a_file_without_a_nik_column_has_no_header():
    assert find_header([["Nama", "Alamat", "Desa"], ["Siti", "Jl. A", "Hajimena"]]) is None


def test_a_date_column_may_say_its_order_in_brackets():
    header = find_header([["NIK", "No KK", "Nama", "JK", "Hubungan", "Kode Desa", "Tanggal Lahir (mm/dd/yyyy)"]])
    assert (header.fields[6], header.date_order) == ("birth_date", "mdy")
    header = find_header([["NIK", "No KK", "Nama", "JK", "Hubungan", "Kode Desa", "Tgl Lahir (hari/bulan/tahun)"]])
    assert (header.fields[6], header.date_order) == ("birth_date", "dmy")
