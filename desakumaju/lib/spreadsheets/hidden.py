"""Which rows and columns of a sheet are hidden (calamine reads values, not how they are shown).

Hidden rows are still read (the officer may not know they are there, so the importer says so);
a hidden column that repeats a visible one is named by its letter. Each reader returns 0-based
(row indexes, column indexes).
"""

import logging
import re
import zipfile
from pathlib import Path, PurePosixPath

from defusedxml import ElementTree

logger = logging.getLogger(__name__)
Hidden = tuple[frozenset[int], frozenset[int]]
NOTHING: Hidden = (frozenset(), frozenset())

ROW_TAG = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
COL_TAG = re.compile(rb"<(?:\w+:)?col\b([^>]*)>")
ATTRIBUTE = re.compile(rb'\b(r|hidden|min|max)\s*=\s*["\']([^"\']*)["\']')
TRUE = (b"1", b"true")


def xlsx_hidden(path: Path, sheet_name: str) -> Hidden:
    with zipfile.ZipFile(path) as archive:
        part = _xlsx_sheet_part(archive, sheet_name)
        if part is None:
            return NOTHING
        with archive.open(part) as stream:
            return _scan_sheet_xml(stream)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attribute(element, name: str) -> str | None:
    return next((value for key, value in element.attrib.items() if _local(key) == name), None)


def _xlsx_sheet_part(archive: zipfile.ZipFile, sheet_name: str) -> str | None:
    """The zip member holding the sheet's XML, through workbook.xml and its relationships."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    sheet = next((e for e in workbook.iter() if _local(e.tag) == "sheet" and e.get("name") == sheet_name), None)
    if sheet is None or "xl/_rels/workbook.xml.rels" not in archive.namelist():
        return None
    relation_id = _attribute(sheet, "id")
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = next((e.get("Target") for e in relations.iter() if e.get("Id") == relation_id), None)
    if not target:
        return None
    return target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)


def _scan_sheet_xml(stream) -> Hidden:
    rows, columns, leftover, last_row = set(), set(), b"", -1
    while chunk := stream.read(1 << 20):
        buffer = leftover + chunk
        cut = buffer.rfind(b"<")
        leftover, buffer = buffer[cut:], buffer[:cut]
        last_row = _scan_chunk(buffer, rows, columns, last_row)
    _scan_chunk(leftover, rows, columns, last_row)
    return frozenset(rows), frozenset(columns)


def _scan_chunk(buffer: bytes, rows: set, columns: set, last_row: int) -> int:
    for match in COL_TAG.finditer(buffer):
        found = dict(ATTRIBUTE.findall(match[1]))
        if found.get(b"hidden") in TRUE:
            columns.update(range(int(found[b"min"]) - 1, int(found[b"max"])))
    for match in ROW_TAG.finditer(buffer):
        found = dict(ATTRIBUTE.findall(match[1]))
        last_row = int(found[b"r"]) - 1 if b"r" in found else last_row + 1
        if found.get(b"hidden") in TRUE:
            rows.add(last_row)
    return last_row


def xls_hidden(path: Path, sheet_name: str) -> Hidden:
    import xlrd  # only legacy .xls needs it: calamine does not tell which rows are hidden

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
        sheet = book.sheet_by_name(sheet_name)
    except Exception:  # calamine reads the values; without xlrd's view nothing is known hidden
        logger.warning("Could not read which rows of an .xls sheet are hidden", exc_info=True)
        return NOTHING
    rows = frozenset(index for index, info in sheet.rowinfo_map.items() if info.hidden)
    columns = frozenset(index for index, info in sheet.colinfo_map.items() if info.hidden)
    return rows, columns


TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def ods_hidden(path: Path, sheet_name: str) -> Hidden:
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as stream:
        return _scan_ods(stream, sheet_name)


def _scan_ods(stream, sheet_name: str) -> Hidden:
    rows, columns, row, column, inside = set(), set(), 0, 0, False
    name, repeated, visibility = (f"{{{TABLE_NS}}}{key}" for key in ("name", "number-rows-repeated", "visibility"))
    columns_repeated = f"{{{TABLE_NS}}}number-columns-repeated"
    for event, element in ElementTree.iterparse(stream, events=("start", "end")):
        tag = element.tag
        if tag == f"{{{TABLE_NS}}}table":
            if event == "start":
                inside = element.get(name) == sheet_name
            elif inside:
                break
        elif inside and event == "start" and tag == f"{{{TABLE_NS}}}table-row":
            count = int(element.get(repeated, "1"))
            if element.get(visibility, "visible") != "visible":
                rows.update(range(row, row + min(count, 100_000)))
            row += count
        elif inside and event == "start" and tag == f"{{{TABLE_NS}}}table-column":
            count = int(element.get(columns_repeated, "1"))
            if element.get(visibility, "visible") != "visible":
                columns.update(range(column, column + min(count, 16_384)))
            column += count
        elif event == "end" and tag == f"{{{TABLE_NS}}}table-row":
            element.clear()
    return frozenset(rows), frozenset(columns)
