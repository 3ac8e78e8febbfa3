"""NIK and No KK rules, in one place, as plain functions (forms and the bulk importer both call them).

A NIK is ``PPKKCC DDMMYY SSSS``: the kecamatan where it was first issued, the birth date (day + 40
for women) and a serial. Messages never repeat the number itself (UU PDP: no NIK in errors or logs).
"""

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.utils import timezone

from villages.nik_regions import is_known_kecamatan, is_known_province

SIXTEEN_DIGITS = re.compile(r"\d{16}")
NIK_DATE_MISMATCH = "Tanggal lahir tidak sesuai dengan tanggal di dalam NIK."


@dataclass
class NikCheck:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    birth_date: date | None = None
    sex: str | None = None  # "L" or "P", read from the NIK


def _shape_error(label: str, value: str) -> str | None:
    if SIXTEEN_DIGITS.fullmatch(value):
        return None
    if not value:
        return f"{label} wajib diisi."
    if not value.isdigit():
        return f"{label} hanya boleh berisi 16 digit angka (ada huruf, spasi atau tanda baca)."
    return f"{label} harus 16 digit (terbaca {len(value)} digit)."


def nik_birth_date(nik: str, *, today: date | None = None) -> tuple[date | None, str]:
    """The birth date and sex encoded in a 16-digit NIK; the date is None when impossible."""
    return _decode_birth(nik[6:12], (today or timezone.localdate()).year)


@lru_cache(maxsize=65536)
def _decode_birth(ddmmyy: str, this_year: int) -> tuple[date | None, str]:
    day, month, year = int(ddmmyy[:2]), int(ddmmyy[2:4]), int(ddmmyy[4:])
    sex = "P" if day > 40 else "L"
    if sex == "P":
        day -= 40
    century = 2000 if 2000 + year <= this_year else 1900
    try:
        return date(century + year, month, day), sex
    except ValueError:
        return None, sex


def check_nik(
    nik: str,
    *,
    sex: str | None = None,
    birth_date: date | None = None,
    kecamatan_code: str | None = None,
    today: date | None = None,
) -> NikCheck:
    """Errors make a NIK unusable; warnings are shown but the NIK is accepted."""
    result = NikCheck()
    if problem := _shape_error("NIK", nik):
        result.errors.append(problem)
        return result
    if not is_known_province(nik[:2]):
        result.errors.append(f"Kode provinsi NIK ({nik[:2]}) tidak dikenal.")
    result.birth_date, result.sex = nik_birth_date(nik, today=today)
    if result.birth_date is None:
        result.errors.append("Tanggal lahir di dalam NIK (digit 7–12) bukan tanggal yang mungkin.")
    if nik[12:] == "0000":
        result.errors.append("Nomor urut NIK (4 digit terakhir) tidak boleh 0000.")
    if result.errors:
        return result
    _add_warnings(result, nik, sex=sex, birth_date=birth_date, kecamatan_code=kecamatan_code)
    return result


def _add_warnings(result: NikCheck, nik: str, *, sex, birth_date, kecamatan_code) -> None:
    prefix = nik[:6]
    if not is_known_kecamatan(prefix):
        result.warnings.append(f"Kode kecamatan NIK ({prefix}) tidak ada dalam daftar Kemendagri.")
    elif kecamatan_code and prefix != kecamatan_code.replace(".", ""):
        result.warnings.append(
            f"Kode wilayah NIK ({prefix}) berbeda dengan kecamatan domisili; wajar bila pernah pindah."
        )
    if sex and sex != result.sex:
        result.warnings.append(f"Jenis kelamin ({sex}) tidak sesuai dengan NIK ({result.sex}).")
    if birth_date and (birth_date.day, birth_date.month, birth_date.year % 100) != (
        result.birth_date.day,
        result.birth_date.month,
        result.birth_date.year % 100,
    ):
        result.warnings.append(NIK_DATE_MISMATCH)


def check_no_kk(no_kk: str) -> str | None:
    """The error of a No KK, or None when it is a well-formed 16-digit number."""
    if problem := _shape_error("No. KK", no_kk):
        return problem
    if not is_known_province(no_kk[:2]):
        return f"Kode provinsi No. KK ({no_kk[:2]}) tidak dikenal."
    if no_kk[12:] == "0000":
        return "Nomor urut No. KK (4 digit terakhir) tidak boleh 0000."
    return None


def validate_nik_format(value: str) -> None:
    """Django field validator: the NIK errors (warnings are for forms and imports to show)."""
    if errors := check_nik(value).errors:
        raise ValidationError(errors)


def validate_no_kk(value: str) -> None:
    if error := check_no_kk(value):
        raise ValidationError(error)


def compose_nik(*, kecamatan_code: str, birth_date: date, sex: str, serial: int) -> str:
    """The NIK for these facts (for synthetic data and tests): the inverse of ``nik_birth_date``."""
    day = birth_date.day + (40 if sex == "P" else 0)
    return f"{kecamatan_code.replace('.', '')}{day:02d}{birth_date:%m%y}{serial:04d}"
