"""Checking one data row of a BNBA file, and what one row says about the others (duplicates, families)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from operator import itemgetter

from django.utils import timezone

from ..models import ImportProblem, ProblemLevel, Relationship
from ..validators import check_nik, check_no_kk
from . import dates, values
from .columns import BY_FIELD, EXAMPLE_NIK
from .copying import copy_rows
from .villages import VillageIndex

PROBLEMS = ImportProblem._meta.db_table
LABELS = {name: column.label for name, column in BY_FIELD.items()}
LABELS |= {
    "birth_date_other": LABELS["birth_date"],
    "rt": "RT",
    "rw": "RW",
    "disability_kind": LABELS["has_disability"],
}
# Columns whose few distinct values repeat down the file: each value is parsed once per file.
REPEATING = {
    "sex", "relationship", "village_code", "district_name", "subdistrict_name", "village_name", "dusun", "rt", "rw",
    "rt_rw", "birth_place", "birth_date", "marital_status", "education", "occupation", "has_disability", "desil",
    "desil_source", "desil_as_of",
}  # fmt: skip
MEMO_LIMIT = 100_000


@dataclass(frozen=True)
class FileProfile:
    """What the file as a whole says about how to read its cells."""

    date_order: str = dates.DAY_FIRST
    relationship_codes: str | None = None


def _parsers(profile: FileProfile, today: date) -> dict[str, Callable]:
    read = partial(dates.read_date, order=profile.date_order, today=today)
    return {
        "no_kk": partial(values.identity_number, label="No. KK"),
        "nik": partial(values.identity_number, label="NIK"),
        "p3ke_family_id": values.family_id,
        "name": values.text,
        "sex": values.sex,
        "relationship": partial(values.relationship, codes=profile.relationship_codes),
        "village_code": values.village_code,
        "district_name": values.text,
        "subdistrict_name": values.text,
        "village_name": values.text,
        "address": partial(values.text, max_length=255),
        "dusun": partial(values.text, max_length=100),
        "rt": values.rt_or_rw,
        "rw": values.rt_or_rw,
        "rt_rw": values.rt_rw,
        "birth_place": partial(values.text, max_length=100),
        "birth_date": partial(dates.birth_date, read=read, today=today),
        "birth_place_date": partial(dates.place_and_date, read=read, today=today),
        "marital_status": values.marital_status,
        "education": values.education,
        "occupation": values.occupation,
        "has_disability": values.disability,
        "desil": values.desil,
        "desil_source": values.desil_source,
        "desil_as_of": partial(dates.ranking_date, read=read, today=today),
    }


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
    "row", "nik", "no_kk", "p3ke_family_id", "family", "village_id", "name", "sex", "birth_place", "birth_date",
    "relationship", "marital_status", "education", "occupation", "has_disability", "disability_kind", "address",
    "dusun", "rt", "rw", "desil", "desil_source", "desil_as_of",
)  # fmt: skip
# The household's values in a staged row, and a getter of them.
HOUSEHOLD_VALUES = ("address", "dusun", "rt", "rw", "desil")
HOUSEHOLD_OF = itemgetter(*(STAGED_FIELDS.index(field) for field in HOUSEHOLD_VALUES))
# Parsers that return several fields at once (values.Split).
SPLITTING = {"birth_date", "birth_place_date", "rt_rw", "has_disability"}


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
        self.pending.append((self.batch_id, row, column, message[:300], level))
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


def family_key(no_kk: str | None, p3ke_family_id: str | None) -> str:
    """How the file's rows of one family find each other: the No KK, else the P3KE family id."""
    return no_kk or f"P3KE:{p3ke_family_id}"


class RowChecker:
    def __init__(
        self, *, fields: dict[int, str], villages: VillageIndex, defaults: Defaults, log: ProblemLog,
        profile: FileProfile = FileProfile(),
    ):  # fmt: skip
        self.fields, self.villages, self.defaults, self.log = fields, villages, defaults, log
        self.present = {filled for name in fields.values() for filled in BY_FIELD[name].filled}
        self.today = timezone.localdate()
        parsers = _parsers(profile, self.today)
        # (position, field, parser, outcomes): repeating columns remember each distinct value's outcome.
        self.plan = [
            (position, field, parsers[field], {} if field in REPEATING else None) for position, field in fields.items()
        ]
        self.first_row_of_nik: dict[str, int] = {}
        self.duplicate_niks: set[str] = set()
        self.village_of_family: dict[str, tuple[int, int]] = {}
        self.p3ke_of_kk: dict[str, tuple[str, int]] = {}
        self.kk_of_p3ke: dict[str, tuple[str, int]] = {}
        self.rejected_heads: dict[str, int] = {}  # family → row of its head, refused
        self.household_of_family: dict[str, tuple[int, tuple]] = {}  # family → (first row, its household values)

    def check(self, number: int, cells: list) -> tuple | None:
        """The row ready for staging, or None when it has an error (logged)."""
        record, failed = self._parse(number, cells)
        if record.get("nik") == EXAMPLE_NIK:
            self.log.add(number, LABELS["nik"], "Baris contoh dari templat dilewati.", ProblemLevel.WARNING)
            return None
        family = self._family(number, record)
        village = self._village(number, record)
        failed |= family is None or self._identity_failed(number, record, village)
        if failed or village is None or self._clashes(number, record, family, village.id):
            if family and record.get("relationship") == Relationship.HEAD:
                self.rejected_heads.setdefault(family, number)
            return None
        self._remember(number, record, family, village.id)
        staged = self._staged(number, record, family, village.id)
        self._compare_household(number, family, staged)
        return staged

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
                if field in SPLITTING:
                    record.update(outcome[1])
                else:
                    record[field] = outcome[1]
            elif outcome[0] is values.CellWarning:
                _store(record, field, outcome[2])
                self.log.add(number, LABELS[field], outcome[1], ProblemLevel.WARNING)
            else:
                failed = True
                self.log.add(number, LABELS[field], outcome[1])
        if "name" in record and not record["name"]:
            failed = True
            self.log.add(number, LABELS["name"], "Nama wajib diisi.")
        return record, failed

    def _family(self, number: int, record: dict) -> str | None:
        no_kk, p3ke = record.get("no_kk") or None, record.get("p3ke_family_id") or None
        record["no_kk"], record["p3ke_family_id"] = no_kk, p3ke
        if no_kk is None and p3ke is None:
            label = "No KK" + (" atau ID Keluarga P3KE" if "p3ke_family_id" in self.fields.values() else "")
            self.log.add(number, LABELS["no_kk"], f"{label} wajib diisi.")
            return None
        return family_key(no_kk, p3ke)

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
                nik, sex=record.get("sex"), birth_date=record.get("birth_date"),
                kecamatan_code=village.subdistrict_code if village else None, today=self.today,
            )  # fmt: skip
            for error in result.errors:
                failed = True
                self.log.add(number, LABELS["nik"], error)
            if swapped := dates.swapped_against_nik(record, result.birth_date):
                failed = True
                self.log.add(number, LABELS["birth_date"], swapped)
            for warning in result.warnings:
                if not (swapped and warning == dates.NIK_DATE_MISMATCH):
                    self.log.add(number, LABELS["nik"], warning, ProblemLevel.WARNING)
        return failed

    def _clashes(self, number: int, record: dict, family: str, village_id: int) -> bool:
        nik = record["nik"]
        if (first := self.first_row_of_nik.get(nik)) is not None:
            self.log.add(number, LABELS["nik"], f"NIK sama dengan baris {first}; kedua baris ditolak.")
            if nik not in self.duplicate_niks:
                self.log.add(first, LABELS["nik"], f"NIK sama dengan baris {number}; kedua baris ditolak.")
                self.duplicate_niks.add(nik)
            return True
        known = self.village_of_family.get(family)
        if known and known[0] != village_id:
            self.log.add(number, LABELS["no_kk"], f"Keluarga ini sama dengan baris {known[1]} tetapi desanya berbeda.")
            return True
        return self._family_ids_disagree(number, record)

    def _family_ids_disagree(self, number: int, record: dict) -> bool:
        """One No KK goes with one P3KE family id, and the other way round."""
        no_kk, p3ke = record["no_kk"], record["p3ke_family_id"]
        if no_kk is None or p3ke is None:
            return False
        for key, other, seen, label in ((no_kk, p3ke, self.p3ke_of_kk, "No KK"),
                                        (p3ke, no_kk, self.kk_of_p3ke, "ID Keluarga P3KE")):  # fmt: skip
            known = seen.setdefault(key, (other, number))
            if known[0] != other:
                message = f"{label} sama dengan baris {known[1]} tetapi pasangan No KK/ID P3KE-nya berbeda."
                self.log.add(number, LABELS["p3ke_family_id"], message)
                return True
        return False

    def _remember(self, number: int, record: dict, family: str, village_id: int) -> None:
        self.first_row_of_nik[record["nik"]] = number
        self.village_of_family.setdefault(family, (village_id, number))

    def _compare_household(self, number: int, family: str, staged: tuple) -> None:
        """Rows of one family should agree on its household values; the head's row is the one kept."""
        mine = HOUSEHOLD_OF(staged)
        first, theirs = self.household_of_family.setdefault(family, (number, mine))
        if mine == theirs:
            return
        for field, own, other in zip(HOUSEHOLD_VALUES, mine, theirs, strict=True):
            if own != other and field in self.present:
                message = (f"{LABELS[field]} berbeda dengan baris {first} dari keluarga yang sama; keluarga memakai "
                           "nilai di baris kepala keluarga.")  # fmt: skip
                self.log.add(number, LABELS[field], message, ProblemLevel.WARNING)

    def _staged(self, number: int, record: dict, family: str, village_id: int) -> tuple:
        get = record.get
        has_desil = get("desil") is not None
        return (
            number, record["nik"], record["no_kk"], record["p3ke_family_id"], family, village_id, record["name"],
            record["sex"], get("birth_place", ""), get("birth_date"), record["relationship"],
            get("marital_status", ""), get("education", ""), get("occupation", ""), get("has_disability"),
            get("disability_kind", ""), get("address", ""), get("dusun", ""), get("rt", ""), get("rw", ""),
            get("desil"),
            (get("desil_source") or self.defaults.desil_source) if has_desil else "",
            (get("desil_as_of") or self.defaults.desil_as_of) if has_desil else None,
        )  # fmt: skip


def _store(record: dict, field: str, value) -> None:
    if isinstance(value, values.Split):
        record.update(value)
    else:
        record[field] = value
