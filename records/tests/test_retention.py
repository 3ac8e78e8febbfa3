"""Nothing personal outlives its retention (SECURITY-CHECKLIST PII-05): the beat purge removes expired uploads,
problem lists, report files and temporary files and keeps the rest; staged rows go as soon as their batch
ends, whatever happened to the worker; every purge is recorded; the batch page says when its file went."""

import os
import time
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from beneficiaries.models import BatchStatus, ImportBatch, ImportProblem, StagedRow
from beneficiaries.tasks import sweep_stale_batches
from records.models import PurgeKind, PurgeRecord
from records.tasks import purge_expired_data
from reporting.reports_models import Report
from tests.bnba_files import family_rows, import_batch, validate_file, write_xlsx

pytestmark = pytest.mark.django_db
DAY = 24 * 3600


@pytest.fixture
def bnba(tmp_path, village_a):
    return write_xlsx(tmp_path / "bnba.xlsx", family_rows(village_a, families=2))


def _purges(kind):
    return PurgeRecord.objects.filter(kind=kind)


def test_staged_rows_stay_while_the_batch_waits_and_go_when_it_ends_however_it_ended(officer_a, bnba):
    ready = validate_file(officer_a, bnba)
    assert ready.status == BatchStatus.READY and StagedRow.objects.filter(batch=ready).count() == 6
    sweep_stale_batches()
    assert StagedRow.objects.filter(batch=ready).count() == 6, "a batch waiting for confirmation keeps its rows"
    # A worker that died between the import's commit and its clean-up leaves an imported batch with rows.
    ImportBatch.objects.filter(pk=ready.pk).update(status=BatchStatus.IMPORTED)
    sweep_stale_batches()
    assert not StagedRow.objects.filter(batch=ready).exists()
    record = _purges(PurgeKind.STAGED).get()
    assert (record.object_type, record.object_id, record.count) == ("beneficiaries.importbatch", ready.pk, 6)


def test_an_upload_is_removed_after_its_retention_and_the_batch_page_says_when(
    settings, time_machine, officer_a, bnba, private_files
):
    time_machine.move_to(timezone.now(), tick=False)
    batch = import_batch(validate_file(officer_a, bnba), officer_a)
    stored = private_files / batch.file.name
    assert stored.exists()
    time_machine.shift((settings.RETENTION_UPLOAD_DAYS - 1) * DAY)
    purge_expired_data()
    assert stored.exists() and not _purges(PurgeKind.UPLOAD).exists(), "not yet expired"

    time_machine.shift(2 * DAY)
    purge_expired_data()
    batch.refresh_from_db()
    assert not stored.exists() and batch.file.name == ""
    record = _purges(PurgeKind.UPLOAD).get()
    assert (record.object_id, record.size) == (batch.pk, bnba.stat().st_size)
    client = Client()
    client.force_login(officer_a)
    page = client.get(batch.get_absolute_url()).text
    assert "Berkas unggahan dihapus pada" in page and f"{settings.RETENTION_UPLOAD_DAYS} hari" in page
    purge_expired_data()
    assert _purges(PurgeKind.UPLOAD).count() == 1, "a purge runs once"


def test_a_batch_nobody_confirmed_is_cancelled_and_purged_once_expired(settings, time_machine, officer_a, bnba):
    time_machine.move_to(timezone.now(), tick=False)
    waiting = validate_file(officer_a, bnba)
    time_machine.shift((settings.RETENTION_UPLOAD_DAYS + 1) * DAY)
    purge_expired_data()
    waiting.refresh_from_db()
    assert waiting.status == BatchStatus.CANCELLED and "Kedaluwarsa" in waiting.message
    assert not StagedRow.objects.filter(batch=waiting).exists() and waiting.file.name == ""


def test_a_problems_list_is_removed_after_its_retention_and_a_newer_one_kept(
    settings, time_machine, officer_a, tmp_path, village_a
):
    settings.RETENTION_PROBLEMS_DAYS = 10
    time_machine.move_to(timezone.now(), tick=False)
    rows = family_rows(village_a, families=1)
    rows[0][2] = "123"  # an invalid NIK: a problem
    old = validate_file(officer_a, write_xlsx(tmp_path / "old.xlsx", rows))
    assert old.status == BatchStatus.INVALID and old.problems.exists()
    time_machine.shift(8 * DAY)
    rows[0][3] = "Lain"
    recent = validate_file(officer_a, write_xlsx(tmp_path / "new.xlsx", rows))
    time_machine.shift(3 * DAY)
    purge_expired_data()
    assert not ImportProblem.objects.filter(batch=old).exists()
    assert ImportProblem.objects.filter(batch=recent).exists()
    assert list(_purges(PurgeKind.PROBLEMS).values_list("object_id", flat=True)) == [old.pk]


def test_report_files_are_removed_after_their_retention(settings, time_machine, officer_a, village_a, private_files):
    settings.RETENTION_REPORT_DAYS = 365
    time_machine.move_to(timezone.now(), tick=False)
    report = Report.objects.create(
        kind="annual", year=2025, district=village_a.district, scope_code=village_a.district.code,
        requested_by=officer_a, status="ready", finished_at=timezone.now(),
        xlsx_file=ContentFile(b"PK laporan", name="laporan.xlsx"),
        pdf_file=ContentFile(b"%PDF-1.4", name="laporan.pdf"),
    )  # fmt: skip
    files = [private_files / report.xlsx_file.name, private_files / report.pdf_file.name]
    time_machine.shift(366 * DAY)
    purge_expired_data()
    report.refresh_from_db()
    assert not any(path.exists() for path in files) and not report.xlsx_file and not report.pdf_file
    assert _purges(PurgeKind.REPORT).get().object_id == report.pk


def test_old_temporary_files_go_and_fresh_ones_stay(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    old, fresh = tmp_path / "old.upload", tmp_path / "fresh.upload"
    old.write_bytes(b"x" * 10)
    fresh.write_bytes(b"y")
    stale = time.time() - (settings.RETENTION_TEMP_HOURS + 1) * 3600
    os.utime(old, (stale, stale))
    purge_expired_data()
    assert not old.exists() and fresh.exists()
    assert _purges(PurgeKind.TEMPORARY).get().size == 10


def test_the_purges_run_on_a_schedule(settings):
    tasks = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks["records.tasks.purge_expired_data"] <= 3600
    assert tasks["beneficiaries.tasks.sweep_stale_batches"] <= 600, "staged rows go within minutes"
    assert timedelta(seconds=tasks["records.tasks.check_breach_signals"]) <= timedelta(minutes=15)
