"""The BNBA round trip (issue 11), part two: a file that writes a household the way a district office
might — format, encoding, title block, `No` column, one- or two-row header with merged parents, a
column-number row, totals and signatures below the data, other sheets — and what its preview should say.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from hypothesis import assume
from hypothesis import strategies as st

from beneficiaries.models import DesilSource
from tests.bnba_households import DAY_FIRST, MONTH_FIRST, TODAY, Household, Writing, cell, households
from tests.spreadsheet_writers import SheetSpec, write_text, write_workbook

FORMATS = ["xlsx", "xls", "ods", "csv", "txt"]
# What a one-row header calls each column; under a merged parent, the columns have short names (CHILD_NAMES).
COLUMN_NAMES = {
    "no_kk": ["No KK", "No. KK", "NOMOR KK", "Nomor Kartu Keluarga", "NO_KK"],
    "nik": ["NIK", "No. NIK", "Nomor Induk Kependudukan"],
    "name": ["Nama", "NAMA LENGKAP", "Nama Anggota Keluarga"],
    "sex": ["Jenis Kelamin", "JK", "L/P"],
    "relationship": ["Hubungan Keluarga", "Hubungan Dengan Kepala Keluarga", "SHDK"],
    "birth_place": ["Tempat Lahir", "TMP LAHIR"],
    "birth_date": ["Tanggal Lahir", "Tgl Lahir"],
    "birth_place_date": ["Tempat/Tgl Lahir", "Tempat, Tanggal Lahir", "TTL"],
    "marital_status": ["Status Kawin", "Status Perkawinan"],
    "education": ["Pendidikan", "Pendidikan Terakhir"],
    "occupation": ["Pekerjaan", "Pekerjaan Utama", "Jenis Pekerjaan"],
    "disability": ["Disabilitas", "Jenis Disabilitas", "Penyandang Disabilitas", "Jenis Cacat"],
    "village_code": ["Kode Desa", "Kode Kemendagri", "Kode Wilayah"],
    "district_name": ["Kabupaten/Kota", "Kabupaten"],
    "subdistrict_name": ["Kecamatan", "Kec"],
    "village_name": ["Desa/Kelurahan", "Desa"],
    "address": ["Alamat", "Alamat Lengkap", "Alamat Rumah"],
    "dusun": ["Dusun", "Dusun/Lingkungan"],
    "rt": ["RT"],
    "rw": ["RW"],
    "rt_rw": ["RT/RW"],
    "desil": ["Desil", "Desil Kesejahteraan", "DESIL P3KE"],
    "desil_source": ["Sumber Desil"],
    "desil_as_of": ["Tanggal Desil", "TMT Desil"],
}
CHILD_NAMES = {"birth_place": "Tempat", "birth_date": "Tanggal", "district_name": "Kabupaten",
               "subdistrict_name": "Kecamatan", "village_name": "Desa", "dusun": "Dusun", "rt": "RT", "rw": "RW",
               "rt_rw": "RT/RW", "desil": "Desil", "desil_source": "Sumber", "desil_as_of": "Tanggal"}  # fmt: skip
GROUP_NAMES = {"birth": ["Lahir", "Tempat/Tgl Lahir", "Tempat dan Tanggal Lahir"], "region": ["Wilayah"],
               "area": ["Alamat", "Domisili"], "desil": ["Peringkat Desil", "Desil"]}  # fmt: skip
TITLES = [["DATA BY NAME BY ADDRESS (BNBA) KELUARGA MISKIN"], ["PROGRAM DESAKU MAJU TAHUN 2026"],
          ["KECAMATAN NATAR KABUPATEN LAMPUNG SELATAN"], ["Desa", ": Hajimena"], ["Kecamatan", ": Natar"]]  # fmt: skip


@dataclass
class Block:
    keys: list[str]
    group: str = ""  # the merged parent over the keys in a two-row header


@dataclass
class FileSpec:
    """How the file writes the household: format, layout, and the grid of cells ``files()`` built."""

    format: str
    writing: Writing
    encoding: str = "utf-8"
    delimiter: str = ","
    default_source: str = "dtsen"  # what the officer picks on the upload form
    default_as_of: date = date(2026, 10, 1)
    sheets: list[str] = field(default_factory=lambda: ["Data"])  # in workbook order; "Arsip" is hidden
    grid: list[list] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # 0-based (row1, col1, row2, col2)
    no_column: bool = False
    number_row: int | None = None  # 1-based, as the officer counts rows
    number_cells: tuple[str, str] = ("", "")
    footer_rows: list[int] = field(default_factory=list)  # 1-based
    data_rows: range = range(0)  # 0-based
    name_column: int = 0

    @property
    def workbook(self) -> bool:
        return self.writing.workbook

    @property
    def data_sheet(self) -> str:
        return next(name for name in self.sheets if name not in (*EXTRA_SHEETS, ARCHIVE))


EXTRA_SHEETS = {"Petunjuk": [["Petunjuk pengisian"], ["Satu baris per orang; NIK dan No KK berformat Teks."]]}
ARCHIVE = "Arsip"  # a hidden older copy of the data: never read
IDENTITY_KEYS = ("no_kk", "nik")


@st.composite
def blocks(draw, *, two_row: bool) -> list[Block]:
    """The file's columns in some order; with a two-row header, some under a merged parent."""

    def grouped(keys: list[str], group: str) -> Block:
        return Block(keys, draw(st.sampled_from(GROUP_NAMES[group])) if two_row and draw(st.booleans()) else "")

    combined_birth = draw(st.booleans())
    region = draw(st.sampled_from([["village_code"], ["subdistrict_name", "village_name"],
                                   ["district_name", "subdistrict_name", "village_name"]]))  # fmt: skip
    area = ["dusun", *draw(st.sampled_from([["rt", "rw"], ["rt_rw"]]))]
    desil = ["desil", *draw(st.sets(st.sampled_from(["desil_source", "desil_as_of"])).map(sorted))]
    found = [
        Block(["no_kk"]), Block(["nik"]), Block(["name"]), Block(["sex"]), Block(["relationship"]),
        Block(["birth_place_date"]) if combined_birth else grouped(["birth_place", "birth_date"], "birth"),
        Block(["marital_status"]), Block(["education"]), Block(["occupation"]), Block(["disability"]),
        grouped(region, "region") if len(region) > 1 else Block(region), Block(["address"]), grouped(area, "area"),
        grouped(desil, "desil") if len(desil) > 1 else Block(desil),
    ]  # fmt: skip
    return draw(st.permutations(found))


def keys_of(columns: list[Block]) -> list[str]:
    return [key for block in columns for key in block.keys]


def header_rows(draw, spec: FileSpec, columns: list[Block], *, two_row: bool, top: int) -> list[list]:
    """One or two header rows, the first at 0-based row ``top``; a workbook's merges go into ``spec``."""
    upper, lower = (["No"], [""]) if spec.no_column else ([], [])
    for block in columns:
        start = len(upper)
        if block.group:
            upper += [block.group] + [""] * (len(block.keys) - 1)
            lower += [CHILD_NAMES[key] for key in block.keys]
            if spec.workbook and draw(st.booleans()):
                spec.merges.append((top, start, top, start + len(block.keys) - 1))
        else:
            upper += [draw(st.sampled_from(COLUMN_NAMES[key])) for key in block.keys]
            lower += [""] * len(block.keys)
    if two_row and spec.workbook and draw(st.booleans()):  # a one-column name merged down over both rows
        spec.merges += [(top, column, top + 1, column) for column, name in enumerate(lower) if not name]
    return [upper, lower] if two_row else [upper]


@st.composite
def number_row(draw, width: int, *, workbook: bool) -> list:
    """(1) (2) (3)… under the header, as text or, in a workbook, as number cells."""
    style = draw(st.sampled_from(["({})", "{}"] + (["int"] if workbook else [])))
    return [number if style == "int" else style.format(number) for number in range(1, width + 1)]


SIGNATURE = ["Hajimena, 2 Desember 2026", "Mengetahui,", "Kepala Desa Hajimena", "", "", "SUDARMAN",
             "NIP. 19700101 199003 1 001"]  # fmt: skip
SECOND_SIGNATURE = ["", "", "Petugas Pendata", "", "", "RINA MARLINA", "NIP. -"]


def footer(draw, spec: FileSpec, grid: list[list], width: int, identity: list[int]) -> None:
    """Totals and signatures below the data, as a district office ends its sheet."""
    if draw(st.booleans()):
        grid.append([])
    if draw(st.booleans()):
        total = [""] * width
        total[0] = draw(st.sampled_from(["JUMLAH", "Jumlah", "TOTAL"]))
        total[draw(st.sampled_from([c for c in range(1, width) if c not in identity]))] = len(spec.data_rows)
        grid.append(total)
        spec.footer_rows.append(len(grid))
    if draw(st.booleans()):
        grid.append([])
        free = [column for column in range(width) if column not in identity]
        columns = draw(st.lists(st.sampled_from(free), min_size=1, max_size=2, unique=True))
        for line, text in enumerate(SIGNATURE):
            row = [""] * width
            row[columns[0]] = text
            if len(columns) > 1:
                row[columns[1]] = SECOND_SIGNATURE[line]
            grid.append(row if any(row) else [])
            if any(row):
                spec.footer_rows.append(len(grid))


@st.composite
def files(draw, household: Household, *, format: str, encoding: str = "utf-8") -> FileSpec:
    spec = FileSpec(format, Writing(workbook=format in ("xlsx", "xls", "ods")), encoding=encoding)
    spec.delimiter = "," if spec.workbook else draw(st.sampled_from([",", ";", "|", "\t"]))
    spec.writing.order = draw(st.sampled_from([DAY_FIRST, MONTH_FIRST]))
    spec.no_column = draw(st.booleans())
    two_row = draw(st.booleans())
    columns = draw(blocks(two_row=two_row))
    keys = keys_of(columns)
    # Without its column, the desil's source and date are those the officer picks on the upload form.
    spec.default_source = (
        draw(st.sampled_from(DesilSource.values)) if "desil_source" in keys else household.desil_source
    )
    spec.default_as_of = draw(st.dates(date(2015, 1, 1), TODAY)) if "desil_as_of" in keys else household.desil_as_of

    grid = [list(line) for line in draw(st.lists(st.sampled_from(TITLES), max_size=3, unique_by=tuple))]
    if grid and draw(st.booleans()):
        grid.append([])
    header = header_rows(draw, spec, columns, two_row=two_row, top=len(grid))
    grid += header
    width, spec.writing.shdk = len(header[0]), "SHDK" in header[0]
    if draw(st.booleans()):
        grid.append(draw(number_row(width, workbook=spec.workbook)))
        spec.number_row, spec.number_cells = len(grid), (str(grid[-1][0]), str(grid[-1][1]))
    first = len(grid)
    grid += draw(data_rows(household, keys, spec))
    spec.data_rows, spec.name_column = range(first, len(grid)), spec.no_column + keys.index("name")
    footer(draw, spec, grid, width, identity=[spec.no_column + keys.index(key) for key in IDENTITY_KEYS])
    spec.grid = grid
    if spec.workbook:
        extra = draw(st.sets(st.sampled_from([*EXTRA_SHEETS, ARCHIVE])))
        spec.sheets = draw(st.permutations([draw(st.sampled_from(["Data", "BNBA", "Sheet1"])), *sorted(extra)]))
    return spec


@st.composite
def data_rows(draw, household: Household, keys: list[str], spec: FileSpec) -> list[list]:
    rows = []
    for number, member in enumerate(household.members, start=1):
        row = [draw(st.sampled_from([str(number), number] if spec.workbook else [str(number)]))]
        rows.append(row[: spec.no_column] + [draw(cell(key, member, household, spec.writing)) for key in keys])
    if spec.writing.order == MONTH_FIRST:
        # A file is read month-first only when some date shows it (a day above 12 in second place).
        assume(any(day > 12 for day in spec.writing.numeric_days))
    return rows


@st.composite
def cases(draw) -> tuple[Household, FileSpec]:
    format = draw(st.sampled_from(FORMATS))
    encoding = "utf-8" if format in ("xlsx", "xls", "ods") else draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    household = draw(households(cp1252=encoding == "cp1252"))
    return household, draw(files(household, format=format, encoding=encoding))


# --- Writing the file, and what the preview should say about it ----------------------------------


def write(directory: Path, spec: FileSpec) -> Path:
    path = directory / f"bnba-hajimena.{spec.format}"
    if not spec.workbook:
        return write_text(path, spec.grid, delimiter=spec.delimiter, encoding=spec.encoding)
    sheets = []
    for name in spec.sheets:
        if name == ARCHIVE:
            sheets.append(SheetSpec(_archived(spec), ARCHIVE, hidden=True, merges=spec.merges))
        elif name in EXTRA_SHEETS:
            sheets.append(SheetSpec(EXTRA_SHEETS[name], name))
        else:
            sheets.append(SheetSpec(spec.grid, name, merges=spec.merges))
    return write_workbook(path, sheets)


def _archived(spec: FileSpec) -> list[list]:
    """The same sheet with other names: were it read, the names would not round-trip."""
    rows = [list(row) for row in spec.grid]
    for index in spec.data_rows:
        rows[index][spec.name_column] = "Arsip Lama"
    return rows


MONTH_FIRST_NOTICE = (
    "Tanggal di berkas ini ditulis dengan bulan lebih dulu (format Amerika, mis. 12/25/1980), jadi semua tanggal "
    "dibaca bulan/hari/tahun. Periksa contoh di pratinjau sebelum mengimpor."
)


def expected_notices(spec: FileSpec) -> list[str]:
    """What the preview says about the file as a whole, in its order: sheet, header, dates, rows skipped."""
    notices = []
    if len(spec.sheets) > 1:
        others = ", ".join(f"'{name}'" for name in spec.sheets if name != spec.data_sheet)
        notices.append(f"Data dibaca dari lembar '{spec.data_sheet}' (lembar lain: {others}).")
    if spec.number_row:
        first, second = spec.number_cells
        notices.append(f"Baris {spec.number_row} berisi nomor kolom ({first}, {second}, …); dilewati.")
    if spec.writing.order == MONTH_FIRST:
        notices.append(MONTH_FIRST_NOTICE)
    if spec.footer_rows:
        notices.append(f"{len(spec.footer_rows)} baris bukan data (jumlah, tanda tangan, keterangan) dilewati: "
                       f"baris {_ranges(spec.footer_rows)}.")  # fmt: skip
    return notices


def _ranges(rows: list[int]) -> str:
    """[3, 4, 5, 9] → "3–5, 9"."""
    runs: list[list[int]] = []
    for row in rows:
        if runs and runs[-1][-1] == row - 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    return ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)
