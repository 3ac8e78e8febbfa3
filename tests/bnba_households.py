"""The BNBA round trip (issue 11), part one: a valid household, and the ways a district file writes each
of its values.

``households()`` draws what the registry should end up holding. Every written form below is one the
issue says the portal must read as exactly that value; the forms are spelled out by hand (not taken
from the importer's tables), so the round trip checks the importer. tests/bnba_layouts.py writes them
into files.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from hypothesis import strategies as st

from beneficiaries.models import DesilSource, DisabilityKind, Education, MaritalStatus, Occupation, Relationship
from beneficiaries.validators import compose_nik

# village_a of conftest.py
VILLAGE_CODE, KECAMATAN_CODE = "18.01.04.2001", "18.01.04"
DISTRICT, KECAMATAN, VILLAGE = "Lampung Selatan", "Natar", "Hajimena"
TODAY = timezone.localdate()
DAY_FIRST, MONTH_FIRST = "dmy", "mdy"


@dataclass(frozen=True)
class Member:
    nik: str
    name: str
    sex: str
    relationship: str
    birth_place: str
    birth_date: date
    marital_status: str
    education: str
    occupation: str
    has_disability: bool | None
    disability_kind: str


@dataclass(frozen=True)
class Household:
    no_kk: str
    address: str
    dusun: str
    rt: str
    rw: str
    desil: int
    desil_source: str
    desil_as_of: date
    members: tuple[Member, ...]


# --- The household -------------------------------------------------------------------------------

ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Windows-1252 letters whose byte is 0xC0 or above. A csv does not say its encoding, and the portal
# reads a file that is valid UTF-8 as UTF-8; these bytes can never continue a UTF-8 sequence, so a
# cp1252 file of them is never also valid UTF-8 (letters at 0x8A–0xBA, Š or µ, could be).
CP1252_LETTERS = ASCII_LETTERS + "ÀÁÂÄÇÈÉÊËÌÍÎÏÑÒÓÔÖØÙÚÛÜÝàáâäçèéêëìíîïñòóôöøùúûüý"
UNICODE_LETTERS = st.characters(categories=("Lu", "Ll", "Lo"))


def _words(letters, *, inner: str, max_words: int, max_size: int = 12) -> st.SearchStrategy[str]:
    word = st.text(letters, min_size=1, max_size=max_size)
    joined = st.builds(lambda first, rest: first + rest, word, st.text(st.sampled_from(inner) | letters, max_size=6))
    return st.lists(joined, min_size=1, max_size=max_words).map(" ".join).filter(lambda text: text == text.strip())


def names(letters) -> st.SearchStrategy[str]:
    """A person's name: words of letters with ' - . , inside; an '=' in front is text, never a formula."""
    name = _words(letters, inner="'-.,", max_words=4)
    return st.builds(lambda equals, text: f"={text}" if equals else text, st.booleans(), name).filter(
        lambda text: len(text) <= 150
    )


def places(letters) -> st.SearchStrategy[str]:
    """A birth place: words of letters (in a combined "Natar, 27-04-1983" cell, punctuation separates)."""
    return st.just("") | st.lists(st.text(letters, min_size=1, max_size=12), min_size=1, max_size=2).map(" ".join)


def addresses(letters) -> st.SearchStrategy[str]:
    digits = st.sampled_from("0123456789")
    return st.just("") | _words(letters | digits, inner="./-,", max_words=5)


def birth_dates() -> st.SearchStrategy[date]:
    return st.dates(date(1900, 1, 1), TODAY)


@st.composite
def members(draw, *, letters, head: bool, serial: int) -> Member:
    sex = draw(st.sampled_from("LP"))
    born = draw(birth_dates())
    disability = draw(st.sampled_from([None, False, True]))
    kind = draw(st.sampled_from(["", *DisabilityKind.values])) if disability else ""
    others = [value for value in Relationship.values if value != Relationship.HEAD]
    return Member(
        nik=compose_nik(kecamatan_code=KECAMATAN_CODE, birth_date=born, sex=sex, serial=serial),
        name=draw(names(letters)),
        sex=sex,
        relationship=Relationship.HEAD if head else draw(st.sampled_from(others)),
        birth_place=draw(places(letters)),
        birth_date=born,
        marital_status=draw(st.sampled_from(["", *MaritalStatus.values])),
        education=draw(st.sampled_from(["", *Education.values])),
        occupation=draw(st.sampled_from(["", *Occupation.values])),
        has_disability=disability,
        disability_kind=kind,
    )


@st.composite
def households(draw, *, cp1252: bool) -> Household:
    """1–6 members, exactly one head, every field the registry keeps; text a cp1252 file can carry if needed."""
    letters = st.sampled_from(CP1252_LETTERS) if cp1252 else st.sampled_from(ASCII_LETTERS) | UNICODE_LETTERS
    size = draw(st.integers(1, 6))
    head = draw(st.integers(0, size - 1))
    serials = draw(st.lists(st.integers(1, 9999), min_size=size, max_size=size, unique=True))
    people = tuple(draw(members(letters=letters, head=i == head, serial=serials[i])) for i in range(size))
    rt_rw = draw(st.none() | st.tuples(st.integers(1, 999), st.integers(1, 999)))
    return Household(
        no_kk=f"{KECAMATAN_CODE.replace('.', '')}{draw(st.integers(0, 999_999)):06d}{draw(st.integers(1, 9999)):04d}",
        address=draw(addresses(letters)),
        dusun=draw(st.just("") | _words(letters | st.sampled_from("0123456789"), inner="-", max_words=3)),
        rt=f"{rt_rw[0]:03d}" if rt_rw else "",
        rw=f"{rt_rw[1]:03d}" if rt_rw else "",
        desil=draw(st.integers(1, 10)),
        desil_source=draw(st.sampled_from(DesilSource.values)),
        desil_as_of=draw(st.dates(date(2015, 1, 1), TODAY)),
        members=people,
    )


# --- How a file writes each value ----------------------------------------------------------------

SEXES = {"L": ["L", "LK", "Lk", "Laki-laki", "LAKI-LAKI", "Pria", "1"],
         "P": ["P", "PR", "Pr", "Perempuan", "PEREMPUAN", "Wanita", "2"]}  # fmt: skip
RELATIONSHIPS = {
    Relationship.HEAD: ["Kepala Keluarga", "KEPALA KELUARGA", "Kepala keluarga", "Kepala Rumah Tangga"],
    Relationship.SPOUSE: ["Istri", "ISTRI", "Suami", "Istri/suami"],
    Relationship.CHILD: ["Anak", "ANAK KANDUNG", "Anak Angkat", "Anak Tiri"],
    Relationship.CHILD_IN_LAW: ["Menantu", "MENANTU"],
    Relationship.GRANDCHILD: ["Cucu", "CUCU"],
    Relationship.PARENT: ["Orang Tua", "ORANG TUA", "Ayah", "Ibu"],
    Relationship.PARENT_IN_LAW: ["Mertua", "MERTUA"],
    Relationship.PARENT_OR_IN_LAW: ["Orang tua/mertua", "ORANG TUA/MERTUA"],
    Relationship.OTHER_FAMILY: ["Famili Lain", "FAMILI LAIN"],
    Relationship.OTHER: ["Lainnya", "LAINNYA", "Pembantu"],
}
# SHDK codes of the family card (Permendagri 109/2019), read when the column is titled SHDK.
SHDK_CODES = {
    Relationship.HEAD: ["1"], Relationship.SPOUSE: ["2", "3"], Relationship.CHILD: ["4"],
    Relationship.CHILD_IN_LAW: ["5"], Relationship.GRANDCHILD: ["6"], Relationship.PARENT: ["7"],
    Relationship.PARENT_IN_LAW: ["8"], Relationship.OTHER_FAMILY: ["9"], Relationship.OTHER: ["10", "11"],
}  # fmt: skip
MARITAL = {
    "": [""],
    MaritalStatus.SINGLE: ["Belum Kawin", "BELUM KAWIN", "Belum kawin", "Lajang"],
    MaritalStatus.MARRIED: ["Kawin", "KAWIN", "Kawin Tercatat", "KAWIN BELUM TERCATAT", "Menikah"],
    MaritalStatus.DIVORCED: ["Cerai Hidup", "CERAI HIDUP"],
    MaritalStatus.WIDOWED: ["Cerai Mati", "CERAI MATI"],
    MaritalStatus.SEPARATED: ["Duda", "DUDA", "Janda"],
}
EDUCATION = {
    "": [""],
    Education.NONE: ["Tidak/Belum Sekolah", "TIDAK/BELUM SEKOLAH", "Belum Tamat SD/Sederajat", "Tidak Sekolah"],
    Education.SD: ["SD", "TAMAT SD / SEDERAJAT", "SD/MI", "SD/sederajat"],
    Education.SMP: ["SMP", "SLTP/SEDERAJAT", "SMP/MTs"],
    Education.SMA: ["SMA", "SLTA / SEDERAJAT", "SMK", "SMA/SMK/MA"],
    Education.DIPLOMA: ["AKADEMI/DIPLOMA III/S. MUDA", "D3", "Diploma I–III"],
    Education.BACHELOR: ["DIPLOMA IV/ STRATA I", "S1", "Diploma IV/S1"],
    Education.POSTGRADUATE: ["STRATA II", "STRATA III", "S2", "S2/S3"],
}
OCCUPATIONS = {
    "": [""],
    Occupation.NONE: ["Belum/Tidak Bekerja", "BELUM/TIDAK BEKERJA"],
    Occupation.HOUSEKEEPING: ["Mengurus Rumah Tangga", "IRT"],
    Occupation.STUDENT: ["Pelajar/Mahasiswa", "PELAJAR/MAHASISWA"],
    Occupation.RETIRED: ["Pensiunan"],
    Occupation.FARMER: ["Petani/Pekebun", "PETANI/PEKEBUN", "Petani"],
    Occupation.FARM_LABOURER: ["Buruh Tani/Perkebunan", "BURUH TANI/PERKEBUNAN"],
    Occupation.LIVESTOCK: ["Peternak"],
    Occupation.FISHER: ["Nelayan/Perikanan"],
    Occupation.LABOURER: ["Buruh Harian Lepas", "BURUH HARIAN LEPAS"],
    Occupation.TRADER: ["Pedagang"],
    Occupation.SELF_EMPLOYED: ["Wiraswasta", "WIRASWASTA"],
    Occupation.EMPLOYEE: ["Karyawan Swasta", "KARYAWAN HONORER"],
    Occupation.CIVIL_SERVANT: [
        "Pegawai Negeri Sipil (PNS)",
        "Tentara Nasional Indonesia (TNI)",
        "Kepolisian RI (POLRI)",
    ],
    Occupation.SERVICES: ["Sopir", "Tukang Batu", "Tukang Kayu"],
    Occupation.OTHER: ["Lainnya"],
}
DISABILITY = {
    (None, ""): [""],
    (False, ""): ["Tidak", "TIDAK", "Tidak Ada", "Tidak Cacat", "Bukan Disabilitas", "Normal", "-", "0"],
    (True, ""): ["Ya", "YA", "Ada"],
    (True, DisabilityKind.PHYSICAL): ["Tuna Daksa", "TUNA DAKSA", "Cacat Tubuh", "Disabilitas Fisik"],
    (True, DisabilityKind.VISUAL): ["Tuna Netra", "TUNA NETRA"],
    (True, DisabilityKind.HEARING): ["Tuna Rungu"],
    (True, DisabilityKind.SPEECH): ["Tuna Wicara"],
    (True, DisabilityKind.HEARING_SPEECH): ["Tuna Rungu Wicara"],
    (True, DisabilityKind.INTELLECTUAL): ["Tuna Grahita", "Disabilitas Intelektual"],
    (True, DisabilityKind.MENTAL): ["Tuna Laras", "Disabilitas Mental", "ODGJ"],
    (True, DisabilityKind.MULTIPLE): ["Tuna Ganda", "Disabilitas Ganda"],
}
SOURCES = {"dtks": ["DTKS", "dtks"], "p3ke": ["P3KE"], "dtsen": ["DTSEN", "Dtsen"],
           "lokal": ["Lokal", "Verifikasi lokal"]}  # fmt: skip
ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
MONTH_NAMES = [
    ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
     "November", "Desember"],
    ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
    ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Ags", "Sept", "Okt", "Nop", "Des"],
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"],
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
]  # fmt: skip


def two_digit_year_is_clear(day: date) -> bool:
    """A two-digit year means the date within the last hundred years (issue 11): only then is it exact."""
    try:
        return day > TODAY.replace(year=TODAY.year - 100)
    except ValueError:  # 29 February
        return day > TODAY.replace(year=TODAY.year - 100, day=28)


@st.composite
def written_date(draw, day: date, *, order: str, workbook: bool, combined: bool = False):
    """A date as some file writes it; ``combined``: inside a "Tempat, Tgl Lahir" text cell."""
    forms = ["numeric", "iso", "named"] + (["cell"] if workbook and not combined else [])
    forms += [] if combined else ["named_month_first"]
    form = draw(st.sampled_from(forms))
    short = two_digit_year_is_clear(day) and draw(st.booleans())
    year = f"{day.year % 100:02d}" if short else str(day.year)
    if form == "cell":
        return day
    if form == "numeric":
        separator = draw(st.sampled_from("/-."))
        first, second = (day.day, day.month) if order == DAY_FIRST else (day.month, day.day)
        padded = draw(st.booleans())
        parts = [f"{first:02d}", f"{second:02d}"] if padded else [str(first), str(second)]
        return separator.join([*parts, year])
    if form == "iso":
        return draw(st.sampled_from([f"{day:%Y-%m-%d}", f"{day:%Y-%m-%d} 00:00:00", f"{day:%Y/%m/%d}"]))
    month = draw(st.sampled_from(MONTH_NAMES))[day.month - 1]
    month = draw(st.sampled_from([month, month.upper(), month.lower()]))
    if form == "named_month_first":
        return f"{month} {day.day}, {day.year}"
    separator = draw(st.sampled_from([" ", "-"]))
    return f"{day.day:0{draw(st.sampled_from([1, 2]))}d}{separator}{month}{separator}{year}"


NUMERIC_DATE = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$")  # 25/12/1980 or 12/25/80: the order matters


# --- One cell ------------------------------------------------------------------------------------


@dataclass
class Writing:
    """How one file writes its values, the same on every row."""

    workbook: bool  # a workbook has number and date cells; a text file has text only
    order: str = DAY_FIRST  # numeric dates as 25/12/1980 (day first) or 12/25/1980
    shdk: bool = False  # the relationship column is titled SHDK: Dukcapil's numeric codes are read
    numeric_days: list[int] = field(default_factory=list)  # the day of every numeric date written


PLAIN_CODE = VILLAGE_CODE.replace(".", "")
REGION = {
    "village_code": [VILLAGE_CODE, PLAIN_CODE, f"'{VILLAGE_CODE}"],
    "district_name": [DISTRICT, DISTRICT.upper(), f"Kab. {DISTRICT}", f"KABUPATEN {DISTRICT.upper()}"],
    "subdistrict_name": [KECAMATAN, KECAMATAN.upper(), f"Kec. {KECAMATAN}", f"KECAMATAN {KECAMATAN.upper()}"],
    "village_name": [VILLAGE, VILLAGE.upper(), f"Desa {VILLAGE}", f"DESA {VILLAGE.upper()}"],
}


@st.composite
def cell(draw, key: str, member: Member, household: Household, writing: Writing):
    """The cell of column ``key`` in ``member``'s row, in one of the forms district files write it."""
    if key in ("birth_date", "desil_as_of"):
        return draw(_date(member.birth_date if key == "birth_date" else household.desil_as_of, writing))
    if key == "birth_place_date":
        return draw(_place_and_date(member, writing))
    texts, cells = _forms(key, member, household, writing.shdk)
    return draw(st.sampled_from(texts + (cells if writing.workbook else [])))


def _forms(key: str, member: Member, household: Household, shdk: bool) -> tuple[list, list]:
    """(the text forms, the number cells only a workbook has) of the value of column ``key``."""
    match key:
        case "no_kk" | "nik":
            number = household.no_kk if key == "no_kk" else member.nik
            return [number, f"'{number}"], []
        case "name" | "birth_place":
            return [getattr(member, key)], []
        case "address" | "dusun":
            return [getattr(household, key)], []
        case "sex":
            return SEXES[member.sex], [1 if member.sex == "L" else 2]
        case "relationship":
            codes = SHDK_CODES.get(member.relationship, []) if shdk else []
            return RELATIONSHIPS[member.relationship] + codes, [int(code) for code in codes]
        case "marital_status" | "education" | "occupation":
            return {"marital_status": MARITAL, "education": EDUCATION, "occupation": OCCUPATIONS}[key][
                getattr(member, key)
            ], []
        case "disability":
            return DISABILITY[member.has_disability, member.disability_kind], [
                0
            ] if member.has_disability is False else []
        case "village_code" | "district_name" | "subdistrict_name" | "village_name":
            return REGION[key], [int(PLAIN_CODE)] if key == "village_code" else []
        case "rt" | "rw":
            return _rt_or_rw(getattr(household, key), key.upper())
        case "rt_rw":
            return _rt_rw(household.rt, household.rw), []
        case "desil":
            desil, roman = household.desil, ROMAN[household.desil]
            return [str(desil), f"{desil}.0", f"{desil},0", f"Desil {desil}", f"DESIL {roman}", roman], [
                desil,
                desil + 0.0,
            ]
        case "desil_source":
            return SOURCES[household.desil_source], []
    raise AssertionError(key)


def _rt_or_rw(value: str, label: str) -> tuple[list, list]:
    if not value:
        return [""], []
    number = int(value)
    return [value, str(number), f"{label} {value}", f"{label}. {number}"], [number]


def _rt_rw(rt: str, rw: str) -> list[str]:
    if not rt:
        return [""]
    return [f"{rt}/{rw}", f"{int(rt)}/{int(rw)}", f"RT {rt} RW {rw}", f"{rt}-{rw}"]


@st.composite
def _date(draw, day: date, writing: Writing):
    written = draw(written_date(day, order=writing.order, workbook=writing.workbook))
    if isinstance(written, str) and NUMERIC_DATE.match(written):
        writing.numeric_days.append(day.day)
    return written


@st.composite
def _place_and_date(draw, member: Member, writing: Writing) -> str:
    """A combined "Tempat/Tgl Lahir" cell: "Natar, 27-04-1983", "Natar 27 April 1983"."""
    written = draw(written_date(member.birth_date, order=writing.order, workbook=False, combined=True))
    if NUMERIC_DATE.match(written):
        writing.numeric_days.append(member.birth_date.day)
    if not member.birth_place:
        return written
    return f"{member.birth_place}{draw(st.sampled_from([', ', ' ', ',']))}{written}"
