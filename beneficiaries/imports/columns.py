"""The columns a BNBA file may have, under the names real files give them."""

import re
from dataclasses import dataclass
from functools import lru_cache

HEADER_SEARCH_ROWS = 30
HINT = re.compile(r"\([^)]*\)")  # "Tanggal Lahir (dd/mm/yyyy)": the hint in brackets is not the name


@lru_cache(maxsize=65536)
def normalise(text) -> str:
    """``' No. NIK '`` → ``nonik``: case, spacing, punctuation and a BOM do not matter."""
    return re.sub(r"[^0-9a-z]", "", str(text).replace("\ufeff", "").casefold())


@lru_cache(maxsize=4096)
def header_key(text) -> str:
    """A header cell's name for matching: like ``normalise``, without a bracketed hint."""
    key = normalise(HINT.sub("", str(text)))
    return key or normalise(text)


@dataclass(frozen=True)
class Column:
    field: str
    label: str
    aliases: tuple[str, ...]
    required: bool = False
    help: str = ""
    example: str = ""
    # The registry fields a combined column fills (RT/RW, Tempat/Tgl Lahir); the field itself otherwise.
    fills: tuple[str, ...] = ()
    in_template: bool = True

    @property
    def filled(self) -> tuple[str, ...]:
        return self.fills or (self.field,)


COLUMNS = (
    Column("no_kk", "No KK", ("nokk", "nomorkk", "nokartukeluarga", "nomorkartukeluarga", "kk", "nokel"), True,
           "Nomor Kartu Keluarga, 16 digit. Kolom harus berformat Teks. Boleh kosong bila kolom ID Keluarga P3KE "
           "diisi.", "1801040101200003"),
    Column("p3ke_family_id", "ID Keluarga P3KE", ("idkeluargap3ke", "idkelp3ke", "idkeluargap3kenasional"),
           help="Dari berkas P3KE individu; dipakai untuk mengelompokkan keluarga bila No KK kosong.",
           in_template=False),
    Column("nik", "NIK", ("nik", "nonik", "nomornik", "nomorindukkependudukan", "niknomorindukkependudukan"), True,
           "Nomor Induk Kependudukan, 16 digit. Kolom harus berformat Teks.", "1801044107900009"),
    Column("name", "Nama", ("nama", "namalengkap", "namaanggota", "namaart", "namaanggotakeluarga", "namapenduduk",
                            "namasesuaiktp"), True, "Nama lengkap sesuai KTP/KK.", "Siti Aminah"),
    Column("sex", "Jenis Kelamin", ("jeniskelamin", "jk", "kelamin", "lp", "jnskelamin", "sex"), True,
           "L atau P (juga Laki-laki/Perempuan, Lk/Pr, 1/2).", "P"),
    Column("relationship", "Hubungan Keluarga",
           ("hubungankeluarga", "hubungandengankepalakeluarga", "hubungandengankk", "shdk", "hubungan",
            "statushubungandalamkeluarga", "hubkeluarga", "hubdgnkk", "hubungandgnkk", "hubungandengankrt",
            "hubungandengankepalarumahtangga", "statusdalamkeluarga"), True,
           "Kepala Keluarga, Istri/Suami, Anak, Menantu, Cucu, Orang Tua, Mertua, Famili Lain, Lainnya. "
           "Tepat satu Kepala Keluarga per keluarga.", "Kepala Keluarga"),
    Column("village_code", "Kode Desa", ("kodedesa", "kodekemendagri", "kodewilayah", "kodedesakelurahan",
                                         "kodedesakemendagri", "kodewilayahdesa", "kodekelurahan", "kodedesakel"),
           help="Kode Kemendagri desa/kelurahan, mis. 18.01.04.2001. Tanpa kolom ini, isi Kecamatan dan "
           "Desa/Kelurahan.", example="18.01.04.2001"),
    Column("district_name", "Kabupaten/Kota", ("kabupatenkota", "kabupaten", "kabkota", "kota", "namakabupaten",
                                               "namakabupatenkota", "kab"),
           help="Nama kabupaten/kota (dipakai bila Kode Desa kosong).", example="Lampung Selatan"),
    Column("subdistrict_name", "Kecamatan", ("kecamatan", "kec", "namakecamatan"),
           help="Nama kecamatan (dipakai bila Kode Desa kosong).", example="Natar"),
    Column("village_name", "Desa/Kelurahan", ("desakelurahan", "desa", "kelurahan", "desakel", "kelurahandesa",
                                              "namadesa", "namadesakelurahan", "pekon", "tiyuh", "kampung"),
           help="Nama desa/kelurahan (dipakai bila Kode Desa kosong).", example="Hajimena"),
    Column("address", "Alamat", ("alamat", "alamatlengkap", "alamatrumah", "alamattempattinggal"),
           help="Alamat tempat tinggal.", example="Jl. Raya Natar No. 5"),
    Column("dusun", "Dusun", ("dusun", "dusunlingkungan", "lingkungan", "namadusun"), example="Dusun II"),
    Column("rt", "RT", ("rt", "nort", "nomorrt"), example="003"),
    Column("rw", "RW", ("rw", "norw", "nomorrw"), example="001"),
    Column("rt_rw", "RT/RW", ("rtrw", "rtdanrw"), help="RT dan RW dalam satu kolom, mis. 003/002.",
           fills=("rt", "rw"), in_template=False),
    Column("birth_place", "Tempat Lahir", ("tempatlahir", "tmplahir", "tmptlahir"), example="Natar"),
    Column("birth_date", "Tanggal Lahir", ("tanggallahir", "tgllahir", "tgllhr", "tanggallhr", "tgllahirddmmyyyy"),
           help="dd/mm/yyyy, dd-mm-yyyy, yyyy-mm-dd, nama bulan (17 Agustus 1975), atau sel bertipe tanggal.",
           example="01/07/1990"),
    Column("birth_place_date", "Tempat/Tgl Lahir",
           ("tempattgllahir", "tempattanggallahir", "ttl", "tmptgllahir", "tempatdantanggallahir",
            "tempattgllhr", "tmptgllhr"),
           help="Tempat dan tanggal lahir dalam satu kolom, mis. Natar, 27-04-1983.",
           fills=("birth_place", "birth_date"), in_template=False),
    Column("marital_status", "Status Kawin", ("statuskawin", "statusperkawinan", "statuspernikahan", "statusnikah",
                                              "perkawinan"),
           help="Belum Kawin, Kawin, Cerai Hidup, Cerai Mati (juga ejaan Dukcapil/P3KE).", example="Kawin"),
    Column("education", "Pendidikan", ("pendidikan", "pendidikanterakhir", "ijazahtertinggi", "pendidikantertinggi",
                                       "pendidikanterakhirdiakui", "jenjangpendidikan"),
           help="Tidak/Belum Sekolah, SD, SMP, SMA, Diploma, S1, S2/S3 (juga ejaan Dukcapil/P3KE).", example="SMP"),
    Column("occupation", "Pekerjaan", ("pekerjaan", "pekerjaanutama", "jenispekerjaan", "matapencaharian",
                                       "matapencaharianutama"),
           help="Mis. Petani/Pekebun, Buruh Tani, Buruh Harian Lepas, Pedagang, Belum/Tidak Bekerja.",
           example="Petani/Pekebun"),
    Column("has_disability", "Disabilitas", ("disabilitas", "penyandangdisabilitas", "difabel", "jenisdisabilitas",
                                             "jeniscacat", "kecacatan", "cacat", "statusdisabilitas"),
           help="Tidak, Ya, atau jenisnya (Tuna Daksa, Tuna Netra, Tuna Rungu, Tuna Wicara, Tuna Grahita…).",
           example="Tidak", fills=("has_disability", "disability_kind")),
    Column("desil", "Desil", ("desil", "desilkesejahteraan", "desilnasional", "peringkatdesil", "desilp3ke",
                              "desildtsen"),
           help="1 sampai 10 (juga 'Desil 1', 'Desil I').", example="1"),
    Column("desil_source", "Sumber Desil", ("sumberdesil",),
           help="DTKS, P3KE, DTSEN atau Lokal. Kosong: sumber yang dipilih saat mengunggah.", example="DTSEN"),
    Column("desil_as_of", "Tanggal Desil", ("tanggaldesil", "desilpertanggal", "tanggalperingkat", "tmtdesil"),
           help="Tanggal penetapan desil. Kosong: tanggal yang dipilih saat mengunggah.", example="01/10/2026"),
)  # fmt: skip
# The template's example row is skipped with a warning, should an officer leave it in the file.
EXAMPLE_NIK = next(column.example for column in COLUMNS if column.field == "nik")
BY_FIELD = {column.field: column for column in COLUMNS}
BY_ALIAS = {alias: column for column in COLUMNS for alias in column.aliases}
RANKING_ALIASES = dict.fromkeys(("nikkepalakeluarga", "nikkk", "nikkepala", "nikkrt", "nikkepalarumahtangga"),
                                BY_FIELD["nik"])  # fmt: skip
TEMPLATE_COLUMNS = [column for column in COLUMNS if column.in_template]
