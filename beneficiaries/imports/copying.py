"""Bulk writes of plain rows: COPY on PostgreSQL, executemany elsewhere."""

from collections.abc import Callable
from contextlib import ExitStack

from django.db import connection, transaction

CHUNK = 20_000


def _copy_statement(table: str, columns: tuple[str, ...]) -> str:
    quote = connection.ops.quote_name
    return f"COPY {quote(table)} ({', '.join(quote(column) for column in columns)}) FROM STDIN"


def copy_rows(table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Write ``rows`` (tuples in ``columns`` order) to ``table`` in one transaction."""
    with transaction.atomic():  # one commit per chunk, not per row
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor, cursor.copy(_copy_statement(table, columns)) as copy:
                for row in rows:
                    copy.write_row(row)  # psycopg's C dumpers quote and escape each value
        else:
            marks = ", ".join(["%s"] * len(columns))
            with connection.cursor() as cursor:
                cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


class RowStream:
    """Writes rows to a table one by one, as a long job produces them; use it as a context manager.

    On PostgreSQL each row goes at once into an open COPY, so the server stores it while the caller
    works on the next one. While the COPY is open the connection runs nothing else: ``pause()`` ends
    it (the rows so far are then stored) and the next row opens another. Elsewhere rows are inserted in
    chunks. When the block raises, the open COPY is abandoned and its rows are not stored.
    """

    def __init__(self, table: str, columns: tuple[str, ...]):
        self.table, self.columns = table, columns
        self.pending: list[tuple] = []
        self.copying = connection.vendor == "postgresql"
        self.open_copy: ExitStack | None = None
        self.write_row: Callable[[tuple], None] | None = None

    def write(self, row: tuple) -> None:
        if not self.copying:
            self.pending.append(row)
            if len(self.pending) >= CHUNK:
                self.pause()
            return
        if self.open_copy is None:
            self.open_copy = ExitStack()
            # A savepoint inside a caller's transaction, so that an abandoned COPY does not abort it.
            self.open_copy.enter_context(transaction.atomic())
            cursor = self.open_copy.enter_context(connection.cursor())
            self.write_row = self.open_copy.enter_context(
                cursor.copy(_copy_statement(self.table, self.columns))
            ).write_row
        self.write_row(row)

    def pause(self) -> None:
        if self.open_copy is not None:
            self.open_copy, open_copy = None, self.open_copy
            open_copy.close()
        if self.pending:
            copy_rows(self.table, self.columns, self.pending)
            self.pending = []

    def __enter__(self) -> "RowStream":
        return self

    def __exit__(self, kind, error, traceback) -> None:
        if error is None:
            self.pause()
        elif self.open_copy is not None:
            self.open_copy.__exit__(kind, error, traceback)  # the COPY fails, its savepoint is rolled back
            self.open_copy = None
