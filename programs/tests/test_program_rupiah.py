from decimal import Decimal

import pytest
from django.template import Context, Template

from programs.templatetags.rupiah import rupiah


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (1_250_000, "Rp 1.250.000"),
        (0, "Rp 0"),
        (999, "Rp 999"),
        (Decimal("1500000.60"), "Rp 1.500.001"),
        ("2500000", "Rp 2.500.000"),
        (-75_000, "-Rp 75.000"),
        (None, "—"),
        ("", "—"),
        ("bukan angka", "bukan angka"),
    ],
)
def test_it_writes_rupiah_the_indonesian_way(value, shown):
    assert rupiah(value) == shown


def test_it_works_in_templates():
    rendered = Template("{% load rupiah %}{{ amount|rupiah }}").render(Context({"amount": 1_000_000_000}))
    assert rendered == "Rp 1.000.000.000"
