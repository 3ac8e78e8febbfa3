"""Reading uploaded spreadsheets safely: check what the file really is, then stream its rows.

xlsx is read with python-calamine (cached values, formulas never evaluated, no XML entities);
CSV is streamed in UTF-8 (BOM or not) or Windows-1252, with `,` `;` tab or `|` as separator.
Every refusal is a ``SpreadsheetError`` whose message can be shown to the user as it is.
"""

import codecs
import csv
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from python_calamine import CalamineError, CalamineWorkbook

ALLOWED_TYPES = ("xlsx", "csv")
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
ZIP_MAGIC = b"PK\x03\x04"
DELIMITERS = (";", ",", "\t", "|")


class SpreadsheetError(Exception):
    """A file the portal will not read; the message is in Bahasa Indonesia for the user."""


def detect_type(name: str, head: bytes) -> str:
    """``xlsx`` or ``csv`` when the file's name and first bytes agree; SpreadsheetError otherwise."""
    kind = Path(name).suffix.lower().lstrip(".")
    if kind not in ALLOWED_TYPES:
        raise SpreadsheetError("Jenis berkas tidak didukung: unggah berkas .xlsx atau .csv.")
    if head.startswith(OLE_MAGIC):
        raise SpreadsheetError(
            "Berkas ini berformat Excel lama (.xls) atau dilindungi kata sandi. "
            "Buka di Excel lalu simpan sebagai .xlsx tanpa kata sandi."
        )
    if kind == "xlsx" and not head.startswith(ZIP_MAGIC):
        raise SpreadsheetError("Isi berkas bukan .xlsx (mungkin berkas lain yang diganti namanya).")
    if kind == "csv":
        _check_csv_head(head)
    return kind


def _check_csv_head(head: bytes) -> None:
    if head.startswith(ZIP_MAGIC):
        raise SpreadsheetError("Berkas ini .xlsx yang diberi nama .csv: unggah dengan nama .xlsx.")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise SpreadsheetError(
            "CSV berformat UTF-16 ('Unicode Text') tidak didukung: simpan sebagai 'CSV UTF-8 (dipisah koma)'."
        )
    if b"\x00" in head:
        raise SpreadsheetError("Berkas CSV berisi data biner, bukan teks.")


def check_xlsx_container(path: Path) -> None:
    """Refuse corrupt, macro-carrying or decompression-bomb xlsx files before any parser opens them."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise SpreadsheetError("Berkas .xlsx rusak atau tidak lengkap.") from error
    names = {entry.filename for entry in entries}
    if len(entries) > settings.SPREADSHEET_MAX_ENTRIES or any(_unsafe_name(name) for name in names):
        raise SpreadsheetError("Berkas .xlsx tidak wajar (isi arsip mencurigakan).")
    if not {"[Content_Types].xml", "xl/workbook.xml"} <= names:
        raise SpreadsheetError("Berkas .xlsx rusak: bagian buku kerja tidak ditemukan.")
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise SpreadsheetError("Berkas berisi makro (VBA): simpan sebagai .xlsx biasa tanpa makro.")
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries) or 1
    if unpacked > settings.SPREADSHEET_MAX_UNPACKED_BYTES or unpacked / packed > settings.SPREADSHEET_MAX_RATIO:
        raise SpreadsheetError("Isi berkas .xlsx terlalu besar setelah dibuka; pecah menjadi beberapa berkas.")


def _unsafe_name(name: str) -> bool:
    return name.startswith("/") or "\\" in name or ".." in name.split("/")


class Sheet(NamedTuple):
    rows: Iterator[list]
    size_hint: int  # about how many rows, for progress bars


def open_sheet(path: Path, kind: str) -> Sheet:
    """The rows of the file's first worksheet (xlsx) or of the CSV, as lists of cell values."""
    return _xlsx_sheet(path) if kind == "xlsx" else Sheet(_csv_rows(path), _count_lines(path))


def _xlsx_sheet(path: Path) -> Sheet:
    check_xlsx_container(path)
    try:
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        return Sheet(_calamine_rows(sheet), sheet.height)
    except CalamineError as error:
        raise SpreadsheetError("Berkas .xlsx rusak dan tidak dapat dibaca.") from error


def _calamine_rows(sheet) -> Iterator[list]:
    try:
        yield from sheet.iter_rows()
    except CalamineError as error:
        raise SpreadsheetError("Berkas .xlsx rusak dan tidak dapat dibaca.") from error


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))


def _csv_rows(path: Path) -> Iterator[list]:
    encoding = _csv_encoding(path)
    with path.open(encoding=encoding, newline="") as handle:
        delimiter = _csv_delimiter(handle.read(64 * 1024))
        handle.seek(0)
        try:
            yield from csv.reader(handle, delimiter=delimiter)
        except csv.Error as error:
            raise SpreadsheetError("Berkas CSV rusak (tanda kutip atau baris tidak lengkap).") from error
        except UnicodeDecodeError as error:
            raise SpreadsheetError("Pengodean berkas CSV tidak dikenali: simpan sebagai 'CSV UTF-8'.") from error


def _csv_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) when the whole file decodes as such, else Windows-1252."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as handle:
        try:
            while chunk := handle.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"


def _csv_delimiter(sample: str) -> str:
    """The separator that splits the sample's busiest line into the most fields."""
    lines = sample.splitlines()[:30] or [""]
    return max(DELIMITERS, key=lambda d: max(line.count(d) for line in lines))
