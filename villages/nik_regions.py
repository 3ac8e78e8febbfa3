"""Region codes of all Indonesia, for checking the region prefix of a NIK (``PPKKCC``).

A NIK's first six digits are the kecamatan where the identity was first issued, anywhere in
Indonesia: people registered in another province live in Lampung too.
"""

import csv
from functools import cache
from pathlib import Path

INDONESIA_CSV = Path(__file__).parent / "data" / "kode_wilayah_indonesia.csv"


@cache
def _codes(level: str) -> frozenset[str]:
    with INDONESIA_CSV.open(encoding="utf-8", newline="") as handle:
        return frozenset(row["kode"].replace(".", "") for row in csv.DictReader(handle) if row["tingkat"] == level)


def is_known_province(code: str) -> bool:
    """Whether a 2-digit province code (``18``) exists."""
    return code in _codes("provinsi")


def is_known_kecamatan(prefix: str) -> bool:
    """Whether a 6-digit NIK prefix (``180104``) is a kecamatan code."""
    return prefix in _codes("kecamatan")
