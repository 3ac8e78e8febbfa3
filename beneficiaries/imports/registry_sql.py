"""Table names and the registry fields an import may write, shared by the counts and the merge.

Only the fields whose columns the file has are compared and written: a file without a Pendidikan
column leaves everyone's education as it is.
"""

from villages.models import Village

from ..models import DesilRecord, Household, Person, PersonMove, StagedRow

STAGED = StagedRow._meta.db_table
PERSON = Person._meta.db_table
HOUSEHOLD = Household._meta.db_table
DESIL = DesilRecord._meta.db_table
MOVE = PersonMove._meta.db_table
VILLAGE = Village._meta.db_table

# Registry field → the file column it comes from (the field itself unless named here).
HOUSEHOLD_FIELDS = ("village_id", "address", "dusun", "rt", "rw")
PERSON_FIELDS = (
    "name", "sex", "birth_place", "birth_date", "relationship", "marital_status", "education", "occupation",
    "has_disability",
)  # fmt: skip
ALWAYS = {"village_id", "name", "sex", "relationship"}


def household_fields(present: set[str]) -> list[str]:
    return [field for field in HOUSEHOLD_FIELDS if field in ALWAYS or field in present]


def person_fields(present: set[str]) -> list[str]:
    return [field for field in PERSON_FIELDS if field in ALWAYS or field in present]


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
