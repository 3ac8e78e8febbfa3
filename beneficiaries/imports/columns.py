"""The columns a BNBA file may have, under the names real files give them, and finding the header."""

import re
from dataclasses import dataclass
from functools import lru_cache

HEADER_SEARCH_ROWS = 30


@lru_cache(maxsize=65536)
def normalise(text) -> str:
    """``' No. NIK '`` → ``nonik``: case, spacing, punctuation and a BOM do not matter."""
    return re.sub(r"[^0-9a-z]", "", str(text).replace("\ufeff", "").casefold())


@dataclass(frozen=True)
class Column:
    field: str
    label: str
    aliases: tuple[str, ...]
    required: bool = False
    help: str = ""
    example: str = ""


COLUMNS = (
    Column("no_kk", "No KK", ("nokk", "nomorkk", "nokartukeluarga", "nomorkartukeluarga", "kk"), True,
           "Nomor Kartu Keluarga, 16 digit. Kolom harus berformat Teks.", "1801040101200003"),
    Column("nik", "NIK", ("nik", "nonik", "nomornik", "nomorindukkependudukan"), True,
           "Nomor Induk Kependudukan, 16 digit. Kolom harus berformat Teks.", "1801044107900009"),
    Column("name", "Nama", ("nama", "namalengkap", "namaanggota", "namaart"), True,
           "Nama lengkap sesuai KTP/KK.", "Siti Aminah"),
    Column("sex", "Jenis Kelamin", ("jeniskelamin", "jk", "kelamin", "lp"), True,
           "L atau P (juga Laki-laki/Perempuan, 1/2).", "P"),
    Column("relationship", "Hubungan Keluarga",
           ("hubungankeluarga", "hubungandengankepalakeluarga", "hubungandengankk", "shdk", "hubungan"), True,
           "Kepala Keluarga, Istri/Suami, Anak, Menantu, Cucu, Orang Tua, Mertua, Famili Lain, Lainnya. "
           "Tepat satu Kepala Keluarga per No KK.", "Kepala Keluarga"),
    Column("village_code", "Kode Desa", ("kodedesa", "kodekemendagri", "kodewilayah", "kodedesakelurahan"),
           help="Kode Kemendagri desa/kelurahan, mis. 18.01.04.2001. Tanpa kolom ini, isi Kecamatan dan "
           "Desa/Kelurahan.", example="18.01.04.2001"),
    Column("district_name", "Kabupaten/Kota", ("kabupatenkota", "kabupaten", "kabkota", "kota"),
           help="Nama kabupaten/kota (dipakai bila Kode Desa kosong).", example="Lampung Selatan"),
    Column("subdistrict_name", "Kecamatan", ("kecamatan", "kec"),
           help="Nama kecamatan (dipakai bila Kode Desa kosong).", example="Natar"),
    Column("village_name", "Desa/Kelurahan", ("desakelurahan", "desa", "kelurahan", "desakel"),
           help="Nama desa/kelurahan (dipakai bila Kode Desa kosong).", example="Hajimena"),
    Column("address", "Alamat", ("alamat", "alamatlengkap"),
           help="Alamat tempat tinggal.", example="Jl. Raya Natar No. 5"),
    Column("dusun", "Dusun", ("dusun", "dusunlingkungan", "lingkungan"), example="Dusun II"),
    Column("rt", "RT", ("rt",), example="003"),
    Column("rw", "RW", ("rw",), example="001"),
    Column("birth_place", "Tempat Lahir", ("tempatlahir",), example="Natar"),
    Column("birth_date", "Tanggal Lahir", ("tanggallahir", "tgllahir", "tgllhr"),
           help="dd/mm/yyyy, dd-mm-yyyy, yyyy-mm-dd, atau sel bertipe tanggal.", example="01/07/1990"),
    Column("marital_status", "Status Kawin", ("statuskawin", "statusperkawinan", "statuspernikahan"),
           help="Belum Kawin, Kawin, Cerai Hidup, Cerai Mati.", example="Kawin"),
    Column("education", "Pendidikan", ("pendidikan", "pendidikanterakhir", "ijazahtertinggi"),
           help="Tidak/Belum Sekolah, SD, SMP, SMA, Diploma, S1, S2/S3.", example="SMP"),
    Column("occupation", "Pekerjaan", ("pekerjaan", "pekerjaanutama"), example="Petani"),
    Column("has_disability", "Disabilitas", ("disabilitas", "penyandangdisabilitas", "difabel"),
           help="Ya atau Tidak.", example="Tidak"),
    Column("desil", "Desil", ("desil", "desilkesejahteraan", "desilnasional"),
           help="1 sampai 10 (atau 'Desil 1').", example="1"),
    Column("desil_source", "Sumber Desil", ("sumberdesil",),
           help="DTKS, P3KE, DTSEN atau Lokal. Kosong: sumber yang dipilih saat mengunggah.", example="DTSEN"),
    Column("desil_as_of", "Tanggal Desil", ("tanggaldesil", "desilpertanggal"),
           help="Tanggal penetapan desil. Kosong: tanggal yang dipilih saat mengunggah.", example="01/10/2026"),
)  # fmt: skip
# The template's example row is skipped with a warning, should an officer leave it in the file.
EXAMPLE_NIK = next(column.example for column in COLUMNS if column.field == "nik")
BY_ALIAS = {alias: column for column in COLUMNS for alias in column.aliases}
REQUIRED = [column for column in COLUMNS if column.required]
# Known columns of P3KE and DTKS exports the portal does not keep (data minimisation).
IGNORED_QUIETLY = {"no", "nourut", "provinsi", "iddtks", "idkeluargap3ke", "idindividu", "idkeluarga"}


@dataclass
class Header:
    row_index: int  # 0-based index of the header row in the file
    fields: dict[int, str]  # column position → field
    ignored: list[str]
    problems: list[str]


def find_header(rows: list[list]) -> Header | None:
    """The first row among the leading ones that names a NIK column and at least two others."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = [normalise(cell) for cell in row]
        matched = [name for name in names if name in BY_ALIAS]
        if "nik" in {BY_ALIAS[name].field for name in matched} and len(matched) >= 3:
            return _read_header(index, row, names)
    return None


def _read_header(index: int, row: list, names: list[str]) -> Header:
    header = Header(row_index=index, fields={}, ignored=[], problems=[])
    for position, (cell, name) in enumerate(zip(row, names, strict=True)):
        column = BY_ALIAS.get(name)
        if column is None:
            if name and name not in IGNORED_QUIETLY:
                header.ignored.append(str(cell).strip())
        elif column.field in header.fields.values():
            header.problems.append(f"Kolom {column.label} muncul lebih dari sekali.")
        else:
            header.fields[position] = column.field
    present = set(header.fields.values())
    missing = [column.label for column in REQUIRED if column.field not in present]
    if "village_code" not in present and not {"subdistrict_name", "village_name"} <= present:
        missing.append("Kode Desa (atau Kecamatan dan Desa/Kelurahan)")
    if missing:
        header.problems.append(f"Kolom wajib tidak ditemukan: {', '.join(missing)}.")
    return header
