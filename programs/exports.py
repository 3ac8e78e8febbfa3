"""Program lists as export rows (desakumaju.lib.exports writes, escapes and records them).

Interventions with the same filter as their page; locus villages as ``targeting.locus_village_status``
returns them; the priority list with identity numbers as the user may see them.
"""

from desakumaju.lib.exports import identity_number

from .models import Cluster, InterventionStatus

CHUNK = 2000

HEADERS = [
    *("Tahun", "Kode program", "Program", "Klaster", "Perangkat daerah", "Kode desa", "Desa/Kelurahan"),
    *("Kecamatan", "Kabupaten/Kota", "Kelembagaan", "Komoditas", "Uraian", "Volume", "Satuan", "Status"),
    *("Anggaran rencana (Rp)", "Realisasi (Rp)", "Tanggal rencana", "Tanggal pelaksanaan", "Penerima"),
]
FIELDS = [
    *("program__fiscal_year", "program__code", "program__name", "program__cluster", "agency__short_name"),
    *("village__code", "village__name", "village__subdistrict__name", "village__district__name"),
    *("institution__name", "commodity__name", "description", "quantity", "unit", "status"),
    *("planned_budget", "realised_spending", "planned_date", "actual_date", "recipient_count"),
]
CLUSTER, STATUS = FIELDS.index("program__cluster"), FIELDS.index("status")


def intervention_rows(interventions):
    """``interventions`` must be annotated with ``recipient_count``."""
    for values in interventions.values_list(*FIELDS).iterator(chunk_size=CHUNK):
        row = list(values)
        row[CLUSTER] = Cluster(row[CLUSTER]).label
        row[STATUS] = InterventionStatus(row[STATUS]).label
        yield row


LOCUS_HEADERS = [
    *("Kode desa", "Desa/Kelurahan", "Kecamatan", "Kabupaten/Kota", "Warga terintervensi", "Batas minimal"),
    *("Kekurangan", "Status"),
]


def locus_rows(villages, *, floor: int):
    """``villages``: Village objects with ``reached`` (int) and ``below_floor`` (bool)."""
    for village in villages:
        yield [
            village.code, village.name, village.subdistrict.name, village.district.name, village.reached, floor,
            max(floor - village.reached, 0), "Di bawah batas" if village.below_floor else "Memenuhi batas",
        ]  # fmt: skip


PRIORITY_HEADERS = ["Desil", "Nama", "NIK", "No. KK", "Alamat", "RT", "RW", "Desa/Kelurahan", "Kode desa",
                    "Kecamatan", "Kabupaten/Kota"]  # fmt: skip
PRIORITY_TEXT_COLUMNS = (2, 3)


def priority_rows(persons, *, full: bool):
    """``persons``: ``targeting.priority_list`` (households and regions selected), or None for nothing."""
    for p in persons.iterator(chunk_size=CHUNK) if persons is not None else ():
        h = p.household
        yield [
            h.desil, p.name, identity_number(p.nik, full=full), identity_number(h.no_kk, full=full), h.address,
            h.rt, h.rw, h.village.name, h.village.code, h.village.subdistrict.name, h.village.district.name,
        ]  # fmt: skip
