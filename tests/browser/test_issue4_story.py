"""Issue 4 end to end, as its users work: Bappeda assigns jagung support to the locus villages of a
kabupaten; the agency accepts one, creates the intervention, picks recipients three ways (search by name
and NIK, the unreached desil-1 households, a NIK list file) and runs it through its workflow; Bappeda
verifies it and sees the locus-village table and the convergence flags change; a household's graduation
moves the province counter."""

import re
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import Workbook
from playwright.sync_api import expect

from beneficiaries.models import Graduation, HouseholdStatus
from programs.models import Assignment, AssignmentStatus, Intervention, InterventionStatus, ProgramKind
from tests.browser.conftest import login
from tests.factories import HouseholdFactory, PersonFactory, ProgramFactory, VillageFactory, VillageYearFactory

pytestmark = pytest.mark.browser

YEAR = timezone.localdate().year
PDF = b"%PDF-1.7\n%surat keterangan usaha uji\n"


@pytest.fixture
def locus(village_a):
    """Hajimena and two more locus villages of Lampung Selatan this year, and one that is not locus."""
    others = VillageFactory.create_batch(3, subdistrict=village_a.subdistrict)
    for village in (village_a, *others[:2]):
        VillageYearFactory(village=village, year=YEAR, is_locus=True)
    return [village_a, *others[:2]]


@pytest.fixture
def villagers(village_a, village_b):
    """Hajimena's people: two desil-1 families of eight nobody reached yet, and seven others."""
    desil1 = []
    for _ in range(2):
        household = HouseholdFactory(village=village_a, desil=1)
        PersonFactory(household=household, relationship="kepala")
        PersonFactory.create_batch(7, household=household)
        desil1.append(household)
    by_name = PersonFactory(household=HouseholdFactory(village=village_a, desil=2), name="Kartinah Sidomulyo")
    by_nik = PersonFactory(household=HouseholdFactory(village=village_a, desil=3))
    listed = [PersonFactory(household=HouseholdFactory(village=village_a, desil=2)) for _ in range(3)]
    elsewhere = PersonFactory(household=HouseholdFactory(village=village_b, desil=1))
    return {"desil1": desil1, "by_name": by_name, "by_nik": by_nik, "listed": listed, "elsewhere": elsewhere}


def _nik_list(path, persons):
    workbook = Workbook()
    workbook.active.append(["No", "NIK"])
    for number, person in enumerate(persons, 1):
        workbook.active.append([number, person.nik])  # text cells, as a column formatted as Teks
    workbook.save(path)
    return path


def _switch_user(page, live_server, username):
    page.wait_for_load_state("load")
    page.context.clear_cookies()
    login(page, live_server, username)


def test_issue_4_from_assignment_to_graduation(
    page, live_server, admin_user, agency_staff, agency, locus, villagers, village_a, tmp_path
):
    kind, _ = ProgramKind.objects.get_or_create(
        code="uji-hilirisasi-jagung", defaults={"name": "Hilirisasi jagung (uji)", "cluster": 3}
    )
    program = ProgramFactory(lead_agency=agency, fiscal_year=YEAR, name="Hilirisasi Jagung Desaku Maju", kind=kind)

    # Bappeda looks at the targeting views first: Hajimena is below the floor, two desil-1 families wait.
    login(page, live_server, admin_user.username)
    page.get_by_test_id("main-nav").get_by_role("link", name="Sasaran").click()
    hajimena = page.locator("#locus-table tbody tr", has_text="Hajimena")
    expect(hajimena).to_contain_text("Kurang 20 dari 20")
    expect(page.get_by_test_id("below-floor-count")).to_contain_text("3 desa lokus di bawah batas 20")
    page.get_by_role("link", name="Konvergensi").click()
    expect(page.get_by_test_id("flag-neglected")).to_have_text("2")

    # Bappeda assigns the program to every locus village of the kabupaten, due in semester 2.
    page.get_by_test_id("main-nav").get_by_role("link", name="Penugasan").click()
    page.get_by_role("link", name="Penugasan baru").click()
    page.get_by_label("Program").select_option(str(program.pk))
    page.get_by_label("Perangkat daerah").select_option(str(agency.pk))
    page.get_by_label("Target penerima per desa").fill("20")
    page.get_by_label("Semester tenggat").select_option("2")
    page.get_by_label("Uraian penugasan").fill("Benih dan pengeringan jagung untuk 20 warga miskin per desa")
    page.get_by_label("Kabupaten/Kota").select_option(label="Kabupaten Lampung Selatan")
    page.get_by_role("button", name=f"Pilih semua desa lokus {YEAR} di Kabupaten Lampung Selatan").click()
    expect(page.get_by_test_id("selected-count")).to_have_text("3 desa dipilih")
    page.get_by_role("button", name="Tugaskan").click()
    expect(page.get_by_role("alert").first).to_contain_text("3 penugasan dibuat.")
    assert set(Assignment.objects.values_list("village", flat=True)) == {village.pk for village in locus}

    # The agency's work queue: three new assignments; staff accept Hajimena's and create its intervention.
    _switch_user(page, live_server, agency_staff.username)
    page.get_by_test_id("main-nav").get_by_role("link", name="Penugasan").click()
    expect(page.locator("#assignment-table tbody tr")).to_have_count(3)
    expect(page.get_by_test_id("stage-tabs")).to_contain_text(re.compile(r"Baru\s*3"))
    assignment = Assignment.objects.get(village=village_a)
    row = page.get_by_test_id(f"assignment-{assignment.pk}")
    row.get_by_role("button", name="Terima").click()
    expect(page.get_by_role("alert").first).to_contain_text("Penugasan diterima")
    page.get_by_test_id(f"assignment-{assignment.pk}").get_by_role("button", name="Buat intervensi").click()
    expect(page.get_by_role("alert").first).to_contain_text("Intervensi dibuat dari penugasan")
    intervention = Intervention.objects.get()
    expect(page).to_have_url(re.compile(re.escape(intervention.get_absolute_url()) + "$"))

    # Staff fill in the budget; spending above the plan needs a note (refused with a clear message first).
    page.get_by_role("link", name="Ubah", exact=True).click()
    page.locator("#id_planned_budget").fill("20000000")
    page.locator("#id_realised_spending").fill("21000000")
    page.locator("#id_actual_date").fill(f"{YEAR}-08-15")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Realisasi melebihi anggaran rencana: tuliskan penjelasannya.")).to_be_visible()
    page.locator("#id_overspend_note").fill("Harga benih naik pada musim tanam")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("alert").first).to_contain_text("disimpan")
    expect(page.get_by_test_id("planned-budget")).to_have_text("Rp 20.000.000")

    # Recipients, three ways.
    page.get_by_role("link", name="Kelola penerima").click()
    expect(page.get_by_test_id("total-recipients")).to_have_text("0")
    expect(page.get_by_test_id("unreached-count").first).to_have_text("2")
    page.get_by_label("Tanggal diterima").fill(f"{YEAR}-08-15")
    search = page.get_by_label("NIK, No. KK (16 digit) atau nama")
    results = page.get_by_test_id("search-results")
    search.fill("kartinah")
    page.get_by_role("button", name="Cari").click()
    expect(results).to_contain_text("Kartinah Sidomulyo")
    results.get_by_role("button", name="Tambahkan", exact=True).click()
    expect(page.get_by_test_id("recipient-note")).to_have_text("1 penerima ditambahkan.")
    search.fill(villagers["by_nik"].nik)
    page.get_by_role("button", name="Cari").click()
    expect(results).to_contain_text(villagers["by_nik"].masked_nik)
    results.get_by_role("button", name="Tambahkan", exact=True).click()
    expect(page.get_by_test_id("total-recipients")).to_have_text("2")

    page.get_by_test_id("add-desil1").click()
    expect(page.get_by_test_id("recipient-note")).to_have_text("2 keluarga desil 1 ditambahkan.")
    expect(page.get_by_test_id("unreached-count")).to_have_text("0")

    nik_file = _nik_list(tmp_path / "daftar-nik.xlsx", [*villagers["listed"], villagers["elsewhere"]])
    page.get_by_label("Berkas .xlsx atau .csv").set_input_files(nik_file)
    page.get_by_role("button", name="Unggah").click()
    expect(page.get_by_test_id("upload-added")).to_have_text("3 ditambahkan")
    expect(page.get_by_test_id("upload-rejected")).to_have_text("1 baris ditolak")
    expect(page.get_by_test_id("upload-rejections")).to_contain_text("Tidak ditemukan di desa intervensi ini.")
    expect(page.get_by_test_id("upload-rejections")).not_to_contain_text(villagers["elsewhere"].nik)
    expect(page.get_by_test_id("total-recipients")).to_have_text("7")
    expect(page.get_by_test_id("total-split")).to_have_text("5 · 2")
    expect(page.get_by_test_id("budget-per-recipient")).to_have_text("Rp 2.857.143")

    # The workflow: in progress, completed; staff cannot verify.
    page.get_by_role("link", name=re.compile("Hilirisasi Jagung Desaku Maju di")).click()
    expect(page.get_by_test_id("recipient-count")).to_have_text("7")
    page.get_by_role("button", name="Jadikan Sedang berjalan").click()
    expect(page.get_by_test_id("status")).to_have_text("Sedang berjalan")
    page.get_by_role("button", name="Jadikan Selesai").click()
    expect(page.get_by_test_id("status")).to_have_text("Selesai")
    expect(page.get_by_role("button", name=re.compile("Terverifikasi"))).to_have_count(0)

    # The queue shows the assignment done; staff record it.
    page.get_by_test_id("main-nav").get_by_role("link", name="Penugasan").click()
    row = page.get_by_test_id(f"assignment-{assignment.pk}")
    expect(row.get_by_test_id("stage")).to_have_text("Selesai")
    row.get_by_role("button", name="Tandai selesai").click()
    expect(page.get_by_role("alert").first).to_contain_text("Penugasan ditandai selesai")
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DONE

    # Bappeda verifies, then sees Hajimena meet the floor and the neglected desil-1 families gone.
    _switch_user(page, live_server, admin_user.username)
    page.goto(f"{live_server.url}{intervention.get_absolute_url()}")
    page.get_by_role("button", name="Jadikan Terverifikasi Bappeda").click()
    expect(page.get_by_test_id("status")).to_have_text("Terverifikasi Bappeda")
    expect(page.locator("#status-history tbody tr")).to_have_count(4)  # planned, in progress, completed, verified
    intervention.refresh_from_db()
    assert intervention.status == InterventionStatus.VERIFIED

    page.get_by_test_id("main-nav").get_by_role("link", name="Sasaran").click()
    hajimena = page.locator("#locus-table tbody tr", has_text="Hajimena")
    expect(hajimena).to_contain_text("21")  # 2 found + 16 in the desil-1 families + 3 listed
    expect(hajimena).to_contain_text("Memenuhi batas")
    expect(page.get_by_test_id("below-floor-count")).to_contain_text("2 desa lokus di bawah batas 20")
    page.get_by_role("link", name="Konvergensi").click()
    expect(page.get_by_test_id("flag-neglected")).to_have_text("0")
    family = villagers["desil1"][0]
    row = page.locator("#convergence-table tbody tr", has_text=family.masked_no_kk)
    expect(row).to_contain_text("3")  # cluster 3 received

    # The household page lists what it received; Bappeda marks it graduated with evidence.
    page.get_by_test_id("main-nav").get_by_role("link", name="Sasaran").click()
    page.get_by_role("link", name="Graduasi").click()
    expect(page.get_by_test_id("graduation-total")).to_contain_text("0 dari target 10.000 orang")
    page.goto(f"{live_server.url}{family.get_absolute_url()}")
    expect(page.get_by_test_id("household-interventions")).to_contain_text("Hilirisasi Jagung Desaku Maju")
    page.get_by_test_id("household-interventions").get_by_role("link", name="Hilirisasi Jagung Desaku Maju").click()
    expect(page).to_have_url(re.compile(re.escape(intervention.get_absolute_url()) + "$"))
    page.go_back()
    page.get_by_test_id("graduate-link").click()
    page.get_by_label("Tanggal graduasi").fill(f"{YEAR}-10-01")
    page.get_by_label("Alasan").fill("Usaha pengeringan jagung mandiri")
    evidence = tmp_path / "surat-keterangan.pdf"
    evidence.write_bytes(PDF)
    page.get_by_label("Bukti").set_input_files(evidence)
    page.get_by_role("button", name="Tetapkan graduasi").click()
    expect(page.get_by_role("alert").first).to_contain_text("Keluarga ditetapkan keluar dari kemiskinan")
    expect(page.get_by_test_id("status")).to_contain_text("Keluar dari kemiskinan")
    family.refresh_from_db()
    assert family.status == HouseholdStatus.GRADUATED
    graduation = Graduation.objects.get(household=family)

    with page.expect_download() as download_info:
        page.get_by_test_id("graduation-evidence").click()
    download = download_info.value
    assert download.suggested_filename == "surat-keterangan.pdf"
    assert Path(download.path()).read_bytes() == PDF

    page.get_by_test_id("main-nav").get_by_role("link", name="Sasaran").click()
    page.get_by_role("link", name="Graduasi").click()
    expect(page.get_by_test_id("graduation-total")).to_contain_text("8 dari target 10.000 orang")
    expect(page.locator("#graduation-by-district")).to_contain_text(re.compile(r"Kabupaten Lampung Selatan\s*8"))
    expect(page.get_by_test_id(f"graduation-{graduation.pk}")).to_contain_text("Usaha pengeringan jagung mandiri")
