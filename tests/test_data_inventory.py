"""Every field of every model is tagged with the personal data it holds (SECURITY-CHECKLIST DOC-01), and the
processing record's inventory (docs/privacy/data-inventory.md) is the one the tags generate."""

from pathlib import Path

import pytest

from records.inventory import INVENTORY, LEVELS, inventoried_models, render

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("model", inventoried_models(), ids=lambda model: model._meta.label)
def test_every_field_of_every_model_is_tagged(model):
    entry = INVENTORY.get(model._meta.label)
    assert entry, f"{model._meta.label} is not in records/inventory.py: tag its fields"
    fields = {field.name for field in model._meta.concrete_fields}
    tagged = entry.tags()
    assert fields - set(tagged) == set(), f"untagged fields of {model._meta.label}"
    assert set(tagged) - fields == set(), f"tags for fields {model._meta.label} no longer has"
    assert set(tagged.values()) <= set(LEVELS)


def test_identity_numbers_are_tagged_as_such():
    assert INVENTORY["beneficiaries.Person"].tags()["nik"] == "identitas"
    assert INVENTORY["beneficiaries.Household"].tags()["no_kk"] == "identitas"
    assert INVENTORY["complaints.Ticket"].tags()["nik"] == "identitas"


def test_the_inventory_document_is_generated_from_the_tags():
    document = (ROOT / "docs" / "privacy" / "data-inventory.md").read_text(encoding="utf-8")
    assert document == render() + "\n", "run `manage.py data_inventory` and commit docs/privacy/data-inventory.md"
