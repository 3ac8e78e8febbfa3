"""Delimited text files (csv, txt): the encoding and separator found from the bytes, rows streamed.

UP-09: a byte that is neither UTF-8 nor Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D) gets a clear
refusal before any row is read, never a crash half-way.
"""

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path

from .detection import UTF16_BOMS, SpreadsheetError

DELIMITERS = (";", ",", "\t", "|")
CHUNK = 1 << 20


def text_encoding(path: Path) -> str:
    """UTF-16 with a BOM (Excel's 'Unicode Text'), else UTF-8 (BOM or not), else Windows-1252."""
    with path.open("rb") as handle:
        if handle.read(2) in UTF16_BOMS:
            return "utf-16"
    for encoding in ("utf-8", "cp1252"):
        if _decodes_as(path, encoding):
            return "utf-8-sig" if encoding == "utf-8" else encoding
    raise SpreadsheetError(
        "Pengodean teks berkas tidak dikenali (bukan UTF-8 maupun Windows-1252): buka berkas di Excel lalu "
        "simpan sebagai 'CSV UTF-8 (dipisah koma)'."
    )


def _decodes_as(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    with path.open("rb") as handle:
        try:
            while chunk := handle.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(CHUNK), b""))


def text_rows(path: Path, encoding: str) -> Iterator[list]:
    with path.open(encoding=encoding, newline="") as handle:
        delimiter = _delimiter(handle.read(64 * 1024))
        handle.seek(0)
        try:
            yield from csv.reader(handle, delimiter=delimiter)
        except csv.Error as error:
            raise SpreadsheetError("Berkas teks rusak (tanda kutip atau baris tidak lengkap).") from error


def _delimiter(sample: str) -> str:
    """The separator that splits the sample's busiest line into the most fields."""
    lines = sample.splitlines()[:30] or [""]
    return max(DELIMITERS, key=lambda d: max(line.count(d) for line in lines))
