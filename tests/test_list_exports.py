"""Every list's export, as xlsx and as csv (issue 5, "Exports"; SECURITY-CHECKLIST EXP-01, AC-02, PII-01/02).

One world holds two districts: in A, households whose heads' names, villages, interventions and
complaints start like formulas, and a family card whose No KK and NIK start with 0; in B, one of
each that no user of A may ever see. Each export is checked for its row count (equal to the list's),
its scope, its masking, its text cells, its formula neutralisation and its export record.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from beneficiaries.models import Household, Person
from complaints.models import Ticket
from complaints.services import file_ticket
from programs import targeting
from records.models import ExportRecord
from tests.factories import HouseholdFactory, InterventionFactory, PersonFactory, VillageFactory, VillageYearFactory

YEAR = 2026
DANGEROUS = ['=HYPERLINK("http://x","klik")', "==1+1", "+62812", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]
ZERO_KK, ZERO_NIK = "0801040000000001", "0801044107900001"
SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")
FORMATS = ["xlsx", "csv"]


@dataclass
class World:
    users: dict
    district_a: object
    district_b: object
    b_words: list = field(default_factory=list)  # texts found only in district B's rows


@pytest.fixture
def world(village_a, village_b, admin_user, officer_a, officer_b, agency_staff, viewer, agency):
    subdistrict_a = village_a.subdistrict
    dangerous_villages = [VillageFactory(subdistrict=subdistrict_a, name=text) for text in DANGEROUS]
    for village in [village_a, village_b, *dangerous_villages]:
        VillageYearFactory(village=village, year=YEAR, is_locus=True)
    for number, text in enumerate(DANGEROUS):
        household = HouseholdFactory(village=village_a, desil=1 + number % 2, address=text)
        PersonFactory(household=household, relationship="kepala", name=text)
        PersonFactory(household=household, name=f"Anak {number}")
        intervention = InterventionFactory(
            village=dangerous_villages[number], description=text, program__lead_agency=agency
        )
        ticket = file_ticket(category="not_received", village=intervention.village, description="Tidak sampai.")
        Ticket.objects.filter(pk=ticket.pk).update(intervention=intervention, agency=agency)  # routed to the agency
    zero = HouseholdFactory(village=village_a, no_kk=ZERO_KK, desil=1)
    PersonFactory(household=zero, relationship="kepala", name="Sumirah Nolawal", nik=ZERO_NIK)
    metro = HouseholdFactory(village=village_b, desil=1, address="Jl. Metro Rahasia")
    PersonFactory(household=metro, relationship="kepala", name="Warga Metro Rahasia")
    InterventionFactory(village=village_b, description="Intervensi Metro Rahasia", program__lead_agency=agency)
    file_ticket(category="not_received", village=village_b, description="Pengaduan Metro.")
    return World(
        users={"admin": admin_user, "officer_a": officer_a, "officer_b": officer_b, "agency_staff": agency_staff,
               "viewer": viewer},
        district_a=village_a.district, district_b=village_b.district,
        b_words=["Metro Rahasia", metro.no_kk, village_b.code],
    )  # fmt: skip


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@dataclass
class Download:
    fmt: str
    headers: list
    rows: list  # values (csv: strings; xlsx: cell values with _x000D_ read back as \r)
    cells: list  # xlsx: openpyxl cells of the data rows; csv: []
    raw: bytes

    def column(self, heading: str) -> list:
        index = self.headers.index(heading)
        return [row[index] for row in self.rows]

    def texts(self) -> set:
        return {value for row in self.rows for value in row if isinstance(value, str)}


FULL = {"lengkap": "1", "tujuan": "verifikasi"}


def download(client, url: str, params: dict, fmt: str, *, full: dict | None = None) -> Download:
    """GET the export (masked numbers); with ``full``, POST it with those fields (a reason for full numbers)."""
    path, _, query = url.partition("?")
    params = {**dict(parse_qsl(query)), **params, "format": fmt}
    response = client.get(path, params) if full is None else client.post(f"{path}?{urlencode(params)}", full)
    assert response.status_code == 200, response.status_code
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].rstrip('"').endswith(f".{fmt}")
    raw = response.getvalue()
    if fmt == "csv":
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert raw.startswith(b"\xef\xbb\xbf"), "a BOM, so that Excel reads UTF-8"
        headers, *rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        return Download(fmt, headers, rows, [], raw)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(raw)).active
    headers, *cells = [list(row) for row in sheet.iter_rows()]
    rows = [[_xlsx_value(cell.value) for cell in row] for row in cells]
    return Download(fmt, [cell.value for cell in headers], rows, cells, raw)


def _xlsx_value(value):
    return value.replace("_x000D_", "\r") if isinstance(value, str) else value


@dataclass
class Export:
    url: str
    list_name: str
    params: dict  # a filter that narrows the list
    readers: tuple  # roles that may export it
    identity: tuple = ()  # headings of NIK / No KK columns
    district_heading: str = "Kabupaten/Kota"

    def expected_count(self, world, user, params) -> int:
        raise NotImplementedError


class ListPageCount(Export):
    """The export has as many rows as its list page counts."""

    def __init__(self, list_url, **kwargs):
        super().__init__(**kwargs)
        self.list_url = list_url

    def expected_count(self, world, user, params):
        return _client(user).get(self.list_url, params).context["table"].paginator.count


class PersonCount(Export):
    def expected_count(self, world, user, params):
        households = Household.objects.visible_to(user).filter(**{k: v for k, v in params.items() if k == "desil"})
        return Person.objects.filter(household__in=households).count()


class PriorityCount(Export):
    def expected_count(self, world, user, params):
        return targeting.priority_list(user=user, year=YEAR).count()


REGISTRY = ("admin", "officer_a", "viewer")
EXPORTS = {
    "households": ListPageCount(
        reverse("beneficiaries:household_list"),
        url=reverse("beneficiaries:household_export"),
        list_name="keluarga",
        params={"desil": "1"},
        readers=REGISTRY,
        identity=("No. KK", "NIK kepala keluarga"),
    ),
    "persons": PersonCount(
        url=reverse("beneficiaries:person_export"),
        list_name="anggota",
        params={"desil": "1"},
        readers=REGISTRY,
        identity=("No. KK", "NIK"),
    ),
    "interventions": ListPageCount(
        reverse("programs:intervention_list"),
        url=reverse("programs:intervention_export"),
        list_name="intervensi",
        params={"tahun": str(YEAR)},
        readers=(*REGISTRY, "agency_staff"),
    ),
    "locus": ListPageCount(
        reverse("programs:locus_villages"),
        url=reverse("programs:locus_export"),
        list_name="desa_lokus",
        params={"tahun": str(YEAR), "di_bawah": "1"},
        readers=REGISTRY,
    ),
    "priority": PriorityCount(
        url=reverse("programs:priority_export"),
        list_name="prioritas",
        params={"tahun": str(YEAR)},
        readers=REGISTRY,
        identity=("NIK", "No. KK"),
    ),
    "complaints": ListPageCount(
        reverse("complaints:queue"),
        url=reverse("complaints:queue_export"),
        list_name="pengaduan",
        params={"status": "terbuka"},
        readers=("admin", "officer_a", "agency_staff"),
    ),
}
CASES = [(name, fmt) for name in EXPORTS for fmt in FORMATS]


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_it_exports_as_many_rows_as_the_filtered_list_and_records_the_export(world, name, fmt):
    export = EXPORTS[name]
    for role in export.readers:
        user = world.users[role]
        got = download(_client(user), export.url, export.params, fmt)
        expected = export.expected_count(world, user, export.params)
        assert expected > 0 and len(got.rows) == expected, (role, len(got.rows), expected)
        record = ExportRecord.objects.latest("pk")
        assert (record.user, record.role, record.list_name) == (user, user.role, export.list_name)
        assert (record.file_format, record.row_count) == (fmt, expected)
        assert all(f"{key}={value}" in record.query for key, value in export.params.items())
        assert "format" not in record.query
    assert ExportRecord.objects.count() == len(export.readers)


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_a_district_officer_exports_their_district_only(world, name, fmt):
    export = EXPORTS[name]
    if "officer_a" not in export.readers:
        pytest.skip("not a list of district officers")
    client = _client(world.users["officer_a"])
    got = download(client, export.url, {}, fmt)
    assert got.rows and set(got.column(export.district_heading)) == {world.district_a.name}
    text = got.raw.decode("utf-8-sig") if fmt == "csv" else " ".join(str(v) for row in got.rows for v in row)
    assert not [word for word in world.b_words if word in text]
    # Asking for the other district in the filter finds nothing (never B's rows, never everything).
    assert download(client, export.url, {"district": world.district_b.pk}, fmt).rows == []


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_the_other_district_gets_none_of_district_a(world, name, fmt):
    export = EXPORTS[name]
    if "officer_a" not in export.readers:
        pytest.skip("not a list of district officers")
    got = download(_client(world.users["officer_b"]), export.url, {}, fmt)
    assert set(got.column(export.district_heading)) <= {world.district_b.name}
    assert not got.texts() & {f"'{text}" for text in DANGEROUS}


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_formula_like_text_is_neutralised(world, name, fmt):
    export = EXPORTS[name]
    got = download(_client(world.users["admin"]), export.url, {}, fmt)
    texts = got.texts()
    missing = [text for text in DANGEROUS if f"'{text}" not in texts]
    assert not missing, missing
    # No value of the file starts like a formula (the number columns are numbers, not text).
    assert not [value for value in texts if value.startswith(("=", "+", "-", "@", "\t", "\r"))]
    if fmt == "xlsx":
        assert not [cell.coordinate for row in got.cells for cell in row if cell.data_type == "f"]


IDENTITY_EXPORTS = [(name, fmt) for name, fmt in CASES if EXPORTS[name].identity]


@pytest.mark.parametrize(("name", "fmt"), IDENTITY_EXPORTS)
def test_identity_numbers_are_masked_unless_asked_for_with_a_reason_by_admins_and_officers(world, name, fmt):
    """PII-01: masked for every role by default; full only by POST with a reason, for those allowed."""
    export = EXPORTS[name]
    cases = [("admin", True), ("officer_a", True), ("admin", False), ("officer_a", False), ("viewer", False)]
    for role, full in cases:
        got = download(_client(world.users[role]), export.url, {}, fmt, full=FULL if full else None)
        for heading in export.identity:
            values = [value for value in got.column(heading) if value]
            assert values and all(isinstance(value, str) and len(value) == 16 for value in values), (role, heading)
            assert all(value.isdigit() for value in values) is full, (role, heading)
            if not full:
                assert all("•" in value for value in values)
        if full:
            assert {ZERO_KK, ZERO_NIK} <= {value for heading in export.identity for value in got.column(heading)}
        else:
            assert not SIXTEEN_DIGITS.search(got.raw.decode("utf-8-sig") if fmt == "csv" else str(got.rows))
        record = ExportRecord.objects.latest("pk")
        assert record.full_identity_numbers is full
        assert record.purpose == ("verifikasi" if full else "")


@pytest.mark.parametrize("name", sorted({name for name, _ in IDENTITY_EXPORTS}))
def test_a_full_export_without_a_reason_or_the_right_is_refused(world, name):
    path, _, query = EXPORTS[name].url.partition("?")
    url = f"{path}?{urlencode({**dict(parse_qsl(query)), 'format': 'csv'})}"
    assert _client(world.users["admin"]).post(url, {"lengkap": "1"}).status_code == 400
    assert _client(world.users["admin"]).post(url, {"lengkap": "1", "tujuan": "lainnya"}).status_code == 400
    assert _client(world.users["viewer"]).post(url, FULL).status_code == 403
    assert not ExportRecord.objects.exists()


@pytest.mark.parametrize(("name", "fmt"), IDENTITY_EXPORTS)
def test_identity_cells_are_xlsx_text_cells_and_keep_leading_zeros(world, name, fmt):
    export = EXPORTS[name]
    got = download(_client(world.users["admin"]), export.url, {}, fmt, full=FULL)
    for heading in export.identity:
        index = got.headers.index(heading)
        values = [row[index] for row in got.rows]
        assert ZERO_KK in values or ZERO_NIK in values, heading
        if fmt == "xlsx":
            cells = [row[index] for row in got.cells]
            assert all(cell.data_type == "s" and cell.number_format == "@" for cell in cells), heading


@pytest.mark.parametrize("name", EXPORTS)
def test_roles_outside_the_list_are_refused_and_anonymous_users_sent_to_login(world, name):
    export = EXPORTS[name]
    response = Client().get(export.url, {"format": "csv"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    for role in set(world.users) - set(export.readers) - {"officer_b"}:
        assert _client(world.users[role]).get(export.url, {"format": "csv"}).status_code == 403, role
    assert not ExportRecord.objects.exists()


def test_an_unknown_format_is_not_found(world):
    client = _client(world.users["admin"])
    assert client.get(EXPORTS["households"].url, {"format": "xls"}).status_code == 404
    assert not ExportRecord.objects.exists()


def test_the_old_xlsx_urls_still_answer_xlsx(world):
    client = _client(world.users["admin"])
    for url in ("/program/intervensi/unduh.xlsx", "/program/sasaran/prioritas.xlsx"):
        response = client.get(url, {"tahun": YEAR})
        assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")


def test_a_household_search_exports_its_matches_and_records_no_identity_number(world):
    """The search travels as a token; the record keeps it masked, never the NIK typed."""
    client = _client(world.users["officer_a"])
    response = client.post(reverse("beneficiaries:household_list"), {"q": ZERO_NIK})
    query = response["Location"].split("?", 1)[1]
    assert ZERO_NIK not in query
    got = download(client, f"{EXPORTS['households'].url}?{query}", {}, "csv", full=FULL)
    assert got.column("No. KK") == [ZERO_KK]
    members = download(client, f"{EXPORTS['persons'].url}?{query}", {}, "xlsx", full=FULL)
    assert members.column("NIK") == [ZERO_NIK]
    records = list(ExportRecord.objects.order_by("pk"))
    assert [r.row_count for r in records] == [1, 1]
    assert all(ZERO_NIK not in r.query and "q=0801" in r.query for r in records)


def test_the_locus_export_follows_the_district_filter(world):
    export = EXPORTS["locus"]
    client = _client(world.users["admin"])
    got = download(client, export.url, {"tahun": YEAR, "district": world.district_b.pk}, "csv")
    assert set(got.column("Kabupaten/Kota")) == {world.district_b.name}
    assert len(got.rows) == 1 and got.rows[0][4] == "0" and got.rows[0][-1] == "Di bawah batas"


def test_lists_link_their_exports_with_the_current_filter(world):
    client = _client(world.users["admin"])
    pages = {
        reverse("beneficiaries:household_list"): [EXPORTS["households"].url, EXPORTS["persons"].url],
        reverse("programs:intervention_list"): [EXPORTS["interventions"].url],
        reverse("programs:locus_villages"): [EXPORTS["locus"].url],
        reverse("programs:priority_list"): [EXPORTS["priority"].url],
        reverse("complaints:queue"): [EXPORTS["complaints"].url],
    }
    for page, urls in pages.items():
        html = client.get(page, {"tahun": YEAR, "district": world.district_a.pk}).content.decode()
        assert "Unduh .xlsx" in html and "Unduh .csv" in html, page
        for url in urls:
            assert f"{url}?" in html and "format=csv" in html, (page, url)
            assert re.search(rf'href="{re.escape(url)}\?[^"]*district={world.district_a.pk}', html), (page, url)


def test_export_records_are_read_only_in_admin_for_bappeda(world):
    admin_client = _client(world.users["admin"])
    download(admin_client, EXPORTS["households"].url, {}, "csv")
    record = ExportRecord.objects.get()
    changelist = reverse("admin:records_exportrecord_changelist")
    response = admin_client.get(changelist, {"list_name": "keluarga", "q": "admin"})
    assert response.status_code == 200 and "Keluarga (BNBA)" in response.content.decode()
    assert admin_client.get(reverse("admin:records_exportrecord_add")).status_code == 403
    detail = admin_client.get(reverse("admin:records_exportrecord_change", args=[record.pk]))
    assert detail.status_code == 200 and 'name="_save"' not in detail.content.decode()
    assert _client(world.users["officer_a"]).get(changelist).status_code == 302
