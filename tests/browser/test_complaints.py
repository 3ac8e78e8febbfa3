"""Public complaints end to end: a correction request filed from a phone, worked and approved by staff."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from tests.browser.conftest import REPORT_CSP_VIOLATIONS, TIMEOUT_MS, PageProblems, login
from tests.factories import HouseholdFactory, PersonFactory, SubdistrictFactory, VillageFactory

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def empty_rate_limits():
    cache.clear()


@pytest.fixture
def phone(browser, live_server):
    """A phone-sized page of a member of the public (no login), watched for CSP and script errors."""
    problems = PageProblems()
    context = browser.new_context(
        base_url=live_server.url, locale="id-ID", timezone_id="Asia/Jakarta", viewport=PHONE,
        is_mobile=True, has_touch=True, device_scale_factor=2,
    )  # fmt: skip
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    page = context.new_page()
    page.on("console", problems.on_console)
    page.on("pageerror", problems.on_page_error)
    page.on("response", problems.on_response)
    yield page
    context.close()
    if report := problems.report():
        pytest.fail(f"The phone page reported problems:\n{report}", pytrace=False)


@pytest.fixture
def family(village_a):
    # A second kecamatan in the district, to see the cascade change its villages.
    other = SubdistrictFactory(district=village_a.district, code="18.01.05", name="Jati Agung")
    VillageFactory(subdistrict=other, code="18.01.05.2001", name="Karang Anyar")
    household = HouseholdFactory(village=village_a, address="Jl. Lama 1")
    return PersonFactory(household=household, relationship="kepala", name="Wiryo Pranajaya", sex="L")


def _file_correction(phone, head) -> str:
    phone.goto("/akun/masuk/")
    phone.get_by_test_id("public-complaint-link").click()
    expect(phone.get_by_role("heading", name="Pengaduan dan permohonan perbaikan data")).to_be_visible()
    phone.get_by_label("Jenis pengaduan").select_option(label="Perbaikan data diri saya")
    phone.get_by_label("Kabupaten/Kota").select_option(label="Kabupaten Lampung Selatan")
    kecamatan = phone.get_by_label("Kecamatan")
    expect(kecamatan.locator("option")).to_have_text(["— pilih —", "Natar", "Jati Agung"])
    kecamatan.select_option(label="Jati Agung")
    expect(phone.get_by_label("Desa/Kelurahan").locator("option")).to_have_text(["— pilih —", "Karang Anyar"])
    kecamatan.select_option(label="Natar")
    expect(phone.get_by_label("Desa/Kelurahan").locator("option")).to_have_text(["— pilih —", "Hajimena"])
    phone.get_by_label("Desa/Kelurahan").select_option(label="Hajimena")
    phone.get_by_label("Uraian").fill("Nama saya tertulis Wiryo Pranajaya, seharusnya Wiryo Pranajaya Putra.")
    phone.get_by_label("NIK (opsional)").fill(head.nik)
    phone.get_by_label("No. HP atau e-mail (opsional)").fill("0812 3456 7890")
    # The form fits the phone: no sideways scrolling.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.get_by_role("button", name="Kirim pengaduan").click()

    expect(phone).to_have_url(re.compile(r"/pengaduan/status/\?kode=ADU-"))
    expect(phone.get_by_test_id("ticket-status")).to_have_text("Diterima")
    expect(phone.get_by_text(head.nik)).to_have_count(0)
    return phone.get_by_test_id("ticket-code").inner_text()


def test_a_correction_request_from_a_phone_is_worked_approved_and_shown_resolved(
    phone, page, live_server, family, officer_a, admin_user
):
    code = _file_correction(phone, family)

    # A district officer picks it up and proposes the change.
    login(page, live_server, officer_a.username)
    page.get_by_test_id("main-nav").get_by_role("link", name="Pengaduan").click()
    expect(page.get_by_test_id("result-count")).to_have_text("1 pengaduan")
    page.get_by_role("link", name=code).click()
    page.get_by_label("Petugas").select_option(label=officer_a.get_full_name())
    page.get_by_role("button", name="Tugaskan").click()
    expect(page.get_by_test_id("assignee")).to_have_text(officer_a.get_full_name())
    page.get_by_role("link", name="Usulkan perbaikan data").click()
    expect(page.locator("#targets .active")).to_contain_text("Wiryo Pranajaya")
    page.locator("#id_name").fill("Wiryo Pranajaya Putra")
    page.get_by_role("button", name="Ajukan usulan").click()
    expect(page.get_by_test_id("status")).to_have_text("Sedang ditinjau")
    expect(page.get_by_test_id("proposal-status")).to_have_text("Menunggu persetujuan")
    expect(page.get_by_test_id("proposal").get_by_text("Menunggu persetujuan pengguna lain.")).to_be_visible()
    expect(page.get_by_role("button", name="Setujui dan terapkan")).to_have_count(0)
    ticket_url = page.url

    # A Bappeda admin approves it; the record changes and its history names the ticket.
    page.context.clear_cookies()
    login(page, live_server, admin_user.username)
    page.goto(ticket_url)
    expect(page.get_by_test_id("proposal-changes")).to_have_text("Nama: Wiryo Pranajaya → Wiryo Pranajaya Putra")
    page.get_by_role("button", name="Setujui dan terapkan").click()
    expect(page.get_by_test_id("status")).to_have_text("Selesai")
    page.goto(family.household.get_absolute_url())
    expect(page.locator("#record-changes")).to_contain_text("Wiryo Pranajaya Putra")
    expect(page.get_by_test_id("change-ticket")).to_have_text(code)
    family.refresh_from_db()
    assert family.name == "Wiryo Pranajaya Putra"

    # The member of the public sees it resolved.
    phone.reload()
    expect(phone.get_by_test_id("ticket-status")).to_have_text("Selesai")
    expect(phone.locator("#public-replies")).to_contain_text("telah disetujui dan diterapkan")
    expect(phone.get_by_text("Wiryo")).to_have_count(0)


def test_the_status_page_is_checked_by_code_from_a_phone(phone, family):
    code = _file_correction(phone, family)
    phone.goto("/pengaduan/status/")
    phone.get_by_label("Kode tiket").fill(code.lower())
    phone.get_by_role("button", name="Cek status").click()
    expect(phone.get_by_test_id("ticket-code")).to_have_text(code)
    expect(phone.locator("#ticket-steps li")).to_have_count(3)


def test_past_the_limit_a_resident_files_by_typing_the_captcha(phone, family, settings):
    """A village hall files for several residents from one connection: past the limit the form asks for the
    letters of an image, a wrong answer keeps what was typed, the right one files the complaint."""
    from captcha.models import CaptchaStore

    settings.COMPLAINT_LIMIT_PER_IP = 1
    _file_correction(phone, family)

    phone.goto("/pengaduan/")
    expect(phone.locator("#captcha-notice")).to_contain_text("ketik huruf pada gambar")
    image = phone.locator("img.captcha")
    expect(image).to_be_visible()
    assert phone.evaluate("document.querySelector('img.captcha').naturalWidth") > 0  # served to the public
    phone.get_by_label("Jenis pengaduan").select_option(label="Bantuan program tidak diterima")
    phone.get_by_label("Kabupaten/Kota").select_option(label="Kabupaten Lampung Selatan")
    phone.get_by_label("Kecamatan").select_option(label="Natar")
    phone.get_by_label("Desa/Kelurahan").select_option(label="Hajimena")
    phone.get_by_label("Uraian").fill("Bantuan sembako keluarga kami tidak datang sejak Juli.")
    phone.get_by_label("Kode pada gambar").fill("salah")
    phone.get_by_role("button", name="Kirim pengaduan").click()

    expect(phone.get_by_text("tidak sesuai dengan gambar")).to_be_visible()
    expect(phone.get_by_label("Uraian")).to_have_value("Bantuan sembako keluarga kami tidak datang sejak Juli.")
    # The person reads the new image; the test reads what it says from the store.
    key = phone.locator("input[name=captcha_0]").get_attribute("value")
    phone.get_by_label("Kode pada gambar").fill(CaptchaStore.objects.get(hashkey=key).response)
    phone.get_by_role("button", name="Kirim pengaduan").click()

    expect(phone).to_have_url(re.compile(r"/pengaduan/status/\?kode=ADU-"))
    expect(phone.get_by_test_id("ticket-status")).to_have_text("Diterima")
