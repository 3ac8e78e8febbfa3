"""Table names and the registry fields an import may write, shared by the counts and the merge.

Only the fields whose columns the file has are compared and written: a file without a Pendidikan
column leaves everyone's education as it is.
"""

from typing import NamedTuple

from villages.models import Village

from ..models import DesilRecord, Household, Person, PersonMove, StagedRow

STAGED = StagedRow._meta.db_table
PERSON = Person._meta.db_table
HOUSEHOLD = Household._meta.db_table
DESIL = DesilRecord._meta.db_table
MOVE = PersonMove._meta.db_table
VILLAGE = Village._meta.db_table

# The registry fields an import writes, each from the file column of the same name.
HOUSEHOLD_FIELDS = ("village_id", "p3ke_family_id", "address", "dusun", "rt", "rw")
PERSON_FIELDS = (
    "name", "sex", "birth_place", "birth_date", "relationship", "marital_status", "education", "occupation",
    "has_disability", "disability_kind",
)  # fmt: skip
ALWAYS = {"village_id", "name", "sex", "relationship"}


def household_fields(present: set[str], *, key: "Key | None" = None) -> list[str]:
    """The household fields the file has; a family known by its P3KE id keeps that id as its key."""
    fields = [field for field in HOUSEHOLD_FIELDS if field in ALWAYS or field in present]
    return [field for field in fields if not (key is BY_P3KE and field == "p3ke_family_id")]


def person_fields(present: set[str]) -> list[str]:
    return [field for field in PERSON_FIELDS if field in ALWAYS or field in present]


class Key(NamedTuple):
    """One way a staged row finds its registry household. Statements that join staged rows to households
    run once per way, so that each join stays an equality PostgreSQL can hash."""

    only: str  # which staged rows (alias s) use this way
    match: str  # how household h matches staged row s
    conflict: str  # the unique column an upsert of households conflicts on


BY_NO_KK = Key("s.no_kk IS NOT NULL", "h.no_kk = s.no_kk", "no_kk")
BY_P3KE = Key("s.no_kk IS NULL", "h.p3ke_family_id = s.p3ke_family_id", "p3ke_family_id")
KEYS = (BY_NO_KK, BY_P3KE)


def changed(target: str, source: str, fields: list[str]) -> str:
    """SQL that is true when any of ``fields`` differs between the two aliases (NULL-safe)."""
    return " OR ".join(f"{target}.{field} IS DISTINCT FROM {source}.{field}" for field in fields) or "FALSE"


def new_desil(h: str, s: str) -> str:
    """SQL: the staged row carries a desil ranking the household's history does not have yet."""
    return (
        f"({s}.desil IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {DESIL} d WHERE d.household_id = {h}.id "
        f"AND d.source = {s}.desil_source AND d.as_of = {s}.desil_as_of AND d.desil = {s}.desil))"
    )


# The latest desil ranking of each household the batch ranked that was in the registry before the
# merge (a household the merge creates starts with its staged desil). Parameters: batch, now.
LATEST_DESIL = (
    f"SELECT d.household_id, d.desil, d.source, d.as_of, "
    f"ROW_NUMBER() OVER (PARTITION BY d.household_id ORDER BY d.as_of DESC, d.id DESC) AS recency "
    f"FROM {DESIL} d WHERE d.household_id IN (SELECT r.household_id FROM {DESIL} r JOIN {HOUSEHOLD} h "
    f"ON h.id = r.household_id WHERE r.import_batch_id = %(batch)s AND h.created_at < %(now)s)"
)
