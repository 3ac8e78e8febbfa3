"""Rows that belong to the file's layout rather than its data: totals (JUMLAH), signature blocks
("Mengetahui, Kepala Desa …", "NIP …"), and what else sits below the data. Each is counted and reported
once as a notice, never as a rejected row with an error per column.

A row is only ever taken for layout when it has no NIK, No KK or family id and does not read like a
person (a name with a sex): a person's row missing its NIK stays a data row and is rejected with a message.
"""

import re

from .codes import SEXES
from .columns import normalise

FOOTER = re.compile(
    r"\b(jumlah|total|sub\s*total|grand\s*total|rekap|mengetahui|menyetujui|disetujui|diketahui|"
    r"kepala\s+(?!keluarga|rumah|kk\b)\w+|"
    r"lurah|camat|sekretaris|sekdes|nip|nrp|ttd|tanda\s*tangan|dibuat\s+oleh|disusun\s+oleh|diperiksa|petugas|"
    r"operator|pendamping|pendata|verifikator|an|a\.\s*n|plt|plh|bupati|walikota|keterangan)\b",
    re.IGNORECASE,
)
PLACE_AND_DATE = re.compile(r"^[a-z .'-]+,\s*\d{1,2}\s+[a-z]+\s+\d{4}$", re.IGNORECASE)
IDENTITY_FIELDS = ("nik", "no_kk", "p3ke_family_id")
FEW_CELLS = 3  # a name or a NIP line under a signature: a person's row carries more


class LayoutRows:
    """Tells rows of the layout from data rows, remembering the block it is in and what it skipped."""

    def __init__(self, fields: dict[int, str]):
        self.identity = [position for position, name in fields.items() if name in IDENTITY_FIELDS]
        self.name = next((position for position, name in fields.items() if name == "name"), None)
        self.sex = next((position for position, name in fields.items() if name == "sex"), None)
        self.in_footer = False
        self.skipped: list[int] = []

    def is_layout(self, number: int, cells: list) -> bool:
        width = len(cells)
        if any(position < width and _identity(cells[position]) for position in self.identity) or self._person(cells):
            self.in_footer = False
            return False
        filled = [str(cell).strip() for cell in cells if _filled(cell)]
        footer = any(FOOTER.search(cell) or PLACE_AND_DATE.match(cell) for cell in filled)
        if footer or (self.in_footer and len(filled) <= FEW_CELLS):
            self.in_footer = True
            self.skipped.append(number)
            return True
        return False

    def _person(self, cells: list) -> bool:
        if self.name is None or self.sex is None or max(self.name, self.sex) >= len(cells):
            return False
        return _filled(cells[self.name]) and normalise(cells[self.sex]) in SEXES

    def notice(self) -> str | None:
        if not self.skipped:
            return None
        return (
            f"{len(self.skipped)} baris bukan data (jumlah, tanda tangan, keterangan) dilewati: baris "
            f"{row_ranges(self.skipped)}."
        )


def _filled(cell) -> bool:
    return cell is not None and cell != "" and str(cell).strip() != ""


def _identity(cell) -> bool:
    """A NIK, No KK or family id is there; a totals label in that column ("JUMLAH" in column A) is not one."""
    return _filled(cell) and not FOOTER.search(str(cell))


def row_ranges(rows: list[int], limit: int = 12) -> str:
    """[3, 4, 5, 9] → "3–5, 9"; long lists end with "…"."""
    ranges, start = [], None
    for index, row in enumerate(rows):
        if start is None:
            start = row
        if index + 1 == len(rows) or rows[index + 1] != row + 1:
            ranges.append(str(start) if start == row else f"{start}–{row}")
            start = None
    shown = ", ".join(ranges[:limit])
    return shown + (", …" if len(ranges) > limit else "")
