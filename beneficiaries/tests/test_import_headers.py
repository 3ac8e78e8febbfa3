from beneficiaries.imports.columns import find_header

P3KE = ["ID Keluarga P3KE", "Provinsi", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan", "Kode Kemendagri",
        "Desil Kesejahteraan", "Alamat", "ID Individu", "Nama", "NIK", "No KK", "Jenis Kelamin",
        "Hubungan Dengan Kepala Keluarga", "Tanggal Lahir", "Status Kawin", "Pekerjaan", "Pendidikan"]  # fmt: skip
DTKS = "iddtks|provinsi|kabupaten_kota|kecamatan|desa_kelurahan|alamat|dusun|rt|rw|nomor_kk|nomor_nik|nama|" \
       "tanggal_lahir|tempat_lahir|jenis_kelamin|nama_ibu_kandung|hubungan_keluarga"  # fmt: skip


def test_it_reads_the_p3ke_individual_layout():
    header = find_header([P3KE])
    assert header.problems == []
    assert set(header.fields.values()) >= {"nik", "no_kk", "name", "sex", "relationship", "village_code", "desil"}
    assert header.ignored == []  # P3KE's own ids and the province are known and dropped


def test_it_reads_the_dtks_layout_and_drops_the_mothers_name():
    header = find_header([DTKS.split("|")])
    assert header.problems == []
    assert {"subdistrict_name", "village_name", "district_name", "dusun", "rt", "rw"} <= set(header.fields.values())
    assert header.ignored == ["nama_ibu_kandung"]


def test_it_finds_the_header_below_a_title_block_and_ignores_a_no_column():
    rows = [["DATA BNBA KABUPATEN LAMPUNG SELATAN"], ["Tahun 2026"], [], ["No", " No. NIK ", "NOMOR_KK", "nama",
            "JK", "Hubungan", "kode desa"]]  # fmt: skip
    header = find_header(rows)
    assert header.row_index == 3
    assert header.problems == [] and header.ignored == []
    assert header.fields == {1: "nik", 2: "no_kk", 3: "name", 4: "sex", 5: "relationship", 6: "village_code"}


def test_it_accepts_a_byte_order_mark_in_the_first_header():
    header = find_header([["\ufeffNIK", "No KK", "Nama", "Jenis Kelamin", "Hubungan Keluarga", "Kode Desa"]])
    assert header.problems == []


def test_it_names_every_missing_required_column():
    header = find_header([["NIK", "Nama", "Alamat"]])
    assert header.problems == [
        "Kolom wajib tidak ditemukan: No KK, Jenis Kelamin, Hubungan Keluarga, Kode Desa (atau Kecamatan dan "
        "Desa/Kelurahan)."
    ]


def test_it_lists_unknown_columns_and_ignores_them():
    header = find_header([["NIK", "No KK", "Nama", "JK", "Hubungan", "Kode Desa", "Nomor HP", "Catatan"]])
    assert header.ignored == ["Nomor HP", "Catatan"]
    assert "Nomor HP" not in header.fields.values()


def test_a_column_given_twice_is_a_problem():
    header = find_header([["NIK", "No KK", "Nama", "Nama Lengkap", "JK", "Hubungan", "Kode Desa"]])
    assert header.problems == ["Kolom Nama muncul lebih dari sekali."]


def test_a_file_without_a_nik_column_has_no_header():
    assert find_header([["Nama", "Alamat", "Desa"], ["Siti", "Jl. A", "Hajimena"]]) is None
