"""Finding a file's header: below a title block, on one row or on two (a merged "Alamat" over
"Dusun | RT | RW"), with a column-number row under it; every column is mapped or listed as ignored."""

import re
from dataclasses import dataclass, field
from datetime import date

from desakumaju.lib.spreadsheets import column_letter

from .codes import DTKS, DUKCAPIL
from .columns import BY_ALIAS, BY_FIELD, HEADER_SEARCH_ROWS, RANKING_ALIASES, header_key
from .values import is_number

BNBA, RANKING = "bnba", "desil"
DATE_FIELDS = ("birth_date", "birth_place_date", "desil_as_of")
# A date column may say in brackets how its dates are written: "Tanggal Lahir (bulan/hari/tahun)".
DATE_ORDER_HINTS = {
    "mdy": re.compile(r"\((?:mm|bulan|bln)\W+(?:dd|hari|hr|tgl)\W+(?:yy|yyyy|tahun|thn)\)", re.IGNORECASE),
    "dmy": re.compile(r"\((?:dd|hari|hr|tgl)\W+(?:mm|bulan|bln)\W+(?:yy|yyyy|tahun|thn)\)", re.IGNORECASE),
}
NUMBER_CELL = re.compile(r"^[(\[]?(\d{1,3})[)\].]?$")
IDENTITY = re.compile(r"^'?\d{16}$")


@dataclass
class Header:
    row_index: int  # 0-based index of the header's last row
    fields: dict[int, str]  # column position → field
    names: dict[int, str]  # column position → the name the file gives it
    ignored: list[str] = field(default_factory=list)  # "H: Keterangan"
    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    relationship_codes: str | None = None  # DUKCAPIL or DTKS when the file says which numeric codes it uses
    date_order: str | None = None  # "mdy" or "dmy" when a date column's name says so
    data_index: int = 0  # 0-based index of the first row below the header (and its column-number row)

    @property
    def present(self) -> set[str]:
        """The registry fields the file has a column for."""
        return {filled for name in self.fields.values() for filled in BY_FIELD[name].filled}

    def letter(self, field_name: str) -> str:
        return next(column_letter(position) for position, name in self.fields.items() if name == field_name)


def _cell(row: list, position: int) -> str:
    value = row[position] if position < len(row) else ""
    return "" if value is None else str(value).strip()


def aliases(kind: str) -> dict:
    """A re-ranking names the family by its head: "NIK Kepala Keluarga" is the NIK there, never in a BNBA file."""
    return BY_ALIAS | RANKING_ALIASES if kind == RANKING else BY_ALIAS


def _fields(names: dict[int, str], kind: str) -> set[str]:
    known = aliases(kind)
    return {known[header_key(name)].field for name in names.values() if header_key(name) in known}


def qualifies(fields: set[str], kind: str) -> bool:
    if kind == RANKING:
        return "desil" in fields and bool({"no_kk", "nik"} & fields)
    return "nik" in fields and len(fields) >= 3


def find_header(rows: list[list], *, kind: str = BNBA, hidden_columns=frozenset()) -> Header | None:
    """The first row (or pair of rows) among the leading ones that names the columns this kind needs."""
    leading = rows[:HEADER_SEARCH_ROWS]
    for index, row in enumerate(leading):
        single = _names(row)
        combined = _combine(row, rows[index + 1]) if index + 1 < len(rows) else None
        # Two rows only when they name more than either row alone (not a blank row over the header).
        below = len(_fields(_names(rows[index + 1]), kind)) if index + 1 < len(rows) else 0
        if (
            combined
            and qualifies(_fields(combined, kind), kind)
            and len(_fields(combined, kind)) > max(len(_fields(single, kind)), below)
        ):
            return _read(index + 1, combined, rows, kind, hidden_columns)
        if qualifies(_fields(single, kind), kind):
            return _read(index, single, rows, kind, hidden_columns)
    return None


def _names(row: list) -> dict[int, str]:
    return {position: _cell(row, position) for position in range(len(row)) if _cell(row, position)}


def _looks_like_data(row: list) -> bool:
    return any(
        isinstance(cell, date) or (is_number(cell) and cell >= 32) or IDENTITY.match(str(cell or "").strip())
        for cell in row
    )


def _combine(parent: list, child: list) -> dict[int, str] | None:
    """Names of a two-row header: each sub-column under its (merged) parent; None when ``child`` is data."""
    if not any(_cell(child, j) for j in range(len(child))) or _looks_like_data(child):
        return None
    names, group = {}, ""
    for j in range(max(len(parent), len(child))):
        above, below = _cell(parent, j), _cell(child, j)
        if above:
            group = above
            if below and header_key(above) in BY_ALIAS and not _spans(parent, child, j):
                return None  # a value under a complete column name: the row below is data
        elif not below:
            group = ""
        if below:
            names[j] = _sub_column(below, group if not above or _spans(parent, child, j) else above)
        elif above:
            names[j] = above
    return names


def _spans(parent: list, child: list, j: int) -> bool:
    """The parent cell at ``j`` is merged over the next column too (empty above, named below)."""
    return not _cell(parent, j + 1) and bool(_cell(child, j + 1))


def _sub_column(name: str, group: str) -> str:
    last_word = group.split()[-1] if group.split() else ""
    for candidate in (name, f"{name} {group}", f"{group} {name}", f"{name} {last_word}"):
        if header_key(candidate) in BY_ALIAS:
            return candidate
    return f"{name} ({group})" if group else name


def _read(index: int, names: dict[int, str], rows: list[list], kind: str, hidden_columns) -> Header:
    header = Header(row_index=index, fields={}, names=names, data_index=index + 1)
    by_field: dict[str, list[int]] = {}
    for position, name in sorted(names.items()):
        column = aliases(kind).get(header_key(name))
        if column is None:
            header.ignored.append(f"{column_letter(position)}: {name}")
        else:
            by_field.setdefault(column.field, []).append(position)
    for name, positions in by_field.items():
        _place(header, name, positions, hidden_columns)
    _check_overlaps(header)
    _check_required(header, kind)
    _skip_number_row(header, rows)
    header.relationship_codes = _relationship_codes(header)
    header.date_order = _date_order_hint(header)
    return header


def _date_order_hint(header: Header) -> str | None:
    names = [header.names[p] for p, name in header.fields.items() if name in DATE_FIELDS]
    found = {order for order, hint in DATE_ORDER_HINTS.items() for name in names if hint.search(name)}
    return found.pop() if len(found) == 1 else None


def _place(header: Header, name: str, positions: list[int], hidden_columns) -> None:
    label = BY_FIELD[name].label
    shown = [p for p in positions if p not in hidden_columns]
    if len(positions) > 1 and len(shown) == 1:
        header.fields[shown[0]] = name
        for position in positions:
            if position != shown[0]:
                header.notices.append(
                    f"Kolom {column_letter(position)} ({label}) tersembunyi dan sama dengan kolom "
                    f"{column_letter(shown[0])}; kolom {column_letter(position)} diabaikan."
                )
                header.ignored.append(f"{column_letter(position)}: {header.names[position]} (tersembunyi)")
        return
    if len(positions) > 1:
        letters = " dan ".join(column_letter(p) for p in positions)
        header.problems.append(f"Kolom {label} muncul lebih dari sekali (kolom {letters}): sisakan satu.")
        header.fields[positions[0]] = name  # the file has the column: only the repetition is the problem
        return
    header.fields[positions[0]] = name
    if positions[0] in hidden_columns:
        header.notices.append(f"Kolom {column_letter(positions[0])} ({label}) tersembunyi di berkas; tetap dibaca.")


def _check_overlaps(header: Header) -> None:
    """A combined column and its parts cannot both be given (RT/RW and RT)."""
    for position, name in header.fields.items():
        column = BY_FIELD[name]
        for part in column.fills if column.fills and name != "has_disability" else ():
            if part in header.fields.values():
                header.problems.append(
                    f"Kolom {column.label} (kolom {column_letter(position)}) dan kolom {BY_FIELD[part].label} "
                    "sama-sama ada: sisakan salah satu."
                )


def _check_required(header: Header, kind: str) -> None:
    present = set(header.fields.values())
    if kind == RANKING:
        missing = [] if {"no_kk", "nik"} & present else ["No KK (atau NIK kepala keluarga)"]
        missing += [] if "desil" in present else ["Desil"]
    else:
        missing = [BY_FIELD[name].label for name in ("nik", "name", "sex", "relationship") if name not in present]
        if "no_kk" not in present and "p3ke_family_id" not in present:
            missing.insert(0, "No KK (atau ID Keluarga P3KE)")
        if "village_code" not in present and not {"subdistrict_name", "village_name"} <= present:
            missing.append("Kode Desa (atau Kecamatan dan Desa/Kelurahan)")
    if missing:
        header.problems.append(f"Kolom wajib tidak ditemukan: {', '.join(missing)}.")


def _skip_number_row(header: Header, rows: list[list]) -> None:
    """A row of column numbers, (1) (2) (3)…, right under the header is not data.

    Blank rows may stand between (a header two rows high with nothing in its second row); the numbers
    may be number cells, which xlsx and ods files hand over as 1.0, 2.0…
    """
    index = header.data_index
    while index < len(rows) and not any(_cell(rows[index], j) for j in range(len(rows[index]))):
        index += 1
    if index >= len(rows):
        return
    cells = [_number_text(cell) for cell in rows[index] if str(cell or "").strip()]
    numbers = [int(match[1]) for cell in cells if (match := NUMBER_CELL.match(cell))]
    if len(cells) >= 3 and len(numbers) == len(cells) and numbers == list(range(numbers[0], numbers[0] + len(cells))):
        header.notices.append(f"Baris {index + 1} berisi nomor kolom ({cells[0]}, {cells[1]}, …); dilewati.")
        header.data_index = index + 1


def _number_text(cell) -> str:
    return f"{cell:.0f}" if is_number(cell) and float(cell).is_integer() else str(cell).strip()


def _relationship_codes(header: Header) -> str | None:
    """Which numeric relationship codes the file uses, when its columns say so."""
    keys = {header_key(name) for name in header.names.values()}
    if "iddtks" in keys:
        return DTKS
    position = next((p for p, name in header.fields.items() if name == "relationship"), None)
    if position is not None and header_key(header.names[position]) in ("shdk", "statushubungandalamkeluarga"):
        return DUKCAPIL
    return None
