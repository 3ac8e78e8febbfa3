"""A large export in the browser, built by a real Celery worker (SECURITY-CHECKLIST EXP-03): a district
officer asks for the member list, lands at once on the export's page with its progress bar, watches the
worker finish it and downloads the file, which holds their district only and no formula."""

import uuid
from contextlib import contextmanager

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from desakumaju.celery import app
from records.models import ExportJob
from tests.browser.conftest import login
from tests.conftest import needs_services, running_worker
from tests.factories import HouseholdFactory, PersonFactory

pytestmark = [pytest.mark.browser, needs_services]
PAYLOAD = "=1+1"


@contextmanager
def tasks_wait_in(queue: str):
    """Tasks sent meanwhile wait in ``queue`` on the real broker, as for a busy worker."""
    saved = app.conf.task_always_eager, app.conf.task_default_queue
    app.conf.task_always_eager, app.conf.task_default_queue = False, queue
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = saved


def test_an_officer_watches_a_large_export_being_built_and_downloads_it(
    page, live_server, tmp_path, settings, officer_a, village_a, village_b
):
    settings.EXPORT_INLINE_MAX_ROWS = 3
    for number in range(5):
        PersonFactory(household=HouseholdFactory(village=village_a), name=f"Warga Hajimena {number}")
    PersonFactory(household=HouseholdFactory(village=village_a), name=PAYLOAD)
    PersonFactory(household=HouseholdFactory(village=village_b), name="Warga Metro Rahasia")
    queue = f"test-{uuid.uuid4().hex[:8]}"

    login(page, live_server, officer_a.username)
    page.goto(f"{live_server.url}/bnba/keluarga/")
    with tasks_wait_in(queue):
        page.get_by_role("link", name="Unduh anggota .xlsx").click()
        expect(page.get_by_role("heading", name="Ekspor anggota-keluarga.xlsx")).to_be_visible()
        expect(page.get_by_test_id("export-status")).to_have_text("Dalam antrean")
        expect(page.get_by_role("progressbar")).to_contain_text("0%")
        with running_worker(queue=queue):
            expect(page.get_by_test_id("export-status")).to_have_text("Siap diunduh", timeout=60_000)
    expect(page.get_by_text("6 baris, selesai disusun")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_test_id("export-download").click()
    assert download.value.suggested_filename == "anggota-keluarga.xlsx"
    path = tmp_path / "anggota.xlsx"
    download.value.save_as(path)
    header, *rows = list(load_workbook(path).active.iter_rows())
    column = {cell.value: index for index, cell in enumerate(header)}
    assert len(rows) == 6
    assert {row[column["Kabupaten/Kota"]].value for row in rows} == {village_a.district.name}
    assert f"'{PAYLOAD}" in {row[column["Nama"]].value for row in rows}
    assert not [cell.coordinate for row in rows for cell in row if cell.data_type == "f"]
    assert ExportJob.objects.get().user == officer_a
