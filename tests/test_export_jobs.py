"""Large exports are built by a worker (SECURITY-CHECKLIST EXP-03): the request answers at once with the
job's page, a second request returns the same job, the worker's file is scoped and escaped (EXP-01,
AC-02), only the requester downloads it (AC-08), and it is deleted once expired (PII-05).

With the test database's transaction never committed, the request's ``on_commit`` never queues the
task: the job waits as it would for a busy worker, and the test runs the task itself.
"""

import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from records.models import ExportJob, ExportRecord, ExportStatus, PurgeKind, PurgeRecord
from records.tasks import build_export_task, sweep_export_jobs
from tests.factories import HouseholdFactory, InterventionFactory, PersonFactory, UserFactory

PERSONS = reverse("beneficiaries:person_export")
PAYLOAD = '=HYPERLINK("http://x","klik")'


@pytest.fixture
def threshold(settings):
    settings.EXPORT_INLINE_MAX_ROWS = 3
    return settings


@pytest.fixture
def registry(village_a, village_b):
    """Six persons in district A (one named like a formula), one in district B."""
    for number in range(5):
        PersonFactory(household=HouseholdFactory(village=village_a, desil=1), name=f"Warga Hajimena {number}")
    PersonFactory(household=HouseholdFactory(village=village_a, desil=1), name=PAYLOAD)
    return PersonFactory(household=HouseholdFactory(village=village_b, desil=1), name="Warga Metro Rahasia")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _request(client, url=PERSONS, **params):
    return client.get(url, {"desil": "1", **params})


def test_a_list_above_the_threshold_answers_at_once_with_the_jobs_page(threshold, registry, officer_a):
    client = _client(officer_a)
    response = _request(client)
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.user, job.list_name, job.file_format, job.status) == (officer_a, "anggota", "xlsx", "queued")
    assert not job.file and not ExportRecord.objects.exists()  # nothing built inside the request
    page = client.get(job.get_absolute_url())
    assert page.status_code == 200
    assert "Dalam antrean" in page.text and 'role="progressbar"' in page.text


def test_a_second_request_while_it_runs_returns_the_same_job(threshold, registry, officer_a):
    client = _client(officer_a)
    first = _request(client)
    again = _request(client, format="csv")
    assert again["Location"] == first["Location"]
    assert ExportJob.objects.count() == 1
    assert "sedang disusun" in client.get(again["Location"]).text


def test_the_worker_builds_a_scoped_escaped_file_for_its_requester(threshold, registry, officer_a):
    client = _client(officer_a)
    job = ExportJob.objects.get(pk=_request(client).url.split("/")[-2])
    build_export_task.delay(job.pk)
    job.refresh_from_db()
    assert (job.status, job.rows_written, job.expected_rows) == ("ready", 6, 6)
    assert job.expires_at == job.finished_at + timedelta(hours=24)
    response = client.get(reverse("exports:job_download", args=[job.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="anggota-keluarga.xlsx"'
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = list(sheet.iter_rows())
    column = {cell.value: index for index, cell in enumerate(header)}
    assert {row[column["Kabupaten/Kota"]].value for row in rows} == {officer_a.district.name}
    assert "Warga Metro Rahasia" not in {row[column["Nama"]].value for row in rows}
    assert f"'{PAYLOAD}" in {row[column["Nama"]].value for row in rows}
    assert not [cell.coordinate for row in rows for cell in row if cell.data_type == "f"]
    assert {row[column["NIK"]].data_type for row in rows} == {"s"}
    record = ExportRecord.objects.get()
    assert (record.user, record.list_name, record.file_format, record.row_count) == (officer_a, "anggota", "xlsx", 6)
    assert record.query == "desil=1"


def test_nobody_else_opens_or_downloads_the_export(threshold, registry, officer_a, officer_b, admin_user):
    job = ExportJob.objects.get(pk=_request(_client(officer_a)).url.split("/")[-2])
    build_export_task.delay(job.pk)
    colleague = UserFactory(role="district_officer", district=officer_a.district)
    for user in (officer_b, admin_user, colleague):
        client = _client(user)
        for name in ("exports:job", "exports:job_progress", "exports:job_download"):
            assert client.get(reverse(name, args=[job.pk])).status_code == 404, (user, name)
    assert Client().get(reverse("exports:job_download", args=[job.pk])).status_code == 302  # to the login


def test_the_file_is_deleted_once_expired(threshold, registry, officer_a, time_machine, private_files):
    client = _client(officer_a)
    job = ExportJob.objects.get(pk=_request(client).url.split("/")[-2])
    build_export_task.delay(job.pk)
    job.refresh_from_db()
    stored = private_files / job.file.name
    assert stored.exists()
    time_machine.move_to(job.expires_at + timedelta(minutes=1))
    client.force_login(officer_a)  # the session of a day ago has ended
    download = reverse("exports:job_download", args=[job.pk])
    assert client.get(download).status_code == 404  # expired, even before the sweeper comes
    assert sweep_export_jobs.delay().get() == 1
    job.refresh_from_db()
    assert (job.status, job.file.name) == ("expired", "")
    assert not stored.exists()
    assert "Kedaluwarsa" in client.get(job.get_absolute_url()).text
    purge = PurgeRecord.objects.get(kind=PurgeKind.EXPORT)  # PII-05: each purge is recorded
    assert (purge.object_id, purge.count, purge.kept_for) == (job.pk, 1, "24 jam")


def test_a_task_delivered_twice_builds_once(threshold, registry, officer_a):
    job = ExportJob.objects.get(pk=_request(_client(officer_a)).url.split("/")[-2])
    build_export_task.delay(job.pk)
    job.refresh_from_db()
    built = job.file.name
    build_export_task.delay(job.pk)
    job.refresh_from_db()
    assert (job.status, job.file.name, job.attempts) == ("ready", built, 1)
    assert ExportRecord.objects.count() == 1


def test_the_progress_bar_is_polled_until_the_export_stops_running(threshold, registry, officer_a):
    client = _client(officer_a)
    job = ExportJob.objects.get(pk=_request(client).url.split("/")[-2])
    progress = reverse("exports:job_progress", args=[job.pk])
    ExportJob.objects.filter(pk=job.pk).update(status="building", expected_rows=4000, rows_written=1000)
    polled = client.get(progress, headers={"HX-Request": "true"})
    assert 'aria-valuenow="25"' in polled.text and "1000 dari 4000 baris" in polled.text
    ExportJob.objects.filter(pk=job.pk).update(status="queued")
    build_export_task.delay(job.pk)
    assert client.get(progress, headers={"HX-Request": "true"})["HX-Refresh"] == "true"


def test_a_deactivated_requester_gets_no_file(threshold, registry, officer_a):
    job = ExportJob.objects.get(pk=_request(_client(officer_a)).url.split("/")[-2])
    officer_a.is_active = False
    officer_a.save()
    build_export_task.delay(job.pk)
    job.refresh_from_db()
    assert (job.status, job.file.name) == ("failed", "")
    assert not ExportRecord.objects.exists()


def test_a_search_by_nik_is_exported_at_once_and_never_stored_for_a_worker(registry, officer_a, settings):
    settings.EXPORT_INLINE_MAX_ROWS = 0
    client = _client(officer_a)
    nik = registry.household.members.get().nik  # a NIK of district B: found nowhere in A, still a NIK
    listed = client.post(reverse("beneficiaries:household_list"), {"q": nik})
    response = client.get(reverse("beneficiaries:household_export"), {"cari": listed.url.split("cari=")[1]})
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert not ExportJob.objects.exists()


def _lists(world):
    """(url, who exports) of every list a worker may build."""
    return [
        (reverse("beneficiaries:household_export"), world["officer"]),
        (reverse("beneficiaries:person_export"), world["officer"]),
        (reverse("programs:intervention_export"), world["staff"]),
        (reverse("programs:priority_export"), world["officer"]),
        (reverse("complaints:queue_export"), world["officer"]),
    ]


@pytest.mark.parametrize("index", range(5))
def test_the_worker_writes_what_the_request_would_have_sent(
    index, registry, officer_a, agency_staff, village_a, settings
):
    """Every list's export, built by the worker, holds the rows the request writes for a small list."""
    from complaints.services import file_ticket

    InterventionFactory(village=village_a, program__lead_agency=agency_staff.agency, planned_date="2026-02-01")
    file_ticket(category="not_received", village=village_a, description="Bantuan tidak sampai.")
    url, user = _lists({"officer": officer_a, "staff": agency_staff})[index]
    client = _client(user)
    params = {"format": "csv", "tahun": "2026"}
    inline = client.get(url, params)
    assert inline.status_code == 200
    settings.EXPORT_INLINE_MAX_ROWS = 0
    job = ExportJob.objects.get(pk=client.get(url, params).url.split("/")[-2])
    build_export_task.delay(job.pk)
    downloaded = client.get(reverse("exports:job_download", args=[job.pk]))
    assert b"".join(downloaded.streaming_content) == b"".join(inline.streaming_content)
    assert ExportJob.objects.get().status == ExportStatus.READY


def test_an_export_asked_for_while_the_broker_is_down_says_it_waits(
    threshold, registry, officer_a, django_capture_on_commit_callbacks
):
    """IMP-05 for exports: the request answers at once, the job's page says it will start when the broker is back."""
    from desakumaju.lib.jobs import QUEUE_WAITING
    from tests.conftest import use_broker

    client = _client(officer_a)
    with use_broker("redis://127.0.0.1:1/0"), django_capture_on_commit_callbacks(execute=True):
        response = _request(client)
    job = ExportJob.objects.get(pk=response.url.split("/")[-2])
    assert (job.status, job.error) == (ExportStatus.QUEUED, QUEUE_WAITING)
    assert "begitu layanan pulih" in client.get(job.get_absolute_url()).text
