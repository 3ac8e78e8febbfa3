"""Checking one data row of a BNBA file, and what one row says about the others (duplicates)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial

from django.utils import timezone

from ..models import ImportProblem, ProblemLevel
from ..validators import check_nik, check_no_kk
from . import values
from .columns import COLUMNS, EXAMPLE_NIK
from .copying import copy_rows
from .villages import VillageIndex

PROBLEMS = ImportProblem._meta.db_table
LABELS = {column.field: column.label for column in COLUMNS}
PARSERS = {
    "no_kk": partial(values.identity_number, label="No. KK"),
    "nik": partial(values.identity_number, label="NIK"),
    "name": values.text,
    "sex": values.sex,
    "relationship": values.relationship,
    "village_code": values.village_code,
    "district_name": values.text,
    "subdistrict_name": values.text,
    "village_name": values.text,
    "address": partial(values.text, max_length=255),
    "dusun": partial(values.text, max_length=100),
    "rt": partial(values.text, max_length=3),
    "rw": partial(values.text, max_length=3),
    "birth_place": partial(values.text, max_length=100),
    "birth_date": values.birth_date,
    "marital_status": values.marital_status,
    "education": values.education,
    "occupation": partial(values.text, max_length=100),
    "has_disability": values.disability,
    "desil": values.desil,
    "desil_source": values.desil_source,
    "desil_as_of": values.parse_date,
}
# Columns whose few distinct values repeat down the file: each value is parsed once per file.
REPEATING = {
    "sex", "relationship", "village_code", "district_name", "subdistrict_name", "village_name", "dusun", "rt", "rw",
    "birth_place", "birth_date", "marital_status", "education", "occupation", "has_disability", "desil",
    "desil_source", "desil_as_of",
}  # fmt: skip
MEMO_LIMIT = 100_000


def _outcome(parser, value) -> tuple:
    """(None, value), (CellWarning, message, value) or (CellError, message): a parse, remembered."""
    try:
        return (None, parser(value))
    except values.CellWarning as warning:
        return (values.CellWarning, str(warning), warning.value)
    except values.CellError as error:
        return (values.CellError, str(error))


# The columns of StagedRow that a checked row fills, in order (COPY and INSERT use it).
STAGED_FIELDS = (
    "row", "nik", "no_kk", "village_id", "name", "sex", "birth_place", "birth_date", "relationship",
    "marital_status", "education", "occupation", "has_disability", "address", "dusun", "rt", "rw",
    "desil", "desil_source", "desil_as_of",
)  # fmt: skip


@dataclass(frozen=True)
class Defaults:
    """What the uploader chose for the whole file, and the district they may write to."""

    desil_source: str
    desil_as_of: date
    district_id: int | None  # None: a Bappeda admin, the whole province


class ProblemLog:
    """Problems of a batch, written to the database in chunks as they are found."""

    def __init__(self, batch_id: int, chunk: int = 5000):
        self.batch_id, self.chunk = batch_id, chunk
        self.pending: list[tuple] = []
        self.error_rows: set[int | None] = set()
        self.warnings = 0
        # Called before the problems are written, e.g. to end a COPY that holds the connection.
        self.before_write: Callable[[], None] | None = None

    def add(self, row: int | None, column: str, message: str, level: str = ProblemLevel.ERROR) -> None:
        self.pending.append((self.batch_id, row, column, message, level))
        if level == ProblemLevel.ERROR:
            self.error_rows.add(row)
        else:
            self.warnings += 1
        if len(self.pending) >= self.chunk:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            if self.before_write:
                self.before_write()
            copy_rows(PROBLEMS, ("batch_id", "row", "column", "message", "level"), self.pending)
        self.pending = []


class RowChecker:
    def __init__(self, *, fields: dict[int, str], villages: VillageIndex, defaults: Defaults, log: ProblemLog):
        self.fields, self.villages, self.defaults, self.log = fields, villages, defaults, log
        self.today = timezone.localdate()
        parsers = {**PARSERS, "birth_date": partial(values.birth_date, today=self.today)}
        # (position, field, parser, outcomes): repeating columns remember each distinct value's outcome.
        self.plan = [
            (position, field, parsers[field], {} if field in REPEATING else None) for position, field in fields.items()
        ]
        self.first_row_of_nik: dict[str, int] = {}
        self.duplicate_niks: set[str] = set()
        self.village_of_kk: dict[str, tuple[int, int]] = {}

    def check(self, number: int, cells: list) -> tuple | None:
        """The row ready for staging, or None when it has an error (logged)."""
        record, failed = self._parse(number, cells)
        if record.get("nik") == EXAMPLE_NIK:
            self.log.add(number, LABELS["nik"], "Baris contoh dari templat dilewati.", ProblemLevel.WARNING)
            return None
        village = self._village(number, record)
        failed |= self._identity_failed(number, record, village)
        if failed or village is None or self._duplicate(number, record, village.id):
            return None
        self._remember(number, record, village.id)
        return self._staged(number, record, village.id)

    def _parse(self, number: int, cells: list) -> tuple[dict, bool]:
        record, failed, width = {}, False, len(cells)
        for position, field, parser, outcomes in self.plan:
            value = cells[position] if position < width else ""
            if outcomes is None:
                outcome = _outcome(parser, value)
            elif (outcome := outcomes.get(value)) is None:
                outcome = _outcome(parser, value)
                if len(outcomes) < MEMO_LIMIT:
                    outcomes[value] = outcome
            if outcome[0] is None:
                record[field] = outcome[1]
            elif outcome[0] is values.CellWarning:
                record[field] = outcome[2]
                self.log.add(number, LABELS[field], outcome[1], ProblemLevel.WARNING)
            else:
                failed = True
                self.log.add(number, LABELS[field], outcome[1])
        if "name" in record and not record["name"]:
            failed = True
            self.log.add(number, LABELS["name"], "Nama wajib diisi.")
        return record, failed

    def _village(self, number: int, record: dict):
        if not record.get("village_code") and not record.get("village_name"):
            self.log.add(number, LABELS["village_code"], "Kode desa (atau nama desa) wajib diisi.")
            return None
        try:
            village = self.villages.find(record)
        except values.CellError as error:
            self.log.add(number, LABELS["village_code"], str(error))
            return None
        if self.defaults.district_id and village.district_id != self.defaults.district_id:
            self.log.add(
                number,
                LABELS["village_code"],
                f"Desa ini berada di {village.district_name}, di luar wilayah kerja Anda; baris ditolak.",
            )
            return None
        return village

    def _identity_failed(self, number: int, record: dict, village) -> bool:
        failed = False
        if (no_kk := record.get("no_kk")) is not None and (error := check_no_kk(no_kk)):
            failed = True
            self.log.add(number, LABELS["no_kk"], error)
        if (nik := record.get("nik")) is not None:
            result = check_nik(
                nik,
                sex=record.get("sex"),
                birth_date=record.get("birth_date"),
                kecamatan_code=village.subdistrict_code if village else None,
                today=self.today,
            )
            for error in result.errors:
                failed = True
                self.log.add(number, LABELS["nik"], error)
            for warning in result.warnings:
                self.log.add(number, LABELS["nik"], warning, ProblemLevel.WARNING)
        return failed

    def _duplicate(self, number: int, record: dict, village_id: int) -> bool:
        nik, no_kk = record["nik"], record["no_kk"]
        if (first := self.first_row_of_nik.get(nik)) is not None:
            self.log.add(number, LABELS["nik"], f"NIK sama dengan baris {first}; kedua baris ditolak.")
            if nik not in self.duplicate_niks:
                self.log.add(first, LABELS["nik"], f"NIK sama dengan baris {number}; kedua baris ditolak.")
                self.duplicate_niks.add(nik)
            return True
        known = self.village_of_kk.get(no_kk)
        if known and known[0] != village_id:
            self.log.add(number, LABELS["no_kk"], f"No. KK sama dengan baris {known[1]} tetapi desanya berbeda.")
            return True
        return False

    def _remember(self, number: int, record: dict, village_id: int) -> None:
        self.first_row_of_nik[record["nik"]] = number
        self.village_of_kk.setdefault(record["no_kk"], (village_id, number))

    def _staged(self, number: int, record: dict, village_id: int) -> tuple:
        get = record.get
        has_desil = get("desil") is not None
        return (
            number, record["nik"], record["no_kk"], village_id, record["name"], record["sex"],
            get("birth_place", ""), get("birth_date"), record["relationship"], get("marital_status", ""),
            get("education", ""), get("occupation", ""), get("has_disability", False), get("address", ""),
            get("dusun", ""), get("rt", ""), get("rw", ""), get("desil"),
            (get("desil_source") or self.defaults.desil_source) if has_desil else "",
            (get("desil_as_of") or self.defaults.desil_as_of) if has_desil else None,
        )  # fmt: skip
