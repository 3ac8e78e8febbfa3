"""Dates as district files write them, read into exactly the date they mean, or refused.

Accepted: date cells of a workbook; ``dd/mm/yyyy``, ``dd-mm-yyyy``, ``dd.mm.yyyy``; ``yyyy-mm-dd`` and
``yyyy/mm/dd`` (with or without a time); month names in Indonesian or English, full or short, any case
("16 Januari 1975", "17-Jun-72", "07 JUNI 1984", "June 17, 1972"); two-digit years, in the century that
puts the date within the last hundred years. A file written month-first (a US-locale Excel) is read
month-first as a whole (see ``order_evidence``); a cell whose day and month could be read either way
carries its other reading so that the importer can compare both with the NIK. A bare year or a
placeholder leaves the date empty with a warning; anything else unreadable is an error.
"""

import re
from datetime import date, datetime, timedelta
from typing import NamedTuple

from ..validators import NIK_DATE_MISMATCH
from .values import CellError, CellWarning, Split, is_number, text

__all__ = ["NIK_DATE_MISMATCH", "birth_date", "place_and_date", "ranking_date", "read_date", "swapped_against_nik"]

DAY_FIRST, MONTH_FIRST = "dmy", "mdy"
EXCEL_EPOCH = date(1899, 12, 30)
MONTHS = {
    **dict.fromkeys(("januari", "january", "jan"), 1),
    **dict.fromkeys(("februari", "pebruari", "february", "feb", "peb"), 2),
    **dict.fromkeys(("maret", "march", "mar"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("mei", "may"), 5),
    **dict.fromkeys(("juni", "june", "jun"), 6),
    **dict.fromkeys(("juli", "july", "jul"), 7),
    **dict.fromkeys(("agustus", "august", "agu", "ags", "agt", "agst", "aug"), 8),
    **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("oktober", "october", "okt", "oct"), 10),
    **dict.fromkeys(("november", "nopember", "nov", "nop"), 11),
    **dict.fromkeys(("desember", "december", "des", "dec"), 12),
}
MONTH_NAMES = ("", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
               "Oktober", "November", "Desember")  # fmt: skip
WEEKDAY = r"(?:(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad|mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
TIME = r"(?:[ t]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?)?"
ISO = re.compile(rf"^(\d{{4}})([-/.])(\d{{1,2}})\2(\d{{1,2}}){TIME}$")
NUMERIC = re.compile(rf"^(\d{{1,2}})([-/.])(\d{{1,2}})\2(\d{{4}}|\d{{2}}){TIME}$")
NAMED = re.compile(rf"^{WEEKDAY}(\d{{1,2}})[\s\-./]*([a-z]+)\.?[\s\-./,]*(\d{{4}}|\d{{2}}){TIME}$")
NAMED_MONTH_FIRST = re.compile(rf"^([a-z]+)\.?[\s\-./]*(\d{{1,2}})(?:st|nd|rd|th)?,?[\s\-./]*(\d{{4}}|\d{{2}}){TIME}$")
PLACEHOLDER = re.compile(r"^[\s0x?\-/.:]*$|^(n/?a|null|none|tidak tahu|tidak diketahui|tdk tahu|belum ada)$")
ZERO_PARTS = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


class DateReading(NamedTuple):
    value: date | None
    other: date | None = None  # the reading with day and month swapped, when that is a date too


def spoken(day: date) -> str:
    """``date(1988, 2, 4)`` → ``4 Februari 1988``: how messages name a date, unmistakably."""
    return f"{day.day} {MONTH_NAMES[day.month]} {day.year}"


def read_date(value, *, order: str = DAY_FIRST, today: date) -> DateReading:
    if isinstance(value, datetime):
        return DateReading(value.date())
    if isinstance(value, date):
        return DateReading(value)
    if is_number(value):
        return DateReading(_number(value, today))
    text = " ".join(str(value).split()).casefold()
    if not text:
        return DateReading(None)
    if PLACEHOLDER.match(text):
        raise CellWarning(f"Tanggal '{value}' tidak diisi sebenarnya; dikosongkan.", None)
    if text.isdigit():
        return DateReading(_digits(text, today))
    for reader in (_iso, _numeric, _named):
        if (found := reader(text, order, today)) is not None:
            return found
    raise CellError(
        f"Tanggal '{value}' tidak dikenali: tulis dd/mm/yyyy (mis. 17/08/1975) atau dengan nama bulan "
        "(mis. 17 Agustus 1975)."
    )


def _number(value, today: date) -> date:
    """A number cell of a workbook: a year alone, or an Excel date serial kept without its date format."""
    if float(value).is_integer() and 1900 <= value <= today.year:
        raise CellWarning(f"Hanya tahun ({int(value)}) yang tertulis, bukan tanggal lengkap; dikosongkan.", None)
    if not 1 <= value < 2958466:
        raise CellError("Angka di kolom tanggal bukan tanggal Excel yang mungkin.")
    return EXCEL_EPOCH + timedelta(days=int(value))


def _digits(text: str, today: date) -> date:
    if len(text) == 4 and 1900 <= int(text) <= today.year:
        raise CellWarning(f"Hanya tahun ({text}) yang tertulis, bukan tanggal lengkap; dikosongkan.", None)
    raise CellError(
        f"'{text}' berupa angka, bukan tanggal. Bila ini nomor tanggal Excel, format selnya sebagai Tanggal di "
        "Excel; di berkas teks tulis dd/mm/yyyy."
    )


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _century(short: str, month: int, day: int, today: date) -> int:
    """A two-digit year in the century that puts the date in the last hundred years."""
    year = 2000 + int(short)
    recent = _make(year, month, day) or _make(year, month, 1)
    return year if recent and recent <= today else year - 100


def _year(text: str, month: int, day: int, today: date) -> int:
    return int(text) if len(text) == 4 else _century(text, month, day, today)


def _iso(text: str, order: str, today: date) -> DateReading | None:
    if not (match := ISO.match(text)):
        return None
    if int(match[3]) == 0 or int(match[4]) == 0:
        raise CellWarning(f"Tanggal '{text}' tidak lengkap (bulan/hari 00); dikosongkan.", None)
    found = _make(int(match[1]), int(match[3]), int(match[4]))
    if found is None:
        raise CellError(f"Tanggal '{text}' tidak mungkin (tahun-bulan-hari).")
    return DateReading(found)


def _numeric(text: str, order: str, today: date) -> DateReading | None:
    if not (match := NUMERIC.match(text)):
        return None
    first, second, year_text = int(match[1]), int(match[3]), match[4]
    if _zero_parts(first, second, year_text):
        raise CellWarning(f"Tanggal '{text}' tidak lengkap (hari/bulan 00); dikosongkan.", None)
    day, month = (first, second) if order == DAY_FIRST else (second, first)
    found = _make(_year(year_text, month, day, today), month, day)
    swapped = _make(_year(year_text, day, month, today), day, month) if day != month else None
    if found is None:
        hint = f" Bila maksudnya {spoken(swapped)}, tulis dengan nama bulan." if swapped else ""
        layout = "hari/bulan/tahun" if order == DAY_FIRST else "bulan/hari/tahun (urutan berkas ini)"
        raise CellError(f"Tanggal '{text}' tidak mungkin dibaca {layout}.{hint}")
    return DateReading(found, swapped)


def _zero_parts(first: int, second: int, year_text: str) -> bool:
    return (first == 0 or second == 0) and len(year_text) == 4


def _named(text: str, order: str, today: date) -> DateReading | None:
    if match := NAMED.match(text):
        day, month_name, year_text = int(match[1]), match[2], match[3]
    elif match := NAMED_MONTH_FIRST.match(text):
        month_name, day, year_text = match[1], int(match[2]), match[3]
    else:
        return None
    month = MONTHS.get(month_name)
    if month is None:
        raise CellError(f"Nama bulan '{month_name}' pada tanggal '{text}' tidak dikenali.")
    found = _make(_year(year_text, month, day, today), month, day)
    if found is None:
        raise CellError(f"Tanggal '{text}' tidak mungkin.")
    return DateReading(found)


def order_evidence(value) -> str | None:
    """DAY_FIRST or MONTH_FIRST when a numeric text date can only be read one way (13/02 or 02/13)."""
    if not isinstance(value, str) or not (match := NUMERIC.match(" ".join(value.split()).casefold())):
        return None
    first, second = int(match[1]), int(match[3])
    if first > 12 >= second >= 1:
        return DAY_FIRST
    if second > 12 >= first >= 1:
        return MONTH_FIRST
    return None


def _same_day(one: date, other: date) -> bool:
    """The NIK keeps two digits of the year: compare day, month and the year's last two digits."""
    return (one.day, one.month, one.year % 100) == (other.day, other.month, other.year % 100)


def birth_date(value, *, read, today: date) -> Split:
    """A birth date, its other reading when day and month could be swapped, and the cell as written."""
    try:
        reading = read(value)
    except CellWarning as warning:
        raise CellWarning(str(warning), Split(birth_date=None, birth_date_other=None)) from None
    if reading.value and not date(1900, 1, 1) <= reading.value <= today:
        raise CellError("Tanggal lahir di luar rentang 1900 sampai hari ini.")
    other = reading.other if reading.other and reading.other <= today else None
    return Split(birth_date=reading.value, birth_date_other=other, birth_date_text=str(value).strip())


PLACE_THEN_DATE = re.compile(r"^(?P<place>[^\d]*?)[\s,;/\-]*(?P<date>\d.*)?$")


def place_and_date(value, *, read, today: date) -> Split:
    """A combined "Tempat/Tgl Lahir" cell: ``Natar, 27-04-1983``, ``NATAR 27 APRIL 1983``."""
    written = text(value, max_length=200)
    match = PLACE_THEN_DATE.match(written)
    place = (match["place"] if match else written).strip(" ,;/-")
    if len(place) > 100:
        raise CellError("Tempat lahir terlalu panjang (paling banyak 100 karakter).")
    if not match or not match["date"]:
        return Split(birth_place=place, birth_date=None, birth_date_other=None)
    try:
        return Split(birth_place=place, **birth_date(match["date"], read=read, today=today))
    except CellWarning as warning:
        raise CellWarning(str(warning), Split(birth_place=place, birth_date=None, birth_date_other=None)) from None


def ranking_date(value, *, read, today: date) -> date | None:
    """The date a desil ranking was made: a date that has already come."""
    found = read(value).value
    if found and found > today:
        raise CellError("Tanggal desil tidak boleh di masa depan.")
    return found


def swapped_against_nik(record: dict, nik_birth: date | None) -> str | None:
    """The error for a birth date that the NIK says was written with day and month swapped."""
    chosen, other = record.get("birth_date"), record.get("birth_date_other")
    if not (nik_birth and chosen and other) or _same_day(chosen, nik_birth) or not _same_day(other, nik_birth):
        return None
    return (
        f"Tanggal lahir '{record.get('birth_date_text', '')}' bisa dibaca {spoken(chosen)} atau {spoken(other)}, "
        f"dan NIK cocok dengan {spoken(other)}: tulis tanggalnya dengan nama bulan (mis. {spoken(other)}) agar "
        "hari dan bulan tidak tertukar."
    )
