"""Merging a batch's staged rows into the registry: one upsert per table and key, in the caller's transaction.

Each upsert only touches rows that differ (``ON CONFLICT … DO UPDATE … WHERE … IS DISTINCT FROM``),
so re-importing the same file changes nothing, and every row it does change points to the batch.
A family is found by its No KK, or by its P3KE family id while its No KK is unknown (``KEYS``).
"""

from collections.abc import Callable
from datetime import datetime

from django.db import connection

from ..graduation import graduate_by_desil
from .families import absorb_members, link_families
from .registry_sql import (
    BY_P3KE,
    DESIL,
    HOUSEHOLD,
    KEYS,
    LATEST_DESIL,
    MOVE,
    PERSON,
    STAGED,
    Key,
    changed,
    household_fields,
    person_fields,
)


def _execute(sql: str, params: dict) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


HOUSEHOLD_DEFAULTS = {
    "no_kk": "NULL", "p3ke_family_id": "NULL", "address": "''", "dusun": "''", "rt": "''", "rw": "''",
    "desil": "NULL", "desil_source": "''", "desil_as_of": "NULL", "status": "'aktif'", "status_date": "NULL",
    "status_reason": "''",
}  # fmt: skip
PERSON_DEFAULTS = {
    "birth_place": "''", "birth_date": "NULL", "marital_status": "''", "education": "''", "occupation": "''",
    "has_disability": "NULL", "disability_kind": "''",
}  # fmt: skip


def _upsert(*, table: str, key: str, values: dict[str, str], updated: list[str], source: str, params: dict) -> int:
    """INSERT INTO table SELECT values FROM source ON CONFLICT (key) DO UPDATE the fields that differ."""
    values = {**values, "import_batch_id": "%(batch)s", "created_at": "%(now)s", "updated_at": "%(now)s"}
    sets = ", ".join(f"{field} = excluded.{field}" for field in [*updated, "import_batch_id", "updated_at"])
    return _execute(
        f"INSERT INTO {table} ({', '.join(values)}) SELECT {', '.join(values.values())} FROM {source} "
        f"ON CONFLICT ({key}) DO UPDATE SET {sets} WHERE {changed(table, 'excluded', updated)}",
        params,
    )


def _values(fields: list[str], defaults: dict[str, str]) -> dict[str, str]:
    """The staged column for each field the file has, the default for the others."""
    return {field: f"s.{field}" for field in fields} | {f: d for f, d in defaults.items() if f not in fields}


def _without(defaults: dict[str, str], taken: dict[str, str]) -> dict[str, str]:
    return {field: default for field, default in defaults.items() if field not in taken}


def merge_households(params: dict, present: set[str]) -> int:
    merged = 0
    for key in KEYS:
        fields = household_fields(present, key=key)
        # A new household starts with its staged desil; an existing one's follows its history (record_desil).
        inserted = fields + (["desil", "desil_source", "desil_as_of"] if "desil" in present else [])
        identity = {"no_kk": "s.no_kk"} if key is not BY_P3KE else {"p3ke_family_id": "s.p3ke_family_id"}
        merged += _upsert(
            table=HOUSEHOLD,
            key=key.conflict,
            values={**identity, **_values(inserted, _without(HOUSEHOLD_DEFAULTS, identity))},
            updated=fields,
            source=f"{STAGED} s WHERE s.batch_id = %(batch)s AND s.is_household_row AND {key.only}",
            params=params,
        )
    return merged


def _joined(key: Key, *, heads_only: bool = True, person: bool = False) -> str:
    """The batch's staged rows (s) joined to their registry household (h), and person (p), for one key."""
    join = f" JOIN {PERSON} p ON p.nik = s.nik" if person else ""
    rows = " AND s.is_household_row" if heads_only else ""
    return f"{STAGED} s JOIN {HOUSEHOLD} h ON {key.match}{join} WHERE s.batch_id = %(batch)s{rows} AND {key.only}"


def record_desil(params: dict) -> int:
    """Append each household's staged desil to its history, then refresh its current desil."""
    added = sum(
        _execute(
            f"INSERT INTO {DESIL} (household_id, desil, source, as_of, import_batch_id, recorded_by_id, recorded_at) "
            f"SELECT h.id, s.desil, s.desil_source, s.desil_as_of, %(batch)s, %(user)s, %(now)s "
            f"FROM {_joined(key)} AND s.desil IS NOT NULL "
            f"ON CONFLICT (household_id, source, as_of) DO UPDATE SET desil = excluded.desil, "
            f"import_batch_id = excluded.import_batch_id WHERE {DESIL}.desil <> excluded.desil",
            params,
        )
        for key in KEYS
    )
    # Before the new rankings become current: who moves from at/below the threshold to above it.
    graduate_by_desil(params)
    refresh_current_desil(params)
    return added


def refresh_current_desil(params: dict) -> None:
    """The latest ranking of each existing household the batch ranked becomes its current desil."""
    _execute(
        f"UPDATE {HOUSEHOLD} SET desil = latest.desil, desil_source = latest.source, desil_as_of = latest.as_of, "
        f"import_batch_id = %(batch)s, updated_at = %(now)s FROM ({LATEST_DESIL}) AS latest "
        f"WHERE latest.recency = 1 AND {HOUSEHOLD}.id = latest.household_id",
        params,
    )


def record_moves(params: dict) -> int:
    """Persons the batch moves to another household, recorded before they move."""
    return sum(
        _execute(
            f"INSERT INTO {MOVE} (person_id, from_household_id, to_household_id, batch_id, moved_by_id, moved_at) "
            f"SELECT p.id, p.household_id, h.id, %(batch)s, %(user)s, %(now)s "
            f"FROM {_joined(key, heads_only=False, person=True)} AND p.household_id <> h.id",
            params,
        )
        for key in KEYS
    )


def merge_persons(params: dict, present: set[str], *, new_heads: bool) -> int:
    """Upsert the staged persons in two passes, so that a household's former head steps down before
    the new one takes over: first everyone but the new heads of households already in the registry,
    then those heads. A household this merge created has nobody to step down."""
    fields = person_fields(present)
    established = "h.created_at < %(now)s AND s.relationship = 'kepala'"
    return sum(
        _upsert(
            table=PERSON,
            key="nik",
            values={"nik": "s.nik", "household_id": "h.id", **_values(fields, PERSON_DEFAULTS)},
            updated=["household_id", *fields],
            source=f"{_joined(key, heads_only=False)} AND {'' if new_heads else 'NOT '}({established})",
            params=params,
        )
        for key in KEYS
    )


def merge_batch(*, batch_id: int, user_id: int, present: set[str], now: datetime, step: Callable[[str], None]) -> dict:
    """Write the staged rows to the registry; the caller holds the transaction."""
    params = {"batch": batch_id, "user": user_id, "now": now}
    result = {"linked_households": link_families(params)} if "p3ke_family_id" in present else {}
    result["households"] = merge_households(params, present)
    step("households")
    result["desil_records"] = record_desil(params)
    step("desil")
    result["moves"] = record_moves(params)
    result["persons"] = merge_persons(params, present, new_heads=False)
    step("members")
    result["persons"] += merge_persons(params, present, new_heads=True)
    result["moves"] += absorb_members(params)
    step("heads")
    return result
