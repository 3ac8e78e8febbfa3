"""``{{ value|rupiah }}``: money as Indonesians write it, ``Rp 1.250.000``."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def rupiah(value) -> str:
    """Whole rupiah with dots between thousands; empty values as a dash, anything else unchanged."""
    if value is None or value == "":
        return "—"
    try:
        amount = int(Decimal(str(value)).quantize(Decimal(1)))
    except (InvalidOperation, ValueError):
        return value
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(amount):,}".replace(",", ".")
