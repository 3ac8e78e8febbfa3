"""Families known by their P3KE family id before their No KK is known.

A P3KE individu file as distributed has no No KK: its families are grouped by ``ID Keluarga P3KE`` and
enter the registry without a No KK. When a later file gives the No KK next to that id, the family
takes it (``link_families``); when the registry already has that No KK as another household, the
two are one family: the P3KE-only household is folded into the No KK one (status "digabung"), its
members moved and recorded. Validation refuses pairings the registry contradicts (``contradictions``).
"""

from django.db import connection

from ..models import HouseholdStatus
from .registry_sql import HOUSEHOLD, MOVE, PERSON, STAGED


def _paired(join: str = "") -> str:
    """The batch's families that the file gives both a No KK and a P3KE id, one row each (alias s)."""
    return (
        f"{STAGED} s {join} WHERE s.batch_id = %(batch)s AND s.is_household_row AND s.no_kk IS NOT NULL "
        f"AND s.p3ke_family_id IS NOT NULL"
    )


def _rows(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _execute(sql: str, params) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def contradictions(batch_id: int) -> list[tuple[int, str]]:
    """(row, message) for each family whose No KK and P3KE id the registry pairs differently."""
    params = {"batch": batch_id}
    other_p3ke = _rows(
        f"SELECT s.row FROM {_paired(f'JOIN {HOUSEHOLD} h ON h.no_kk = s.no_kk')} "
        f"AND h.p3ke_family_id IS NOT NULL AND h.p3ke_family_id <> s.p3ke_family_id",
        params,
    )
    other_kk = _rows(
        f"SELECT s.row FROM {_paired(f'JOIN {HOUSEHOLD} h ON h.p3ke_family_id = s.p3ke_family_id')} "
        f"AND h.no_kk IS NOT NULL AND h.no_kk <> s.no_kk",
        params,
    )
    return [(row, "No KK ini di registri tercatat dengan ID Keluarga P3KE yang lain.") for (row,) in other_p3ke] + [
        (row, "ID Keluarga P3KE ini di registri tercatat dengan No KK yang lain.") for (row,) in other_kk
    ]


def link_families(params: dict) -> int:
    """Before the households are upserted: families known by P3KE id alone take the No KK the file gives."""
    both = f"JOIN {HOUSEHOLD} x ON x.p3ke_family_id = s.p3ke_family_id AND x.no_kk IS NULL " \
           f"JOIN {HOUSEHOLD} y ON y.no_kk = s.no_kk"  # fmt: skip
    folded = _rows(f"SELECT x.id, y.id, s.p3ke_family_id FROM {_paired(both)}", params)
    for source, target, family_id in folded:
        _fold(source, target, family_id, params)
    adopted = _execute(
        f"UPDATE {HOUSEHOLD} SET no_kk = s.no_kk, import_batch_id = %(batch)s, updated_at = %(now)s "
        f"FROM {_paired()} AND {HOUSEHOLD}.p3ke_family_id = s.p3ke_family_id AND {HOUSEHOLD}.no_kk IS NULL",
        params,
    )
    params["folded"] = [(source, target) for source, target, _ in folded]
    return adopted + len(folded)


def _fold(source: int, target: int, family_id: str, params: dict) -> None:
    """The P3KE-only household ``source`` is the same family as ``target``: its id passes to the target."""
    pair = {**params, "source": source, "target": target, "family_id": family_id, "today": params["now"].date()}
    _execute(
        f"UPDATE {HOUSEHOLD} SET p3ke_family_id = NULL, status = '{HouseholdStatus.MERGED}', status_date = %(today)s, "
        f"status_reason = 'Digabung ke keluarga yang sama dengan No KK (unggahan #' || %(batch)s || ')', "
        f"import_batch_id = %(batch)s, updated_at = %(now)s WHERE id = %(source)s",
        pair,
    )
    _execute(
        f"UPDATE {HOUSEHOLD} SET p3ke_family_id = %(family_id)s, import_batch_id = %(batch)s, updated_at = %(now)s "
        f"WHERE id = %(target)s",
        pair,
    )


def absorb_members(params: dict) -> int:
    """After the persons are upserted: members of a folded household the file did not list move too."""
    moved = 0
    for source, target in params.get("folded", []):
        pair = {**params, "source": source, "target": target}
        _execute(
            f"INSERT INTO {MOVE} (person_id, from_household_id, to_household_id, batch_id, moved_by_id, moved_at) "
            f"SELECT p.id, p.household_id, %(target)s, %(batch)s, %(user)s, %(now)s FROM {PERSON} p "
            f"WHERE p.household_id = %(source)s",
            pair,
        )
        moved += _execute(
            f"UPDATE {PERSON} SET household_id = %(target)s, import_batch_id = %(batch)s, updated_at = %(now)s "
            f"WHERE household_id = %(source)s",
            pair,
        )
    return moved
