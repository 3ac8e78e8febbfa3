"""The household list and its members as exports (desakumaju.lib.list_exports sends them or has a
worker build them; desakumaju.lib.exports writes and records them).

Identity numbers are masked unless a full-number export was asked for with a reason (``full_numbers_reason``);
the columns holding them are listed in ``*_TEXT_COLUMNS`` so that they are written as text cells.
"""

from desakumaju.lib.exports import identity_number
from desakumaju.lib.list_exports import ListExport, counted, list_export
from records.models import ExportList

from .access import registry_households
from .filters import HouseholdFilter, shown_search
from .models import DesilSource, Household, HouseholdStatus, Occupation, Person, Relationship, Sex
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


def _disability(person) -> str:
    """Ya (with its kind), Tidak, or empty when the registry does not know."""
    if person.has_disability is None:
        return ""
    if not person.has_disability:
        return "Tidak"
    return f"Ya ({person.get_disability_kind_display()})" if person.disability_kind else "Ya"


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


def persons_of(households, *, user):
    """Every member of ``households`` (a scoped, filtered queryset), household by household."""
    return (
        Person.objects.visible_to(user)
        .filter(household__in=households.order_by().values("pk"))
        .select_related("household__village__subdistrict", "household__village__district")
        .order_by("household__village__code", "household__no_kk", "pk")
    )


def person_rows(persons, *, full: bool):
    for p in persons.iterator(chunk_size=CHUNK):
        h, village = p.household, p.household.village
        yield [
            identity_number(h.no_kk, full=full), identity_number(p.nik, full=full), p.name, _label(Sex, p.sex),
            p.birth_place, p.birth_date, _label(Relationship, p.relationship), _label(Occupation, p.occupation),
            _disability(p),
            h.address, h.rt, h.rw, village.code, village.name, village.subdistrict.name, village.district.name,
            h.desil, _label(HouseholdStatus, h.status),
        ]  # fmt: skip


def filtered_households(*, user, params):
    """The households the list shows for ``params``; an invalid filter finds nothing rather than everything."""
    household_filter = HouseholdFilter(params, queryset=registry_households(user), user=user)
    return household_filter.qs if household_filter.is_valid() else Household.objects.none()


def recorded_filter(params) -> str:
    """The filter as the export record keeps it: a NIK or No KK searched for, masked."""
    params = params.copy()
    if text := params.get("q"):
        params["q"] = shown_search(text)
    return params.urlencode()


@list_export(ExportList.HOUSEHOLDS)
def household_export(*, user, params, full: bool = False) -> ListExport:
    households = filtered_households(user=user, params=params)
    return ListExport(
        name=ExportList.HOUSEHOLDS, filename="keluarga", headers=HOUSEHOLD_HEADERS, size=counted(households),
        rows=lambda: household_rows(households, full=full), query=recorded_filter(params),
        text_columns=HOUSEHOLD_TEXT_COLUMNS, sheet_name="Keluarga", full_identity_numbers=full,
        households=lambda: households,
    )  # fmt: skip


@list_export(ExportList.PERSONS)
def person_export(*, user, params, full: bool = False) -> ListExport:
    households = filtered_households(user=user, params=params)
    persons = persons_of(households, user=user)
    return ListExport(
        name=ExportList.PERSONS, filename="anggota-keluarga", headers=PERSON_HEADERS, size=counted(persons),
        rows=lambda: person_rows(persons, full=full), query=recorded_filter(params),
        text_columns=PERSON_TEXT_COLUMNS, sheet_name="Anggota", full_identity_numbers=full,
        households=lambda: households,
    )  # fmt: skip
