"""On SQLite (the embedded default) the ORM's saves and deletes write the trail that triggers write on
PostgreSQL. The handler is called directly here, so that the test runs on either database."""

import pytest

from records import audit, fallback
from records.tests.helpers import changes_of
from tests.factories import HouseholdFactory

pytestmark = pytest.mark.django_db


def test_it_writes_the_row_with_the_current_context_and_skips_a_save_that_changes_nothing(village_a):
    household = HouseholdFactory(village=village_a, address="Jl. Lama")
    before = len(changes_of(household))
    household.address = "Jl. Baru"
    with audit.context(user=42, path=audit.Path.FORM):
        fallback._write(household, "update", "default")
        fallback._write(household, "update", "default")
    events = changes_of(household)[before:]
    assert [(e.pgh_label, e.address, e.pgh_context) for e in events] == [
        ("update", "Jl. Baru", {"user": 42, "path": audit.Path.FORM})
    ]


def test_it_keeps_a_deleted_row(village_a):
    household = HouseholdFactory(village=village_a, address="Jl. Hapus")
    fallback._write(household, "delete", "default")
    assert changes_of(household, "delete")[0].address == "Jl. Hapus"
