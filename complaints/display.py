"""Registry values as people read them: field labels, choice labels, dates as dd/mm/yyyy."""

from datetime import date


def field_label(model, name: str) -> str:
    label = str(model._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def display_value(model, name: str, value) -> str:
    field = model._meta.get_field(name)
    if value in ("", None):
        return "—"
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if field.choices:
        return str(dict(field.choices).get(value, value))
    if field.get_internal_type() == "DateField":
        return date.fromisoformat(value).strftime("%d/%m/%Y")
    return str(value)[:255]
