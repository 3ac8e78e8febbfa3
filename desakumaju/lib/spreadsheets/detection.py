"""What an uploaded file really is, judged by its first bytes rather than its name."""

import codecs
from pathlib import Path

ALLOWED_EXTENSIONS = ("xlsx", "xls", "ods", "csv", "txt")
WORKBOOK_EXTENSIONS = ("xlsx", "xls", "ods")
HEAD_BYTES = 4096
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ODS_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class SpreadsheetError(Exception):
    """A file the portal will not read; the message is in Bahasa Indonesia for the user."""


def detect_type(name: str, head: bytes) -> str:
    """``xlsx``, ``xls``, ``ods`` or ``csv`` (any delimited text), from the file's first bytes.

    A workbook may carry any workbook extension (an .xlsx saved as .xls is common); a text file may
    be named .csv, .txt or .xls (what many web applications export). Anything else is refused.
    """
    extension = Path(name).suffix.lower().lstrip(".")
    if extension not in ALLOWED_EXTENSIONS:
        raise SpreadsheetError("Jenis berkas tidak didukung: unggah berkas .xlsx, .xls, .ods, .csv atau .txt.")
    if head.startswith(ZIP_MAGIC):
        if extension not in WORKBOOK_EXTENSIONS:
            raise SpreadsheetError(f"Berkas ini buku kerja Excel/ODS yang diberi nama .{extension}: "
                                   "unggah dengan nama .xlsx atau .ods.")  # fmt: skip
        return "ods" if ODS_MIMETYPE in head[:100] else "xlsx"
    if head.startswith(OLE_MAGIC):
        if extension not in WORKBOOK_EXTENSIONS:
            raise SpreadsheetError(f"Berkas ini buku kerja Excel (.xls) yang diberi nama .{extension}: "
                                   "unggah dengan nama .xls.")  # fmt: skip
        return "xls"
    _check_text(extension, head)
    return "csv"


def _check_text(extension: str, head: bytes) -> None:
    if extension in ("xlsx", "ods"):
        raise SpreadsheetError(f"Isi berkas bukan .{extension} (mungkin berkas lain yang diganti namanya).")
    sample = head.lstrip(codecs.BOM_UTF8).lstrip().lower()
    if sample.startswith(b"<?xml") and b"office:spreadsheet" in head:
        raise SpreadsheetError(
            "Berkas ini 'XML Spreadsheet 2003', bukan buku kerja Excel biasa. Buka di Excel lalu simpan "
            "sebagai 'Excel Workbook (.xlsx)' dan unggah berkas .xlsx itu."
        )
    if sample.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<?xml")) or b"<html" in sample[:512]:
        raise SpreadsheetError(
            "Berkas ini halaman web (HTML) yang diberi nama .xls, seperti hasil 'ekspor ke Excel' banyak aplikasi "
            "web. Buka berkas di Excel lalu simpan sebagai 'Excel Workbook (.xlsx)' dan unggah berkas .xlsx itu."
        )
    if not head.startswith(UTF16_BOMS) and b"\x00" in head:
        raise SpreadsheetError("Berkas ini berisi data biner, bukan tabel teks (CSV/TXT) maupun buku kerja Excel.")
