"""The staging table: valid rows of a batch, checked against each other and the registry in SQL.

Rows go in with COPY on PostgreSQL as they are checked (bulk INSERTs elsewhere); what would change in the registry is
counted with the same field lists that the merge uses (``registry_sql``).
"""

from django.db import connection

from ..models import StagedRow
from .copying import RowStream
from .registry_sql import (
    BY_NO_KK,
    HOUSEHOLD,
    KEYS,
    PERSON,
    STAGED,
    VILLAGE,
    changed,
    household_fields,
    new_desil,
    person_fields,
)
from .rows import STAGED_FIELDS

COLUMNS = ("batch_id", *STAGED_FIELDS, "is_household_row")
RELATIONSHIP = STAGED_FIELDS.index("relationship")


class Stager(RowStream):
    """Stages checked rows as they come (see ``RowStream``; ``pause()`` before any other statement)."""

    def __init__(self, batch_id: int):
        super().__init__(STAGED, COLUMNS)
        self.batch_id = batch_id

    def add(self, row: tuple) -> None:
        self.write((self.batch_id, *row, row[RELATIONSHIP] == "kepala"))


def _rows(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def analyse() -> None:
    """Fresh statistics, so PostgreSQL joins the staging table by hash, not by nested loops."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Only the columns the checks and the merge join, group or filter on: a third of the time.
            cursor.execute(
                f"ANALYZE {STAGED} (batch_id, row, nik, no_kk, p3ke_family_id, family, relationship, desil, "
                "is_household_row)"
            )


def unstage(batch_id: int, *, niks=(), families=(), rows=()) -> None:
    staged = StagedRow.objects.filter(batch_id=batch_id)
    for field, keys in (("nik", niks), ("family", families), ("row", rows)):
        keys = list(keys)
        for start in range(0, len(keys), 5000):
            staged.filter(**{f"{field}__in": keys[start : start + 5000]}).delete()


def rows_in_other_districts(batch_id: int, district_id: int) -> list[tuple[int, str]]:
    """Rows whose NIK, No KK or P3KE family id the registry already holds in another kabupaten/kota."""
    in_other = f"JOIN {VILLAGE} v ON v.id = h.village_id WHERE s.batch_id = %s AND v.district_id <> %s"
    by_nik = _rows(
        f"SELECT s.row FROM {STAGED} s JOIN {PERSON} p ON p.nik = s.nik JOIN {HOUSEHOLD} h ON h.id = p.household_id "
        f"{in_other}",
        [batch_id, district_id],
    )
    by_kk = _rows(f"SELECT s.row FROM {STAGED} s JOIN {HOUSEHOLD} h ON h.no_kk = s.no_kk {in_other}",
                  [batch_id, district_id])  # fmt: skip
    by_p3ke = _rows(
        f"SELECT s.row FROM {STAGED} s JOIN {HOUSEHOLD} h ON h.p3ke_family_id = s.p3ke_family_id {in_other}",
        [batch_id, district_id],
    )
    clashes = {row: "nik" for (row,) in by_nik} | {row: "no_kk" for (row,) in by_kk}
    return list((clashes | {row: "p3ke_family_id" for (row,) in by_p3ke if row not in clashes}).items())


# The registry households of the batch's families: by No KK, by P3KE id for a family without one, and
# a P3KE-only household that the file now gives a No KK (it will take it, see families.py).
FAMILY_HOUSEHOLDS = (
    f"SELECT s.family AS family, h.id AS household_id FROM {STAGED} s JOIN {HOUSEHOLD} h ON h.no_kk = s.no_kk "
    f"WHERE s.batch_id = %(batch)s "
    f"UNION SELECT s.family, h.id FROM {STAGED} s JOIN {HOUSEHOLD} h ON h.p3ke_family_id = s.p3ke_family_id "
    f"AND (s.no_kk IS NULL OR h.no_kk IS NULL) WHERE s.batch_id = %(batch)s"
)


def households_with_head_problems(batch_id: int, *, rejected_heads: dict[str, int]) -> dict[str, str]:
    """Family → why it cannot be imported: it would not have exactly one head once imported.

    The registry's heads are compared with the staged NIKs in Python: on SQLite the same test as a
    correlated subquery grew with the square of the file (40,000 rows: 42 s).
    """
    params = {"batch": batch_id}
    heads_in_file = dict(_rows(
        f"SELECT family, SUM(CASE WHEN relationship = 'kepala' THEN 1 ELSE 0 END) FROM {STAGED} "
        "WHERE batch_id = %(batch)s GROUP BY family", params,
    ))  # fmt: skip
    staged_niks = {nik for (nik,) in _rows(f"SELECT nik FROM {STAGED} WHERE batch_id = %(batch)s", params)}
    registry_heads = _rows(
        f"SELECT f.family, p.nik FROM ({FAMILY_HOUSEHOLDS}) AS f "
        f"JOIN {PERSON} p ON p.household_id = f.household_id AND p.relationship = 'kepala'",
        params,
    )
    staying = {}  # heads who stay heads: in the registry and not in this file
    for family, nik in registry_heads:
        if nik not in staged_niks:
            staying.setdefault(family, []).append(nik)
    return _head_problems(heads_in_file, staying, rejected_heads)


def _head_problems(heads_in_file: dict, staying: dict, rejected_heads: dict[str, int]) -> dict[str, str]:
    problems = {}
    for family, heads in heads_in_file.items():
        kept = len(staying.get(family, []))
        if heads > 1:
            problems[family] = "Keluarga ini punya lebih dari satu Kepala Keluarga di berkas."
        elif heads == 1 and kept:
            problems[family] = ("Keluarga ini sudah punya Kepala Keluarga lain di registri; sertakan orang itu "
                                "dengan hubungan barunya.")  # fmt: skip
        elif heads == 0 and kept > 1:
            problems[family] = "Keluarga ini punya dua Kepala Keluarga di registri (dari dua catatan keluarga)."
        elif heads == 0 and not kept and family in rejected_heads:
            problems[family] = (
                f"Kepala keluarga di baris {rejected_heads[family]} ditolak, sehingga anggota keluarga ini ikut "
                "ditolak. Perbaiki baris kepala keluarga lalu unggah lagi."
            )
        elif heads == 0 and not kept:
            problems[family] = "Keluarga ini tidak punya Kepala Keluarga (di berkas maupun di registri)."
    return problems


def rows_of_families(batch_id: int, families) -> list[tuple[int, str]]:
    """(row, family) of every staged row of these families."""
    rows, keys = [], list(families)
    for start in range(0, len(keys), 5000):
        chunk = keys[start : start + 5000]
        rows += StagedRow.objects.filter(batch_id=batch_id, family__in=chunk).values_list("row", "family")
    return rows


def mark_household_rows(batch_id: int) -> None:
    """Families without a head in the file are stood for by their first row (heads are staged as such)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {STAGED} SET is_household_row = TRUE FROM ("
            f"SELECT MIN(row) AS first_row FROM {STAGED} WHERE batch_id = %s GROUP BY family "
            f"HAVING SUM(CASE WHEN relationship = 'kepala' THEN 1 ELSE 0 END) = 0) AS headless "
            f"WHERE {STAGED}.batch_id = %s AND {STAGED}.row = headless.first_row",
            [batch_id, batch_id],
        )


COUNTS = (
    "new_households", "updated_households", "unchanged_households", "linked_households", "new_persons",
    "updated_persons",
    "unchanged_persons", "moved_persons",
)  # fmt: skip


def count_changes(batch_id: int, present: set[str]) -> dict[str, int]:
    """What importing the staged rows would do, counted in the registry's terms."""
    totals = dict.fromkeys(("households", "new_h", "changed_h", "persons", "new_p", "changed_p", "moved_p"), 0)
    for key in KEYS:
        for name, value in zip(("households", "new_h", "changed_h"), _count_households(batch_id, present, key),
                               strict=True):  # fmt: skip
            totals[name] += value or 0
        for name, value in zip(("persons", "new_p", "changed_p", "moved_p"), _count_persons(batch_id, present, key),
                               strict=True):  # fmt: skip
            totals[name] += value or 0
    linked = _count_linked(batch_id) if "p3ke_family_id" in present else 0
    new_households = totals["new_h"] - linked
    return {
        "new_households": new_households,
        "updated_households": totals["changed_h"] + linked,
        "unchanged_households": totals["households"] - new_households - totals["changed_h"] - linked,
        "linked_households": linked,
        "new_persons": totals["new_p"],
        "updated_persons": totals["changed_p"],
        "unchanged_persons": totals["persons"] - totals["new_p"] - totals["changed_p"],
        "moved_persons": totals["moved_p"],
    }


def _count_households(batch_id: int, present: set[str], key) -> tuple:
    fields = household_fields(present, key=key)
    return _rows(
        f"SELECT COUNT(*), SUM(CASE WHEN h.id IS NULL THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN h.id IS NOT NULL AND ({changed('h', 's', fields)} OR {new_desil('h', 's')}) THEN 1 ELSE 0 END) "
        f"FROM {STAGED} s LEFT JOIN {HOUSEHOLD} h ON {key.match} "
        f"WHERE s.batch_id = %s AND s.is_household_row AND {key.only}",
        [batch_id],
    )[0]


def _count_persons(batch_id: int, present: set[str], key) -> tuple:
    return _rows(
        f"SELECT COUNT(*), SUM(CASE WHEN p.id IS NULL THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN p.id IS NOT NULL AND ({changed('p', 's', person_fields(present))} "
        f"OR p.household_id IS DISTINCT FROM h.id) THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN p.id IS NOT NULL AND p.household_id IS DISTINCT FROM h.id THEN 1 ELSE 0 END) "
        f"FROM {STAGED} s LEFT JOIN {PERSON} p ON p.nik = s.nik LEFT JOIN {HOUSEHOLD} h ON {key.match} "
        f"WHERE s.batch_id = %s AND {key.only}",
        [batch_id],
    )[0]


def _count_linked(batch_id: int) -> int:
    """Families the registry knows by P3KE id alone that the file gives a No KK: they are updated, not new.

    Of these, the ones whose No KK the registry also holds were counted as existing already.
    """
    return _rows(
        f"SELECT COUNT(*) FROM {STAGED} s JOIN {HOUSEHOLD} x ON x.p3ke_family_id = s.p3ke_family_id "
        f"AND x.no_kk IS NULL WHERE s.batch_id = %s AND s.is_household_row AND {BY_NO_KK.only} "
        f"AND NOT EXISTS (SELECT 1 FROM {HOUSEHOLD} y WHERE y.no_kk = s.no_kk)",
        [batch_id],
    )[0][0]
