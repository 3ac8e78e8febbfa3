"""Picking an intervention's recipients: whom one may pick, the search, the totals and a NIK list file.

A NIK list is read with the rules of the BNBA import (text cells only, the same messages), and no
message repeats a NIK (UU PDP; SECURITY-CHECKLIST PII-03). Every look-up, one by one or from a list,
finds only the persons the user may pick in the intervention's village; for anyone else the answer is
the same whether they exist elsewhere or not, and a list's look-up is capped and recorded (AC-09).
"""

import tempfile
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from beneficiaries.imports import values
from beneficiaries.imports.columns import BY_ALIAS, HEADER_SEARCH_ROWS, normalise
from beneficiaries.models import Household, Person
from beneficiaries.validators import SIXTEEN_DIGITS, check_nik
from desakumaju.lib.numbers import thousands
from desakumaju.lib.spreadsheets import HEAD_BYTES, SpreadsheetError, detect_type, open_sheet
from records.lookups import record_bulk_lookup

from .models import Intervention
from .services import NOT_HERE, add_recipients, pickable_persons

SEARCH_LIMIT = 25
MAX_LIST_MB = 5
NIK_HEADERS = frozenset(alias for alias, column in BY_ALIAS.items() if column.field == "nik")
LIST_LOOKUP = "daftar_nik_penerima"


def search_persons(*, intervention: Intervention, user, text: str) -> list[Person]:
    """16 digits: that NIK or the members of that No KK; otherwise names containing the text."""
    text = text.strip()
    persons = pickable_persons(intervention=intervention, user=user).select_related("household")
    if SIXTEEN_DIGITS.fullmatch(text):
        persons = persons.filter(Q(nik=text) | Q(household__no_kk=text))
    elif len(text) >= 2:
        persons = persons.filter(name__icontains=text)
    else:
        return []
    return list(persons.order_by("name", "pk")[:SEARCH_LIMIT])


@dataclass(frozen=True)
class Totals:
    persons: int
    households: int
    households_reached: int  # households picked, and the households of persons picked, each once
    budget: int

    @property
    def recipients(self) -> int:
        return self.persons + self.households

    @property
    def budget_per_recipient(self) -> int | None:
        return round(self.budget / self.recipients) if self.recipients else None


def totals_of(intervention: Intervention) -> Totals:
    counts = intervention.recipients.aggregate(
        persons=Count("person"),
        households=Count("household"),
        households_reached=Count(Coalesce("household", "person__household"), distinct=True),
    )
    return Totals(budget=intervention.planned_budget, **counts)


@dataclass
class NikList:
    rows: list[tuple[int, str]] = field(default_factory=list)  # (row number in the file, NIK)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (row number, message)


def read_uploaded_nik_list(upload) -> NikList:
    """Check what the uploaded file is, copy it to a private temporary file and read its NIKs."""
    upload.seek(0)
    kind = detect_type(upload.name, upload.read(HEAD_BYTES))
    upload.seek(0)
    with tempfile.NamedTemporaryFile(suffix=f".{kind}", dir=settings.FILE_UPLOAD_TEMP_DIR) as copy:
        for chunk in upload.chunks():
            copy.write(chunk)
        copy.flush()
        return read_nik_list(Path(copy.name), kind)


def read_nik_list(path: Path, kind: str) -> NikList:
    """The NIKs of a file with a NIK column (under a header among the first rows, or first and untitled)."""
    rows = iter(open_sheet(path, kind).rows)
    leading = list(islice(rows, HEADER_SEARCH_ROWS))
    header_rows, position = _nik_column(leading)
    result, first_row_of, most = NikList(), {}, settings.RECIPIENT_LIST_MAX_NIKS
    for number, cells in enumerate(chain(leading, rows), 1):
        if number - header_rows > most:
            raise SpreadsheetError(f"Daftar terlalu panjang: paling banyak {thousands(most)} baris NIK per berkas.")
        if number > header_rows and any(_filled(cell) for cell in cells):
            _read_row(result, number, cells[position] if position < len(cells) else "", first_row_of)
    return result


def _nik_column(leading: list[list]) -> tuple[int, int]:
    """(how many rows the header takes, the NIK column's position)."""
    for index, row in enumerate(leading):
        positions = [position for position, cell in enumerate(row) if normalise(cell) in NIK_HEADERS]
        if len(positions) > 1:
            raise SpreadsheetError("Kolom NIK muncul lebih dari sekali: sisakan satu kolom NIK.")
        if positions:
            return index + 1, positions[0]
    first = next((row for row in leading if any(_filled(cell) for cell in row)), None)
    if first and str(first[0]).strip().lstrip("'")[:1].isdigit():
        return 0, 0  # no header: the first column holds the NIKs
    raise SpreadsheetError(
        "Kolom NIK tidak ditemukan: beri judul 'NIK' di atas kolom NIK, atau isi kolom pertama dengan NIK saja."
    )


def _filled(cell) -> bool:
    return cell is not None and str(cell).strip() != ""


def _read_row(result: NikList, number: int, cell, first_row_of: dict[str, int]) -> None:
    try:
        nik = values.identity_number(cell, "NIK")
    except values.CellError as error:
        result.problems.append((number, str(error)))
        return
    if errors := check_nik(nik).errors:
        result.problems.extend((number, error) for error in errors)
    elif (first := first_row_of.get(nik)) is not None:
        result.problems.append((number, f"NIK sama dengan baris {first}; dihitung sekali."))
    else:
        first_row_of[nik] = number
        result.rows.append((number, nik))


@dataclass
class ListResult:
    added: int = 0
    already: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (row number, message)


def add_recipients_from_list(
    *, intervention: Intervention, user, nik_list: NikList, received_on: date | None = None
) -> ListResult:
    """Add the persons of a NIK list who live in the intervention's village; the other rows are refused,
    with one answer for a NIK unknown, outside the user's scope or registered in another village."""
    niks = [nik for _, nik in nik_list.rows]
    pickable = pickable_persons(intervention=intervention, user=user).filter(nik__in=niks)
    found_households = Household.objects.filter(pk__in=pickable.values("household"))
    record_bulk_lookup(user=user, kind=LIST_LOOKUP, count=len(niks), households=found_households)
    found = {person.nik: person for person in pickable}
    result, chosen = ListResult(rejected=list(nik_list.problems)), []
    for number, nik in nik_list.rows:
        if (person := found.get(nik)) is None:
            result.rejected.append((number, NOT_HERE))
        else:
            chosen.append(person)
    added = add_recipients(intervention=intervention, user=user, persons=chosen, received_on=received_on)
    result.added, result.already = added.added, added.already
    result.rejected.sort(key=lambda problem: problem[0])
    return result
