"""Django admin's exports (django-import-export) escape formulas by the portal's one rule (SECURITY-CHECKLIST
EXP-01): an agency named ``=HYPERLINK(…)`` is text in the xlsx and the csv, never a live formula, and a
number stays a number."""

import csv
import io
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from import_export import fields, widgets
from import_export.formats.base_formats import CSV, XLSX
from import_export.mixins import BaseExportMixin
from openpyxl import load_workbook

from desakumaju.lib.admin_exports import SafeExportMixin, SafeResource
from desakumaju.lib.exports import FORMULA_STARTS, safe_cell
from programs.models import Agency
from tests.factories import AgencyFactory

PAYLOADS = ["=", '==HYPERLINK("http://contoh.test","klik")', "+cmd|' /C calc'!A0", "@SUM(A1)", "\t=1+1", "-2+3", "\r=1"]


@pytest.fixture
def agencies(db):
    return [AgencyFactory(name=f"{payload}", short_name=payload[:40]) for payload in PAYLOADS]


def _admin_export(client, admin_user, file_format) -> bytes:
    """The admin's export page, as a Bappeda admin picks a format and submits it (all fields ticked)."""
    model_admin = admin.site._registry[Agency]
    index = next(i for i, fmt in enumerate(model_admin.get_export_formats()) if fmt is file_format)
    names = [f"agencyresource_{name}" for name in ("id", "name", "short_name", "level", "district", "active")]
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:programs_agency_export"), {"format": index, "resource": 0, **dict.fromkeys(names, "on")}
    )
    assert response.status_code == 200, response.content[:500]
    return response.content


def test_the_admin_xlsx_export_holds_no_formula_and_every_payload_escaped(client, admin_user, agencies):
    sheet = load_workbook(io.BytesIO(_admin_export(client, admin_user, XLSX))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = {cell.value for cell in cells if cell.data_type == "s"}
    for payload in PAYLOADS:  # (XML reads a carriage return back as a line feed)
        assert f"'{payload}".replace("\r", "\n") in texts, repr(payload)
    ids = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert {agency.pk for agency in agencies} <= set(ids)  # numbers stay numbers
    assert {row[0].data_type for row in sheet.iter_rows(min_row=2)} == {"n"}


def test_the_admin_csv_export_starts_no_field_with_a_trigger(client, admin_user, agencies):
    text = _admin_export(client, admin_user, CSV).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert not [field for row in rows for field in row if field.startswith(FORMULA_STARTS)]
    names = {row[1] for row in rows[1:]}
    assert {f"'{payload}" for payload in PAYLOADS} <= names
    assert {agency.pk for agency in agencies} <= {int(row[0]) for row in rows[1:]}


def test_every_admin_that_exports_uses_the_portals_escaping():
    exporting = [
        model_admin for model_admin in admin.site._registry.values() if isinstance(model_admin, BaseExportMixin)
    ]
    assert exporting, "the admin of agencies exports"
    for model_admin in exporting:
        for resource in model_admin.get_export_resource_classes(request=None):
            assert issubclass(resource, SafeExportMixin), f"{type(model_admin).__name__}: {resource.__name__}"


class Row(SafeResource):
    """A text column and a number column, as any admin resource has them."""

    text = fields.Field(attribute="text", column_name="teks")
    number = fields.Field(attribute="number", column_name="angka", widget=widgets.IntegerWidget())

    class Meta:
        fields = ["text", "number"]


def _xlsx_cells(values: list[tuple[str, int]]):
    rows = [SimpleNamespace(text=text, number=number) for text, number in values]
    dataset = Row().export(rows, force_native_type=True)
    return list(load_workbook(io.BytesIO(XLSX().export_data(dataset))).active.iter_rows(min_row=2))


def test_a_negative_number_stays_a_number():
    ((text, number),) = _xlsx_cells([("-2+3", -2)])
    assert (text.data_type, text.value) == ("s", "'-2+3")
    assert (number.data_type, number.value) == ("n", -2)
    dataset = Row().export([SimpleNamespace(text="x", number=-2)])
    assert dataset.dict[0]["angka"] == "-2"  # csv: the number as written, not escaped


# openpyxl refuses control characters XML cannot hold, whatever the escaping; carriage returns are
# normalised by XML itself (a value is written with \r and read back with \n).
XML_TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\n"), max_size=40)


@settings(deadline=None, max_examples=50)  # each example writes and reads a workbook (~50 ms, more when busy)
@given(XML_TEXT)
def test_any_text_is_a_text_cell_that_round_trips(text):
    """Hypothesis: whatever the text, the xlsx holds a string cell (never a formula) and removing the
    leading apostrophe gives the text back."""
    ((cell, _),) = _xlsx_cells([(text, 1)])
    if text == "":
        assert cell.value is None
        return
    assert cell.data_type == "s"
    assert cell.value == safe_cell(text)
    assert (cell.value[1:] if text.startswith(FORMULA_STARTS) else cell.value) == text
