"""Personal data in the browser: a district officer reveals one NIK after giving a reason, and a Bappeda admin
finds that access (and the change of the member's data) through the data-subject search."""

import re

import pytest
from playwright.sync_api import expect

from records.models import AccessAction, AccessRecord
from tests.browser.conftest import login
from tests.factories import HouseholdFactory, PersonFactory

pytestmark = pytest.mark.browser
SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")


@pytest.fixture
def family(village_a):
    household = HouseholdFactory(village=village_a, address="Jl. Kebun 3")
    head = PersonFactory(household=household, relationship="kepala", name="Sumarni Wulandari", sex="P")
    PersonFactory(household=household, relationship="anak", name="Anak Sumarni")
    return household, head


def test_an_officer_reveals_a_nik_only_with_a_reason(page, live_server, officer_a, family):
    household, head = family
    login(page, live_server, officer_a.username)
    page.goto(f"{live_server.url}{household.get_absolute_url()}")
    expect(page.get_by_role("heading", name=re.compile("Keluarga"))).to_be_visible()
    assert not SIXTEEN_DIGITS.search(page.locator("main").inner_text())

    number = page.locator(f"#nomor-anggota-{head.pk}")
    expect(number.get_by_test_id("masked-number")).to_have_text(head.masked_nik)
    number.get_by_test_id("reveal-toggle").click()
    number.get_by_label("Alasan menampilkan nomor lengkap").select_option(label="Lainnya")
    number.get_by_role("button", name="Tampilkan nomor lengkap").click()
    # "Lainnya" needs words: refused, the form comes back with its message and no number.
    expect(number.get_by_text("Jelaskan alasannya bila memilih Lainnya.")).to_be_visible()
    assert head.nik not in page.content()
    assert not AccessRecord.objects.filter(action=AccessAction.REVEAL).exists()

    number.get_by_label("Keterangan").fill("Cek lapangan bersama kepala desa")
    number.get_by_role("button", name="Tampilkan nomor lengkap").click()
    expect(number.get_by_test_id("revealed-number")).to_have_text(head.nik)
    expect(number).to_contain_text("ditampilkan · Lainnya")
    assert SIXTEEN_DIGITS.findall(page.locator("main").inner_text()) == [head.nik], "that number only"
    record = AccessRecord.objects.get(action=AccessAction.REVEAL)
    expected = (officer_a, head.pk, "lainnya", "Cek lapangan bersama kepala desa")
    assert (record.user, record.person_id, record.purpose, record.reason) == expected


def test_a_bappeda_admin_finds_who_saw_and_changed_a_persons_data(page, live_server, officer_a, admin_user, family):
    household, head = family
    AccessRecord.objects.create(user=officer_a, role=officer_a.role, action=AccessAction.VIEW_HOUSEHOLD,
                                household_id=household.pk, subject_count=2, address="198.51.100.7")  # fmt: skip
    head.occupation = "Petani kopi"
    head.save()

    login(page, live_server, admin_user.username)
    page.get_by_test_id("main-nav").get_by_role("link", name="Subjek data").click()
    expect(page.get_by_role("heading", name="Penelusuran subjek data")).to_be_visible()
    page.get_by_label("NIK atau No. KK").fill(head.nik)
    page.get_by_label("Dasar permintaan").fill("Surat permohonan 12/PDP/2026")
    page.get_by_role("button", name="Telusuri").click()

    result = page.locator("#subject-result")
    expect(result.get_by_role("heading", name=re.compile("Hasil untuk"))).to_contain_text(head.masked_nik)
    expect(page.get_by_test_id("subject-summary")).to_contain_text("1 orang dan 1 keluarga")
    accesses = page.locator("#subject-accesses")
    expect(accesses).to_contain_text(officer_a.username)
    expect(accesses).to_contain_text("Membuka halaman keluarga")
    expect(accesses).to_contain_text("198.51.100.7")
    expect(page.locator("#change-history")).to_contain_text("Petani kopi")
    assert head.nik not in page.content(), "the number searched is never shown again"
    assert AccessRecord.objects.filter(action=AccessAction.SUBJECT_SEARCH, user=admin_user).count() == 1
