from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beneficiaries.imports.copying import copy_rows
from beneficiaries.models import ImportBatch, ImportProblem, StagedRow
from tests.factories import UserFactory


@pytest.mark.django_db
def test_nulls_booleans_dates_and_numbers_arrive_as_themselves():
    columns = ("batch_id", "row", "nik", "no_kk", "p3ke_family_id", "family", "village_id", "name", "sex",
               "birth_place", "birth_date", "relationship", "marital_status", "education", "occupation",
               "has_disability", "disability_kind", "address", "dusun", "rt", "rw", "desil", "desil_source",
               "desil_as_of", "is_household_row")  # fmt: skip
    rows = [
        (7, 2, "1801044107900009", None, "P3KE-0001", "P3KE:P3KE-0001", 11, "Siti\\Aminah", "P", "", None, "kepala",
         "", "", "", None, "", "Jl.\tRaya\nNatar", "", "", "", 3, "dtsen", date(2026, 1, 2), False),
    ]  # fmt: skip
    copy_rows(StagedRow._meta.db_table, columns, rows)
    stored = StagedRow.objects.values_list(*columns).get()
    assert stored == rows[0]


# Text a file can carry: no NUL (a CSV with one is refused, an xlsx cell cannot hold one) and no lone
# surrogate (both readers decode to valid Unicode).
TEXTS = st.lists(st.text(st.characters(codec="utf-8", exclude_characters="\x00")), min_size=1, max_size=5)


@pytest.mark.django_db
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=50)
@given(TEXTS)
def test_every_text_survives_the_round_trip_through_the_table(texts):
    batch = ImportBatch.objects.first() or ImportBatch.objects.create(
        file_type="csv", original_name="x.csv", sha256="0", size=1, uploaded_by=UserFactory(), desil_source="dtsen",
        desil_as_of=date(2026, 1, 1),
    )  # fmt: skip
    batch_problems = [(batch.pk, None, "", text[:300], "error") for text in texts]
    ImportProblem.objects.all().delete()
    copy_rows(ImportProblem._meta.db_table, ("batch_id", "row", "column", "message", "level"), batch_problems)
    stored = list(ImportProblem.objects.order_by("pk").values_list("message", flat=True))
    assert stored == [text[:300] for text in texts]
