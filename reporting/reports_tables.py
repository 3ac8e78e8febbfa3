"""The shape every LP2KD table takes, and how its numbers are written (Indonesian style, Rupiah).

The xlsx workbook writes the raw numbers with number formats; the PDF writes ``display_rows``.
"""

from dataclasses import dataclass, field

from programs.templatetags.rupiah import rupiah

TEXT, INTEGER, RUPIAH, PERCENT = "text", "int", "rupiah", "percent"


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = TEXT


@dataclass
class Table:
    """One table of the report; ``sheet`` names its xlsx sheet (at most 31 characters)."""

    sheet: str
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    total: list | None = None
    note: str = ""

    def display_rows(self) -> list[list[tuple[str, bool]]]:
        """Each cell as (text, is a number) for the PDF."""
        return [self._display(row) for row in self.rows]

    def display_total(self) -> list[tuple[str, bool]] | None:
        return self._display(self.total) if self.total else None

    def _display(self, row: list) -> list[tuple[str, bool]]:
        return [
            (format_value(value, column.kind), column.kind != TEXT)
            for value, column in zip(row, self.columns, strict=True)
        ]


def number(value: int) -> str:
    """``1234567`` → ``1.234.567``."""
    return f"{value:,}".replace(",", ".")


def percent(value: float | None) -> str:
    """A fraction as Indonesians write a percentage: ``0.125`` → ``12,5%``."""
    return "—" if value is None else f"{value * 100:.1f}%".replace(".", ",")


def format_value(value, kind: str) -> str:
    if value is None or value == "":
        return "—" if kind != TEXT else ""
    if kind == INTEGER:
        return number(int(value))
    if kind == RUPIAH:
        return rupiah(value)
    if kind == PERCENT:
        return percent(value)
    return str(value)


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def column_sums(rows: list[list], columns: list[Column], label: str, *, skip: int = 2) -> list:
    """A total row: ``label`` under the first column, sums of the integer and Rupiah columns."""
    total: list = [label, *[""] * (skip - 1)]
    for index, column in enumerate(columns[skip:], start=skip):
        total.append(sum(row[index] or 0 for row in rows) if column.kind in (INTEGER, RUPIAH) else None)
    return total
