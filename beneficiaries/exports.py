"""The household list and its members as export rows (desakumaju.lib.exports writes and records them).

Identity numbers are masked unless a full-number export was asked for with a reason (``full_numbers_reason``);
the columns holding them are listed in ``*_TEXT_COLUMNS`` so that they are written as text cells.
"""

from desakumaju.lib.exports import identity_number

from .models import DesilSource, HouseholdStatus, Person, Relationship, Sex
from .tables import with_head_and_size

CHUNK = 2000

HOUSEHOLD_HEADERS = [
    *("No. KK", "Kepala keluarga", "NIK kepala keluarga", "Alamat", "Dusun/lingkungan", "RT", "RW"),
    *("Kode desa", "Desa/Kelurahan", "Kecamatan", "Kabupaten/Kota", "Desil", "Sumber desil", "Desil per tanggal"),
    *("Status", "Jumlah anggota"),
]
HOUSEHOLD_TEXT_COLUMNS = (0, 2)

PERSON_HEADERS = [
    *("No. KK", "NIK", "Nama", "Jenis kelamin", "Tempat lahir", "Tanggal lahir", "Hubungan"),
    *("Pekerjaan", "Disabilitas", "Alamat", "RT", "RW", "Kode desa", "Desa/Kelurahan", "Kecamatan"),
    *("Kabupaten/Kota", "Desil", "Status keluarga"),
]
PERSON_TEXT_COLUMNS = (0, 1)


def _label(choices, value) -> str:
    return choices(value).label if value else ""


def household_rows(households, *, full: bool):
    """One row per household of ``households`` (a scoped, filtered queryset), in the list's order."""
    rows = with_head_and_size(households).order_by("village__code", "no_kk")
    for h in rows.iterator(chunk_size=CHUNK):
        village = h.village
        yield [
            identity_number(h.no_kk, full=full), h.head_name or "", identity_number(h.head_nik or "", full=full),
            h.address, h.dusun, h.rt, h.rw, village.code, village.name, village.subdistrict.name,
            village.district.name, h.desil, _label(DesilSource, h.desil_source), h.desil_as_of,
            _label(HouseholdStatus, h.status), h.member_count,
        ]  # fmt: skip


def person_rows(households, *, user, full: bool):
    """Every member of ``households`` (a scoped, filtered queryset), household by household."""
    persons = (
        Person.objects.visible_to(user)
        .filter(household__in=households.order_by().values("pk"))
        .select_related("household__village__subdistrict", "household__village__district")
        .order_by("household__village__code", "household__no_kk", "pk")
    )
    for p in persons.iterator(chunk_size=CHUNK):
        h, village = p.household, p.household.village
        yield [
            identity_number(h.no_kk, full=full), identity_number(p.nik, full=full), p.name, _label(Sex, p.sex),
            p.birth_place, p.birth_date, _label(Relationship, p.relationship), p.occupation, p.has_disability,
            h.address, h.rt, h.rw, village.code, village.name, village.subdistrict.name, village.district.name,
            h.desil, _label(HouseholdStatus, h.status),
        ]  # fmt: skip
