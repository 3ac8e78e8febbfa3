"""A desil re-ranking upload (DTSEN re-ranks families every quarter): No KK or the head's NIK, desil,
source and date — nothing else. It changes only desil history, with the same lifecycle, scoping,
atomicity and idempotence as a BNBA import: the preview says how many families move down, stay, move
up or would graduate, and which are unknown to the registry in the uploader's area.
"""

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

from desakumaju.lib.numbers import thousands

from ..graduation import graduate_by_desil
from ..models import Household, ImportBatch, Person, ProblemLevel, Relationship, StagedRanking
from . import dates, values
from .copying import RowStream
from .header import RANKING
from .merge import refresh_current_desil
from .reading import FileRows, open_rows
from .registry_sql import DESIL, HOUSEHOLD
from .rows import LABELS, ProblemLog
from .sheets import FileProblem

RANKED = StagedRanking._meta.db_table
USED = ("no_kk", "nik", "desil", "desil_source", "desil_as_of")
UNKNOWN = "Keluarga ini tidak ditemukan di registri wilayah Anda; baris dilewati."
NOT_HEAD = "NIK ini bukan NIK kepala keluarga di registri wilayah Anda; baris dilewati."
LOOKUP_CHUNK = 5000


class RankingChecker:
    def __init__(self, *, batch: ImportBatch, file: FileRows, log: ProblemLog):
        self.batch, self.log, self.today = batch, log, timezone.localdate()
        read = partial(dates.read_date, order=file.profile.date_order, today=self.today)
        parsers = {
            "no_kk": partial(values.identity_number, label="No. KK"),
            "nik": partial(values.identity_number, label="NIK"),
            "desil": values.desil,
            "desil_source": values.desil_source,
            "desil_as_of": partial(dates.ranking_date, read=read, today=self.today),
        }
        self.plan = [(p, name, parsers[name]) for p, name in file.header.fields.items() if name in USED]
        self.pending: list[tuple[int, dict]] = []
        self.first_row: dict[tuple[str, str], int] = {}
        self.unknown = 0

    def check(self, number: int, cells: list) -> None:
        record, failed = {}, False
        for position, name, parser in self.plan:
            try:
                record[name] = parser(cells[position] if position < len(cells) else "")
            except values.CellError as error:
                failed = True
                self.log.add(number, LABELS[name], str(error))
        if not failed and (key := self._key(number, record)):
            self.pending.append((number, {**record, "key": key}))

    def _key(self, number: int, record: dict) -> tuple[str, str] | None:
        key = ("no_kk", record["no_kk"]) if record.get("no_kk") else ("nik", record.get("nik") or "")
        if not key[1]:
            self.log.add(number, LABELS["no_kk"], "No KK atau NIK kepala keluarga wajib diisi.")
        elif record.get("desil") is None:
            self.log.add(number, LABELS["desil"], "Desil wajib diisi.")
        elif (first := self.first_row.setdefault(key, number)) != number:
            self.log.add(number, LABELS[key[0]], f"Keluarga yang sama sudah ada di baris {first}; baris ditolak.")
        else:
            return key
        return None

    def households(self) -> dict[tuple[str, str], int]:
        """Key → household id, for the keys found in the registry households the uploader may change."""
        found, user = {}, self.batch.uploaded_by
        by_kk = [value for (kind, value) in self.first_row if kind == "no_kk"]
        by_nik = [value for (kind, value) in self.first_row if kind == "nik"]
        for start in range(0, len(by_kk), LOOKUP_CHUNK):
            rows = Household.objects.editable_by(user).filter(no_kk__in=by_kk[start : start + LOOKUP_CHUNK])
            found |= {("no_kk", kk): pk for kk, pk in rows.values_list("no_kk", "pk")}
        for start in range(0, len(by_nik), LOOKUP_CHUNK):
            rows = Person.objects.editable_by(user).filter(nik__in=by_nik[start : start + LOOKUP_CHUNK])
            for nik, household_id, relationship in rows.values_list("nik", "household_id", "relationship"):
                found[("nik", nik)] = household_id if relationship == Relationship.HEAD else None
        return found

    def stage(self, defaults: tuple[str, date]) -> int:
        households, staged, seen = self.households(), 0, {}
        with RowStream(RANKED, ("batch_id", "row", "household_id", "desil", "source", "as_of")) as stream:
            for number, record in self.pending:
                household_id = households.get(record["key"])
                if household_id is None:
                    missing = NOT_HEAD if record["key"] in households else UNKNOWN
                    self.log.add(number, LABELS[record["key"][0]], missing, ProblemLevel.WARNING)
                    self.unknown += 1
                    continue
                if (first := seen.setdefault(household_id, number)) != number:
                    self.log.add(number, LABELS["nik"], f"Keluarga yang sama dengan baris {first}; baris ditolak.")
                    continue
                source, as_of = record.get("desil_source") or defaults[0], record.get("desil_as_of") or defaults[1]
                stream.write((self.batch.pk, number, household_id, record["desil"], source, as_of))
                staged += 1
        return staged


def check_file(batch: ImportBatch, log: ProblemLog, on_progress: Callable[[int, int], None]) -> dict:
    from .validation import describe  # validation dispatches here

    file = open_rows(Path(batch.file.path), batch.file_type, sheet_name=batch.sheet_name, kind=RANKING)
    unused = sorted({LABELS[name] for name in file.header.fields.values() if name not in USED})
    if unused:
        file.notices.append(f"Unggahan pemeringkatan desil hanya memakai No KK/NIK, desil, sumber dan tanggal; "
                            f"kolom {', '.join(unused)} tidak dipakai.")  # fmt: skip
    checker, total = RankingChecker(batch=batch, file=file, log=log), 0
    for number, cells in file.rows:
        total += 1
        if total > settings.BNBA_MAX_ROWS:
            raise FileProblem(
                f"Berkas berisi lebih dari {thousands(settings.BNBA_MAX_ROWS)} baris data: pecah berkasnya."
            )
        checker.check(number, cells)
        if total % 10_000 == 0:
            on_progress(total, max(file.size_hint, total))
    on_progress(total, total)
    if total == 0:
        raise FileProblem("Berkas tidak berisi baris data di bawah judul kolom.")
    log.flush()
    staged = checker.stage((batch.desil_source, batch.desil_as_of))
    return {
        "rows": total, "valid_rows": staged, "unknown_families": checker.unknown, "columns": ["desil"],
        **describe(file), **count_moves(batch.pk),
    }  # fmt: skip


def _rows(sql: str, params: dict) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def count_moves(batch_id: int) -> dict[str, int]:
    """How the rankings would change each family's current desil (only a ranking newer than the current
    one becomes current; an older one only joins the history)."""
    params = {"batch": batch_id, "threshold": settings.GRADUATION_DESIL_THRESHOLD}
    row = _rows(
        f"SELECT COUNT(*), "
        f"SUM(CASE WHEN h.desil_as_of IS NOT NULL AND r.as_of < h.desil_as_of THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN {_current('r', 'h')} AND h.desil IS NULL THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN {_current('r', 'h')} AND r.desil < h.desil THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN {_current('r', 'h')} AND r.desil = h.desil THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN {_current('r', 'h')} AND r.desil > h.desil THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN {_current('r', 'h')} AND h.status = 'aktif' AND h.desil <= %(threshold)s "
        f"AND r.desil > %(threshold)s THEN 1 ELSE 0 END) "
        f"FROM {RANKED} r JOIN {HOUSEHOLD} h ON h.id = r.household_id WHERE r.batch_id = %(batch)s",
        params,
    )[0]
    names = ("ranked", "older_rankings", "first_rankings", "desil_down", "desil_same", "desil_up", "would_graduate")
    return {name: value or 0 for name, value in zip(names, row, strict=True)}


def _current(r: str, h: str) -> str:
    """SQL: the ranking would become the family's current desil."""
    return f"({h}.desil_as_of IS NULL OR {r}.as_of >= {h}.desil_as_of)"


def merge_rankings(*, batch_id: int, user_id: int, now) -> dict:
    """Append the batch's rankings to the desil history; graduations and current desil follow, as in a BNBA
    import. The caller holds the transaction."""
    params = {"batch": batch_id, "user": user_id, "now": now}
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {DESIL} (household_id, desil, source, as_of, import_batch_id, recorded_by_id, recorded_at) "
            f"SELECT r.household_id, r.desil, r.source, r.as_of, %(batch)s, %(user)s, %(now)s FROM {RANKED} r "
            f"WHERE r.batch_id = %(batch)s ON CONFLICT (household_id, source, as_of) DO UPDATE SET "
            f"desil = excluded.desil, import_batch_id = excluded.import_batch_id WHERE {DESIL}.desil <> excluded.desil",
            params,
        )
        added = cursor.rowcount
    graduated = graduate_by_desil(params)
    refresh_current_desil(params)
    return {"desil_records": added, "graduations": graduated}
