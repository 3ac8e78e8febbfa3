"""The import pages as an officer uses them: template, upload, progress, problems, import, cancel."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from beneficiaries.models import BatchStatus, ImportBatch, Person
from tests.bnba_files import family_rows, validate_file, write_xlsx


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _upload(client, path, name="bnba.xlsx"):
    data = {"desil_source": "dtsen", "desil_as_of": "2026-10-01", "file": SimpleUploadedFile(name, path.read_bytes())}
    return client.post(reverse("beneficiaries:batch_upload"), data)


@pytest.fixture
def bnba_file(tmp_path, village_a):
    rows = family_rows(village_a, families=2)
    rows[1][2] = "123"  # one bad NIK
    return write_xlsx(tmp_path / "bnba.xlsx", rows)


def test_the_template_has_text_identity_columns_a_rules_sheet_and_an_example(officer_a):
    response = _client(officer_a).get(reverse("beneficiaries:import_template"))
    assert response["Content-Disposition"] == 'attachment; filename="templat-bnba-desaku-maju.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    data = book["Data"]
    header = [cell.value for cell in data[1]]
    assert header[:5] == ["No KK", "NIK", "Nama", "Jenis Kelamin", "Hubungan Keluarga"]
    nik = data.cell(row=2, column=2)
    assert (nik.value, nik.data_type, nik.number_format) == ("1801044107900009", "s", "@")
    assert "Petunjuk" in book.sheetnames


def test_a_filled_template_validates_and_its_example_row_is_skipped(tmp_path, officer_a, village_a):
    response = _client(officer_a).get(reverse("beneficiaries:import_template"))
    book = load_workbook(io.BytesIO(response.content))
    example = [cell.value for cell in book["Data"][2]]
    filled = family_rows(village_a, families=1, members=1)[0]
    row = [*example]
    row[:6] = [filled[1], filled[2], filled[3], "L", "Kepala Keluarga", village_a.code]
    row[14] = filled[7]  # Tanggal Lahir, as the NIK says
    book["Data"].append(row)
    book.save(tmp_path / "templat.xlsx")
    batch = validate_file(officer_a, tmp_path / "templat.xlsx")
    assert batch.status == BatchStatus.READY
    assert batch.summary["valid_rows"] == 1
    assert list(batch.problems.values_list("row", "message")) == [(2, "Baris contoh dari templat dilewati.")]


def test_an_officer_uploads_reads_the_problems_and_imports_the_valid_rows(
    officer_a, bnba_file, django_capture_on_commit_callbacks
):
    client = _client(officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, bnba_file)
    batch = ImportBatch.objects.get()
    assert response["Location"] == batch.get_absolute_url()
    page = client.get(batch.get_absolute_url())
    assert batch.__class__.objects.get().status == BatchStatus.READY
    assert "Baris ditolak" in page.text and "harus 16 digit (terbaca 3 digit)" in page.text
    problems = load_workbook(
        io.BytesIO(client.get(reverse("beneficiaries:batch_problems_xlsx", args=[batch.pk])).content)
    )
    assert [cell.value for cell in problems["Masalah"][2]] == [
        "3",
        "NIK",
        "Kesalahan",
        "NIK harus 16 digit (terbaca 3 digit).",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("beneficiaries:batch_import", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.IMPORTED
    assert Person.objects.count() == 5
    assert "Selesai diimpor" in client.get(batch.get_absolute_url()).text


def test_the_progress_bar_polls_while_running_and_reloads_the_page_when_done(officer_a, bnba_file):
    client = _client(officer_a)
    _upload(client, bnba_file)  # no on_commit in this test: the batch stays uploaded
    batch = ImportBatch.objects.get()
    page = client.get(batch.get_absolute_url())
    assert 'hx-trigger="every 1s"' in page.text and "Menunggu giliran" in page.text
    ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.VALIDATING, progress=50, total_rows=200)
    partial = client.get(reverse("beneficiaries:batch_progress", args=[batch.pk]), headers={"HX-Request": "true"})
    assert "25%" in partial.text
    ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.READY)
    done = client.get(reverse("beneficiaries:batch_progress", args=[batch.pk]), headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"


def test_cancelling_leaves_the_registry_untouched(officer_a, bnba_file, django_capture_on_commit_callbacks):
    client = _client(officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, bnba_file)
    batch = ImportBatch.objects.get()
    client.post(reverse("beneficiaries:batch_cancel", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.CANCELLED
    assert client.post(reverse("beneficiaries:batch_import", args=[batch.pk])).status_code == 302
    assert not Person.objects.exists()


def test_a_bad_upload_shows_the_reason_on_the_form(officer_a):
    response = _client(officer_a).post(
        reverse("beneficiaries:batch_upload"),
        {"desil_source": "dtsen", "desil_as_of": "2026-10-01", "file": SimpleUploadedFile("x.exe", b"MZ")},
    )
    assert response.status_code == 200
    assert "Jenis berkas tidak didukung" in response.text
    assert not ImportBatch.objects.exists()


def test_another_districts_batch_is_not_found(officer_a, officer_b, bnba_file):
    batch = validate_file(officer_a, bnba_file)
    client = _client(officer_b)
    for name in ("batch_detail", "batch_progress", "batch_problems_xlsx"):
        assert client.get(reverse(f"beneficiaries:{name}", args=[batch.pk])).status_code == 404
    assert client.post(reverse("beneficiaries:batch_import", args=[batch.pk])).status_code == 404
    batch.refresh_from_db()
    assert batch.status == BatchStatus.READY
    assert batch not in client.get(reverse("beneficiaries:batch_list")).context["batches"]


@pytest.mark.parametrize("role", ["agency_staff", "viewer"])
def test_only_admins_and_district_officers_upload(request, role):
    client = _client(request.getfixturevalue(role))
    assert client.get(reverse("beneficiaries:batch_upload")).status_code == 403
    assert client.get(reverse("beneficiaries:batch_list")).status_code == 403
