"""Bulk writes of plain rows: COPY in text format on PostgreSQL, executemany elsewhere."""

import re
from datetime import date

from django.db import connection, transaction

ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
SPECIAL = re.compile(r"[\\\n\r]").search


def _text(value) -> str:
    """A value that is not a string, in COPY's text format."""
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _line(row: tuple) -> str:
    """One row in COPY's text format; strings are escaped only when they hold a special character."""
    fields = [value if type(value) is str else _text(value) for value in row]
    line = "\t".join(fields)
    if SPECIAL(line) or line.count("\t") != len(fields) - 1:
        line = "\t".join(f.translate(ESCAPES) if type(v) is str else f for v, f in zip(row, fields, strict=True))
    return line + "\n"


def copy_rows(table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Write ``rows`` (tuples in ``columns`` order) to ``table`` in one transaction."""
    quote = connection.ops.quote_name
    table, names = quote(table), ", ".join(quote(column) for column in columns)
    with transaction.atomic():  # one commit per chunk, not per row
        if connection.vendor == "postgresql":
            text = "".join(map(_line, rows))
            with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                copy.write(text)
        else:
            marks = ", ".join(["%s"] * len(columns))
            with connection.cursor() as cursor:
                cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
