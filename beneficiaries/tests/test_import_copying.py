from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beneficiaries.imports.copying import _line, copy_rows
from beneficiaries.models import ImportBatch, ImportProblem
from tests.factories import UserFactory


def test_it_writes_copy_text_with_nulls_booleans_and_dates():
    assert _line(("a", None, True, False, date(2026, 1, 2), 7)) == "a\t\\N\tt\tf\t2026-01-02\t7\n"


def test_it_escapes_only_strings_that_need_it():
    assert _line(("back\\slash", "tab\there", "new\nline")) == "back\\\\slash\ttab\\there\tnew\\nline\n"


# Text without NUL, which neither a CSV (refused) nor an xlsx cell (XML) can carry.
TEXTS = st.lists(st.text(st.characters(exclude_characters="\x00")), min_size=1, max_size=5)


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
