"""Checks of a workbook's container before any parser opens it: corrupt, macro-carrying,
password-protected or decompression-bomb files are refused with a message that says which."""

import zipfile
from pathlib import Path

from django.conf import settings

from .detection import SpreadsheetError

REQUIRED_PARTS = {
    "xlsx": {"[Content_Types].xml", "xl/workbook.xml"},
    "ods": {"mimetype", "content.xml"},
}
ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")


def check_zip_workbook(path: Path, kind: str) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise SpreadsheetError(f"Berkas .{kind} rusak atau tidak lengkap.") from error
    names = {entry.filename for entry in entries}
    if len(entries) > settings.SPREADSHEET_MAX_ENTRIES or any(_unsafe_name(name) for name in names):
        raise SpreadsheetError(f"Berkas .{kind} tidak wajar (isi arsip mencurigakan).")
    if not REQUIRED_PARTS[kind] <= names:
        raise SpreadsheetError(f"Berkas .{kind} rusak: bagian buku kerja tidak ditemukan.")
    if any(name.lower().endswith("vbaproject.bin") or name.lower().startswith("basic/") for name in names):
        raise SpreadsheetError("Berkas berisi makro: simpan sebagai buku kerja biasa tanpa makro.")
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries) or 1
    if unpacked > settings.SPREADSHEET_MAX_UNPACKED_BYTES or unpacked / packed > settings.SPREADSHEET_MAX_RATIO:
        raise SpreadsheetError(f"Isi berkas .{kind} terlalu besar setelah dibuka; pecah menjadi beberapa berkas.")


def _unsafe_name(name: str) -> bool:
    return name.startswith("/") or "\\" in name or ".." in name.split("/")


def check_ole_workbook(path: Path) -> None:
    """An OLE file is a legacy .xls, or an .xlsx encrypted with a password (Excel wraps those in OLE)."""
    if path.stat().st_size > settings.SPREADSHEET_MAX_UNPACKED_BYTES:
        raise SpreadsheetError("Berkas .xls terlalu besar; pecah menjadi beberapa berkas.")
    tail = b""
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            if ENCRYPTED_OOXML in tail + chunk:
                raise password_protected()
            tail = chunk[-len(ENCRYPTED_OOXML) :]


def password_protected() -> SpreadsheetError:
    return SpreadsheetError(
        "Berkas dilindungi kata sandi: buka di Excel, hapus kata sandinya (File > Info > Protect Workbook), "
        "simpan, lalu unggah lagi."
    )
