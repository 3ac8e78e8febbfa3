"""Reading one cell of a BNBA file into the value the registry keeps.

A parser returns the value, raises ``CellError`` (the row is rejected) or ``CellWarning`` (the row
is accepted with ``.value`` and the warning is shown). A parser of a combined column returns a
``Split`` of several fields. Messages may quote the cell, except a NIK or No KK, which they never repeat.
"""

import re

from ..models import Relationship
from .codes import (
    DISABILITY_KINDS,
    DTKS,
    DUKCAPIL,
    EDUCATION,
    MARITAL,
    NO_DISABILITY,
    NO_DISABILITY_SYMBOLS,
    OCCUPATIONS,
    RELATIONSHIP_CODES,
    RELATIONSHIPS,
    SEXES,
)
from .columns import normalise

SCIENTIFIC = re.compile(r"^\d[.,]?\d*e\+?\d+$", re.IGNORECASE)
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
DESIL = re.compile(r"^(?:desil\s*(?:ke)?[\s\-:.]*)?(\d{1,2}|[ivx]{1,4})(?:[.,]0+)?$")
RT_RW = re.compile(r"^(?:rt\.?\s*)?(\d{1,3})\s*(?:[/\-|\\]|\s+rw\.?)\s*(?:rw\.?\s*)?(\d{1,3})$")
RT_OR_RW = re.compile(r"^(?:r[tw]\.?\s*)?(\d{1,3})$")


class CellError(Exception):
    pass


class CellWarning(Exception):
    def __init__(self, message: str, value=""):
        super().__init__(message)
        self.value = value


class Split(dict):
    """What one combined cell says about several fields (RT/RW, Tempat/Tgl Lahir)."""


def is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def text(value, max_length: int = 150) -> str:
    if type(value) is not str:
        value = f"{value:.0f}" if is_number(value) and float(value).is_integer() else str(value)
    value = value.strip()
    if len(value) > max_length:
        raise CellError(f"Isian terlalu panjang ({len(value)} karakter, paling banyak {max_length}).")
    return value


def _quoted(value, limit: int = 40) -> str:
    shown = text(value, max_length=10_000)
    return shown if len(shown) <= limit else f"{shown[:limit]}…"


def identity_number(value, label: str) -> str:
    """A NIK or No KK as typed in a text cell: a number cell has already lost its last digit."""
    if type(value) is str and len(value) == 16 and value.isdigit():
        return value  # the usual, well-formed case
    if is_number(value):
        raise CellError(
            f"{label} tersimpan sebagai angka, sehingga Excel bisa menghilangkan digit terakhirnya. "
            f"Format kolom {label} sebagai Teks lalu ketik ulang; baris ini tidak diimpor."
        )
    value = str(value).strip().lstrip("'`").replace(" ", "").replace("\u00a0", "")
    if SCIENTIFIC.match(value):
        raise CellError(
            f"{label} tertulis dalam notasi ilmiah (E+): Excel sudah mengubahnya menjadi angka dan digitnya "
            "hilang. Format kolom sebagai Teks lalu ketik ulang."
        )
    return value


def sex(value) -> str:
    try:
        return SEXES[normalise(text(value))]
    except KeyError:
        raise CellError(f"Jenis kelamin '{_quoted(value)}' tidak dikenal: tulis L atau P (Laki-laki/Perempuan, "
                        "Lk/Pr, 1/2).") from None  # fmt: skip


def relationship(value, codes: str | None = None) -> str:
    """A word, or a numeric code of the list the file uses (``codes``: DUKCAPIL, DTKS or unknown)."""
    key = normalise(text(value))
    if key in RELATIONSHIPS:
        return RELATIONSHIPS[key]
    if key.isdigit():
        return _relationship_code(key.lstrip("0") or "0", codes)
    raise CellError(f"Hubungan keluarga '{_quoted(value)}' tidak dikenal (mis. Kepala Keluarga, Istri, Anak).")


def _relationship_code(code: str, codes: str | None) -> str:
    lists = [codes] if codes else [DUKCAPIL, DTKS]
    # A code only one list has (Dukcapil's 9–11) means what that list says.
    meanings = {RELATIONSHIP_CODES[name].get(code) for name in lists} - ({None} if len(lists) > 1 else set())
    if meanings in ({None}, set()):
        raise CellError(f"Kode hubungan keluarga {code} tidak ada di daftar kode Dukcapil maupun DTKS.")
    if len(meanings) > 1:
        dukcapil, dtks = (RELATIONSHIP_CODES[name].get(code) for name in (DUKCAPIL, DTKS))
        raise CellError(
            f"Kode hubungan {code} berarti '{_label(dukcapil)}' di kode Dukcapil (SHDK) tetapi '{_label(dtks)}' "
            "di kode DTKS. Tulis hubungannya dengan kata, atau beri judul kolom 'SHDK' (kode Dukcapil) atau "
            "'hubungan_keluarga' dengan kolom 'iddtks' (kode DTKS)."
        )
    return meanings.pop()


def _label(code) -> str:
    return Relationship(code).label if code else "tidak ada"


def _soft_choice(value, choices: dict, label: str) -> str:
    key = normalise(text(value))
    if key in choices:
        return choices[key]
    if key:
        raise CellWarning(f"{label} '{_quoted(value)}' tidak dikenal; dikosongkan.")
    return ""


def marital_status(value) -> str:
    return _soft_choice(value, MARITAL, "Status kawin")


def education(value) -> str:
    return _soft_choice(value, EDUCATION, "Pendidikan")


def occupation(value) -> str:
    return _soft_choice(value, OCCUPATIONS, "Pekerjaan")


def disability(value) -> Split:
    """No, yes with its kind when named, or — for anything else — unknown with a warning, never yes."""
    written = text(value)
    key = normalise(written)
    if key in NO_DISABILITY or written in NO_DISABILITY_SYMBOLS:
        return Split(has_disability=False, disability_kind="")
    if key in DISABILITY_KINDS:
        return Split(has_disability=True, disability_kind=DISABILITY_KINDS[key])
    if not written:
        return Split(has_disability=None, disability_kind="")
    raise CellWarning(
        f"Disabilitas '{_quoted(value)}' tidak dikenal; dikosongkan (tulis Tidak, Ya, atau jenisnya, mis. Tuna Daksa).",
        Split(has_disability=None, disability_kind=""),
    )


def desil(value) -> int | None:
    """``1``, ``1.0``, ``1,0``, ``Desil 1``, ``Desil I`` and ``I`` are all desil 1; anything else is an error."""
    if is_number(value):
        if float(value).is_integer() and 1 <= value <= 10:
            return int(value)
        raise CellError(f"Desil '{_quoted(value)}' harus bilangan bulat 1 sampai 10.")
    written = " ".join(text(value).split()).casefold()
    if not written:
        return None
    match = DESIL.match(written)
    number = None
    if match:
        number = ROMAN.get(match[1]) if match[1].isalpha() else int(match[1])
    if number is None or not 1 <= number <= 10:
        raise CellError(f"Desil '{_quoted(value)}' harus angka 1 sampai 10 (boleh 'Desil 1' atau 'Desil I').")
    return number


SOURCES = {"dtks": "dtks", "p3ke": "p3ke", "dtsen": "dtsen", "lokal": "lokal", "verifikasilokal": "lokal"}


def desil_source(value) -> str:
    key = normalise(text(value))
    if not key:
        return ""
    try:
        return SOURCES[key]
    except KeyError:
        raise CellError("Sumber desil harus DTKS, P3KE, DTSEN atau Lokal.") from None


def village_code(value) -> str:
    return text(value).lstrip("'`").replace(".", "").replace(" ", "")


def family_id(value) -> str:
    return text(value, max_length=40).lstrip("'`")


def rt_or_rw(value) -> str:
    """RT and RW as three digits (``3`` and ``003`` are the same RT); text that is not a number stays."""
    written = text(value, max_length=10)
    match = RT_OR_RW.match(written.casefold())
    if match:
        return match[1].zfill(3)
    if len(written) > 3:
        raise CellError(f"RT/RW '{_quoted(value)}' harus angka paling banyak 3 digit.")
    return written


def rt_rw(value) -> Split:
    """A combined RT/RW cell: ``003/002``, ``3/2``, ``003-002``, ``RT 003 RW 002``."""
    written = " ".join(text(value, max_length=30).split()).casefold()
    if not written:
        return Split(rt="", rw="")
    match = RT_RW.match(written)
    if not match:
        raise CellError(f"RT/RW '{_quoted(value)}' tidak terbaca: tulis RT dan RW dipisah garis miring, mis. 003/002.")
    return Split(rt=match[1].zfill(3), rw=match[2].zfill(3))
