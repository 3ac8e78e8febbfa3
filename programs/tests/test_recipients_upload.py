"""Uploading a list of NIKs: the BNBA rules and messages per row, the valid ones added in one go."""

import io
import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from beneficiaries.validators import compose_nik
from programs.models import Recipient
from programs.views import recipients as views
from tests.factories import HouseholdFactory, InterventionFactory, PersonFactory, UserFactory

SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")
HTMX = {"HX-Request": "true"}
UNKNOWN_NIK = compose_nik(kecamatan_code="180104", birth_date=date(1977, 7, 7), sex="L", serial=9876)


@pytest.fixture
def intervention(village_a, agency):
    return InterventionFactory(village=village_a, program__lead_agency=agency)


@pytest.fixture
def villagers(village_a):
    household = HouseholdFactory(village=village_a)
    return [PersonFactory(household=household) for _ in range(3)]


def xlsx(rows: list[list], name: str = "daftar.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    content = io.BytesIO()
    workbook.save(content)
    return SimpleUploadedFile(name, content.getvalue())


def csv_file(lines: list[str], name: str = "daftar.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\r\n".join(lines) + "\r\n").encode())


def _upload(client, user, intervention, upload, **data):
    client.force_login(user)
    url = reverse("programs:recipient_upload", args=[intervention.pk])
    return client.post(url, {"file": upload, **data}, headers=HTMX)


def _rejected(response) -> dict[int, str]:
    return dict(response.context["upload"].rejected)


def test_it_adds_the_niks_of_an_xlsx_with_a_header(client, agency_staff, intervention, villagers):
    rows = [
        ["Daftar penerima bantuan"],
        [],
        ["No", "NIK", "Nama"],
        *([n, p.nik, p.name] for n, p in enumerate(villagers)),
    ]
    response = _upload(client, agency_staff, intervention, xlsx(rows), received_on="2026-04-01")
    result = response.context["upload"]
    assert (result.added, result.already, result.rejected) == (3, 0, [])
    assert {r.person for r in intervention.recipients.all()} == set(villagers)
    assert {r.received_on for r in intervention.recipients.all()} == {date(2026, 4, 1)}
    assert response.context["totals"].recipients == 3
    assert not SIXTEEN_DIGITS.search(response.content.decode())


def test_it_reads_a_csv_without_header_whose_first_column_is_the_nik(client, agency_staff, intervention, villagers):
    response = _upload(client, agency_staff, intervention, csv_file([p.nik for p in villagers]))
    assert response.context["upload"].added == 3


def test_it_reads_a_semicolon_csv_with_a_bom_header(client, agency_staff, intervention, villagers):
    lines = ["\ufeffNama;No. NIK", *(f"{p.name};{p.nik}" for p in villagers)]
    assert _upload(client, agency_staff, intervention, csv_file(lines)).context["upload"].added == 3


def test_it_counts_those_already_recipients(client, agency_staff, intervention, villagers):
    Recipient.objects.create(intervention=intervention, person=villagers[0], added_by=agency_staff)
    rows = [["NIK"], *([p.nik] for p in villagers)]
    result = _upload(client, agency_staff, intervention, xlsx(rows)).context["upload"]
    assert (result.added, result.already) == (2, 1)


def test_it_rejects_rows_with_the_import_messages_and_never_repeats_a_nik(
    client, agency_staff, intervention, villagers, village_b
):
    stranger = PersonFactory(household=HouseholdFactory(village=village_b))
    rows = [
        ["NIK"],
        [villagers[0].nik],  # row 2: fine
        [int(villagers[1].nik)],  # row 3: a number cell
        [villagers[2].nik[:15]],  # row 4: 15 digits
        [UNKNOWN_NIK],  # row 5: not in the registry
        [stranger.nik],  # row 6: another village
        [villagers[0].nik],  # row 7: twice in the file
        [""],  # an empty row is skipped
        ["1.80104E+15"],  # row 9: scientific notation
    ]
    response = _upload(client, agency_staff, intervention, xlsx(rows))
    rejected = _rejected(response)
    assert response.context["upload"].added == 1
    assert sorted(rejected) == [3, 4, 5, 6, 7, 9]
    assert rejected[3].startswith("NIK tersimpan sebagai angka")
    assert rejected[4] == "NIK harus 16 digit (terbaca 15 digit)."
    assert rejected[5] == rejected[6] == "Tidak ditemukan di desa intervensi ini."  # unknown, another village
    assert rejected[7] == "NIK sama dengan baris 2; dihitung sekali."
    assert "notasi ilmiah" in rejected[9]
    html = response.content.decode()
    assert "NIK tersimpan sebagai angka" in html and "Kelurahan Metro" not in html
    assert not SIXTEEN_DIGITS.search(html)


def test_it_rejects_a_nik_outside_the_scope_like_an_unknown_one(
    client, intervention, agency, village_a, district_b, villagers
):
    agency.level, agency.district = "district", district_b
    agency.save()
    staff = UserFactory(role="agency_staff", agency=agency)
    response = _upload(client, staff, intervention, xlsx([["NIK"], [villagers[0].nik]]))
    assert _rejected(response) == {2: "Tidak ditemukan di desa intervensi ini."}
    assert not intervention.recipients.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("daftar.pdf", b"%PDF-1.4"), "Jenis berkas tidak didukung"),
        (SimpleUploadedFile("daftar.xlsx", b"%PDF-1.4 renamed"), "Isi berkas bukan .xlsx"),
        (SimpleUploadedFile("daftar.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old excel"), "Berkas .xls rusak"),
        (SimpleUploadedFile("daftar.xlsx", b"PK\x03\x04broken"), "rusak"),
        # UP-09: bytes that neither UTF-8 nor Windows-1252 define are refused, never a crash.
        (SimpleUploadedFile("daftar.csv", b"NIK\n1801\x81\x8d\x8f\x90\x9d"), "Pengodean teks berkas tidak dikenali"),
    ],
)
def test_it_refuses_files_of_the_wrong_type(client, agency_staff, intervention, upload, message):
    response = _upload(client, agency_staff, intervention, upload)
    (note,) = [text for _, text in response.context["notes"]]
    assert note.startswith("Berkas tidak dapat dibaca:") and message in note
    assert not intervention.recipients.exists()


def test_it_refuses_a_file_without_a_nik_column(client, agency_staff, intervention, villagers):
    response = _upload(client, agency_staff, intervention, xlsx([["Nama", "Alamat"], ["Bagas", "Jl. Uji"]]))
    assert "Kolom NIK tidak ditemukan" in response.context["notes"][0][1]


def test_it_refuses_two_nik_columns(client, agency_staff, intervention, villagers):
    response = _upload(client, agency_staff, intervention, xlsx([["NIK", "No NIK"], [villagers[0].nik] * 2]))
    assert "Kolom NIK muncul lebih dari sekali" in response.context["notes"][0][1]
    assert not intervention.recipients.exists()


def test_it_refuses_a_file_over_the_size_limit(client, agency_staff, intervention, villagers, monkeypatch):
    monkeypatch.setattr(views, "MAX_LIST_MB", 0)
    response = _upload(client, agency_staff, intervention, csv_file([villagers[0].nik]))
    assert response.context["notes"] == [("danger", "Berkas terlalu besar (paling besar 0 MB).")]
    assert not intervention.recipients.exists()


def test_it_refuses_a_post_without_a_file(client, agency_staff, intervention):
    client.force_login(agency_staff)
    response = client.post(reverse("programs:recipient_upload", args=[intervention.pk]), headers=HTMX)
    assert response.context["notes"] == [("danger", "Bidang ini tidak boleh kosong.")]
