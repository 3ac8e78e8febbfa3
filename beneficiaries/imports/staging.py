"""The staging table: valid rows of a batch, checked against each other and the registry in SQL.

Rows go in with COPY on PostgreSQL as they are checked (bulk INSERTs elsewhere); what would change in the registry is
counted with the same field lists that the merge uses (``registry_sql``).
"""

from django.db import connection

from ..models import StagedRow
from .copying import RowStream
from .registry_sql import HOUSEHOLD, PERSON, STAGED, VILLAGE, changed, household_fields, new_desil, person_fields
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
            cursor.execute(f"ANALYZE {STAGED} (batch_id, row, nik, no_kk, relationship, desil, is_household_row)")


def unstage(batch_id: int, *, niks=(), no_kks=(), rows=()) -> None:
    staged = StagedRow.objects.filter(batch_id=batch_id)
    for field, keys in (("nik", niks), ("no_kk", no_kks), ("row", rows)):
        keys = list(keys)
        for start in range(0, len(keys), 5000):
            staged.filter(**{f"{field}__in": keys[start : start + 5000]}).delete()


def rows_in_other_districts(batch_id: int, district_id: int) -> list[tuple[int, str]]:
    """Rows whose NIK or No KK the registry already holds in another kabupaten/kota: (row, field)."""
    by_nik = _rows(
        f"SELECT s.row FROM {STAGED} s JOIN {PERSON} p ON p.nik = s.nik JOIN {HOUSEHOLD} h ON h.id = p.household_id "
        f"JOIN {VILLAGE} v ON v.id = h.village_id WHERE s.batch_id = %s AND v.district_id <> %s",
        [batch_id, district_id],
    )
    by_kk = _rows(
        f"SELECT s.row FROM {STAGED} s JOIN {HOUSEHOLD} h ON h.no_kk = s.no_kk "
        f"JOIN {VILLAGE} v ON v.id = h.village_id WHERE s.batch_id = %s AND v.district_id <> %s",
        [batch_id, district_id],
    )
    return [(row, "nik") for (row,) in by_nik] + [(row, "no_kk") for (row,) in by_kk]


def households_with_head_problems(batch_id: int) -> dict[str, str]:
    """No KK → why the household cannot be imported: not exactly one head once imported."""
    heads_in_file = _rows(
        f"SELECT no_kk, SUM(CASE WHEN relationship = 'kepala' THEN 1 ELSE 0 END) AS heads FROM {STAGED} "
        "WHERE batch_id = %s GROUP BY no_kk HAVING SUM(CASE WHEN relationship = 'kepala' THEN 1 ELSE 0 END) <> 1",
        [batch_id],
    )
    two_heads = [kk for kk, heads in heads_in_file if heads > 1]
    headless = [kk for kk, heads in heads_in_file if heads == 0]
    # Heads that stay in the registry: not in this file under any relationship.
    staying_head = (
        f"SELECT h.no_kk, p.nik FROM {PERSON} p JOIN {HOUSEHOLD} h ON h.id = p.household_id "
        f"WHERE p.relationship = 'kepala' AND NOT EXISTS "
        f"(SELECT 1 FROM {STAGED} o WHERE o.batch_id = %s AND o.nik = p.nik)"
    )
    headed_in_registry = {kk for kk, _ in _rows(f"{staying_head} AND h.no_kk IN (SELECT no_kk FROM {STAGED} "
                                                 f"WHERE batch_id = %s)", [batch_id, batch_id])}  # fmt: skip
    no_head = [kk for kk in headless if kk not in headed_in_registry]
    other_head = _rows(
        f"SELECT DISTINCT s.no_kk FROM {STAGED} s JOIN ({staying_head}) AS staying ON staying.no_kk = s.no_kk "
        f"WHERE s.batch_id = %s AND s.relationship = 'kepala' AND staying.nik <> s.nik",
        [batch_id, batch_id],
    )
    problems = dict.fromkeys(two_heads, "Keluarga ini punya lebih dari satu Kepala Keluarga di berkas.")
    problems |= dict.fromkeys(no_head, "Keluarga ini tidak punya Kepala Keluarga (di berkas maupun di registri).")
    problems |= {
        kk: "Keluarga ini sudah punya Kepala Keluarga lain di registri; sertakan orang itu dengan hubungan barunya."
        for (kk,) in other_head
    }
    return problems


def rows_of_households(batch_id: int, no_kks) -> list[tuple[int, str]]:
    """(row, No KK) of every staged row of these households."""
    return list(StagedRow.objects.filter(batch_id=batch_id, no_kk__in=list(no_kks)).values_list("row", "no_kk"))


def mark_household_rows(batch_id: int) -> None:
    """Households without a head in the file are stood for by their first row (heads are staged as such)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {STAGED} SET is_household_row = TRUE FROM ("
            f"SELECT MIN(row) AS first_row FROM {STAGED} WHERE batch_id = %s GROUP BY no_kk "
            f"HAVING SUM(CASE WHEN relationship = 'kepala' THEN 1 ELSE 0 END) = 0) AS headless "
            f"WHERE {STAGED}.batch_id = %s AND {STAGED}.row = headless.first_row",
            [batch_id, batch_id],
        )


COUNTS = (
    "new_households", "updated_households", "unchanged_households", "new_persons", "updated_persons",
    "unchanged_persons", "moved_persons",
)  # fmt: skip


def count_changes(batch_id: int, present: set[str]) -> dict[str, int]:
    """What importing the staged rows would do, counted in the registry's terms."""
    households = _rows(
        f"SELECT COUNT(*), SUM(CASE WHEN h.id IS NULL THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN h.id IS NOT NULL AND ({changed('h', 's', household_fields(present))} "
        f"OR {new_desil('h', 's')}) THEN 1 ELSE 0 END) "
        f"FROM {STAGED} s LEFT JOIN {HOUSEHOLD} h ON h.no_kk = s.no_kk "
        f"WHERE s.batch_id = %s AND s.is_household_row",
        [batch_id],
    )[0]
    persons = _rows(
        f"SELECT COUNT(*), SUM(CASE WHEN p.id IS NULL THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN p.id IS NOT NULL AND ({changed('p', 's', person_fields(present))} "
        f"OR p.household_id IS DISTINCT FROM h.id) THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN p.id IS NOT NULL AND p.household_id IS DISTINCT FROM h.id THEN 1 ELSE 0 END) "
        f"FROM {STAGED} s LEFT JOIN {PERSON} p ON p.nik = s.nik LEFT JOIN {HOUSEHOLD} h ON h.no_kk = s.no_kk "
        f"WHERE s.batch_id = %s",
        [batch_id],
    )[0]
    total_h, new_h, changed_h = (value or 0 for value in households)
    total_p, new_p, changed_p, moved_p = (value or 0 for value in persons)
    return {
        "new_households": new_h,
        "updated_households": changed_h,
        "unchanged_households": total_h - new_h - changed_h,
        "new_persons": new_p,
        "updated_persons": changed_p,
        "unchanged_persons": total_p - new_p - changed_p,
        "moved_persons": moved_p,
    }
