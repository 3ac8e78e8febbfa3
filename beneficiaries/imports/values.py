"""Reading one cell of a BNBA file into the value the registry keeps.

A parser returns the value, raises ``CellError`` (the row is rejected) or ``CellWarning`` (the row
is accepted with ``.value`` and the warning is shown). Messages never contain a NIK or No KK.
"""

import re
from datetime import date, datetime, timedelta

from django.utils import timezone

from ..models import DesilSource, Education, MaritalStatus, Relationship
from .columns import normalise

EXCEL_EPOCH = date(1899, 12, 30)
SCIENTIFIC = re.compile(r"^\d[.,]?\d*e\+?\d+$", re.IGNORECASE)
DATE_FORMATS = (
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), (3, 2, 1)),
    (re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$"), (3, 2, 1)),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), (1, 2, 3)),
)


class CellError(Exception):
    pass


class CellWarning(Exception):
    def __init__(self, message: str, value=""):
        super().__init__(message)
        self.value = value


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def text(value, max_length: int = 150) -> str:
    if type(value) is not str:
        value = f"{value:.0f}" if _is_number(value) and float(value).is_integer() else str(value)
    value = value.strip()
    if len(value) > max_length:
        raise CellError(f"Isian terlalu panjang ({len(value)} karakter, paling banyak {max_length}).")
    return value


def identity_number(value, label: str) -> str:
    """A NIK or No KK as typed in a text cell: a number cell has already lost its last digit."""
    if type(value) is str and len(value) == 16 and value.isdigit():
        return value  # the usual, well-formed case
    if _is_number(value):
        raise CellError(
            f"{label} tersimpan sebagai angka, sehingga Excel bisa menghilangkan digit terakhirnya. "
            f"Format kolom {label} sebagai Teks lalu ketik ulang; baris ini tidak diimpor."
        )
    value = str(value).strip().lstrip("'").replace(" ", "")
    if SCIENTIFIC.match(value):
        raise CellError(
            f"{label} tertulis dalam notasi ilmiah (E+): Excel sudah mengubahnya menjadi angka dan digitnya "
            "hilang. Format kolom sebagai Teks lalu ketik ulang."
        )
    return value


def birth_date(value, today: date | None = None) -> date | None:
    found = parse_date(value)
    if found and not date(1900, 1, 1) <= found <= (today or timezone.localdate()):
        raise CellError("Tanggal lahir di luar rentang 1900 sampai hari ini.")
    return found


def parse_date(value) -> date | None:
    """A date cell, an Excel serial number, or text as dd/mm/yyyy, dd-mm-yyyy or yyyy-mm-dd."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if _is_number(value) or (isinstance(value, str) and value.strip().isdigit() and len(value.strip()) == 5):
        return _excel_serial(float(value))
    value = str(value).strip()
    if not value:
        return None
    for pattern, (y, m, d) in DATE_FORMATS:
        if match := pattern.match(value):
            try:
                return date(int(match[y]), int(match[m]), int(match[d]))
            except ValueError:
                break
    raise CellError("Tanggal tidak dikenali atau tidak mungkin: tulis dd/mm/yyyy, dd-mm-yyyy atau yyyy-mm-dd.")


def _excel_serial(number: float) -> date:
    if not 1 <= number < 2958466:
        raise CellError("Angka tanggal Excel di luar rentang.")
    return EXCEL_EPOCH + timedelta(days=int(number))


SEXES = {"l": "L", "lakilaki": "L", "laki": "L", "pria": "L", "1": "L",
         "p": "P", "perempuan": "P", "wanita": "P", "2": "P"}  # fmt: skip
RELATIONSHIPS = {
    "kepalakeluarga": Relationship.HEAD, "kepala": Relationship.HEAD, "kepalarumahtangga": Relationship.HEAD,
    "istri": Relationship.SPOUSE, "suami": Relationship.SPOUSE, "istrisuami": Relationship.SPOUSE,
    "suamiistri": Relationship.SPOUSE, "pasangan": Relationship.SPOUSE,
    "anak": Relationship.CHILD, "anakkandung": Relationship.CHILD, "anakangkat": Relationship.CHILD,
    "anaktiri": Relationship.CHILD, "menantu": Relationship.CHILD_IN_LAW, "cucu": Relationship.GRANDCHILD,
    "orangtua": Relationship.PARENT, "ayah": Relationship.PARENT, "ibu": Relationship.PARENT,
    "mertua": Relationship.PARENT_IN_LAW, "orangtuamertua": Relationship.PARENT,
    "famililain": Relationship.OTHER_FAMILY, "familylain": Relationship.OTHER_FAMILY,
    "lainnya": Relationship.OTHER, "pembantu": Relationship.OTHER, "pembanturuta": Relationship.OTHER,
}  # fmt: skip
MARITAL = {
    "belumkawin": MaritalStatus.SINGLE, "belummenikah": MaritalStatus.SINGLE, "kawin": MaritalStatus.MARRIED,
    "menikah": MaritalStatus.MARRIED, "kawintercatat": MaritalStatus.MARRIED,
    "kawinbelumtercatat": MaritalStatus.MARRIED, "ceraihidup": MaritalStatus.DIVORCED,
    "ceraimati": MaritalStatus.WIDOWED,
}  # fmt: skip
EDUCATION = {
    "tidakbelumsekolah": Education.NONE, "tidaksekolah": Education.NONE, "belumsekolah": Education.NONE,
    "tidaktamatsd": Education.NONE, "sd": Education.SD, "sdsederajat": Education.SD, "sdmi": Education.SD,
    "tamatsd": Education.SD, "paketa": Education.SD, "smp": Education.SMP, "smpsederajat": Education.SMP,
    "sltp": Education.SMP, "smpmts": Education.SMP, "paketb": Education.SMP, "sma": Education.SMA,
    "smasederajat": Education.SMA, "slta": Education.SMA, "smk": Education.SMA, "smasmkma": Education.SMA,
    "paketc": Education.SMA, "diploma": Education.DIPLOMA, "d1": Education.DIPLOMA, "d2": Education.DIPLOMA,
    "d3": Education.DIPLOMA, "diplomaiii": Education.DIPLOMA, "diplomaiiii": Education.DIPLOMA,
    "s1": Education.BACHELOR, "d4": Education.BACHELOR, "diplomaivs1": Education.BACHELOR,
    "sarjana": Education.BACHELOR, "s2": Education.POSTGRADUATE, "s3": Education.POSTGRADUATE,
    "s2s3": Education.POSTGRADUATE,
}  # fmt: skip
NO = {"", "tidak", "t", "0", "false", "tidakada", "bukan", "n", "no"}
SOURCES = {"dtks": DesilSource.DTKS, "p3ke": DesilSource.P3KE, "dtsen": DesilSource.DTSEN,
           "lokal": DesilSource.LOCAL, "verifikasilokal": DesilSource.LOCAL}  # fmt: skip


def sex(value) -> str:
    try:
        return SEXES[normalise(text(value))]
    except KeyError:
        raise CellError("Jenis kelamin harus L atau P (Laki-laki/Perempuan, 1/2).") from None


def relationship(value) -> str:
    try:
        return RELATIONSHIPS[normalise(text(value))]
    except KeyError:
        raise CellError("Hubungan keluarga tidak dikenal (mis. Kepala Keluarga, Istri, Anak).") from None


def _soft_choice(value, choices: dict, label: str) -> str:
    key = normalise(text(value))
    if key in choices:
        return choices[key]
    if key:
        raise CellWarning(f"{label} tidak dikenal; dikosongkan.")
    return ""


def marital_status(value) -> str:
    return _soft_choice(value, MARITAL, "Status kawin")


def education(value) -> str:
    return _soft_choice(value, EDUCATION, "Pendidikan")


def disability(value) -> bool:
    # "Ya", or the kind of disability written out, means yes.
    return normalise(text(value)) not in NO


def desil(value) -> int | None:
    key = normalise(text(value)).removeprefix("desil")
    if not key:
        return None
    if key.isdigit() and 1 <= int(key) <= 10:
        return int(key)
    raise CellError("Desil harus angka 1 sampai 10.")


def desil_source(value) -> str:
    key = normalise(text(value))
    if not key:
        return ""
    try:
        return SOURCES[key]
    except KeyError:
        raise CellError("Sumber desil harus DTKS, P3KE, DTSEN atau Lokal.") from None


def village_code(value) -> str:
    return text(value).replace(".", "").replace(" ", "")
