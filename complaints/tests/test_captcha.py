"""Past a rate limit the public form asks for a CAPTCHA: people go on filing, scripts do not (PUB-01)."""

import re

import pytest
from captcha.models import CaptchaStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from complaints.models import Attachment, Ticket
from complaints.tasks import remove_expired_captchas

from .conftest import FILE_URL, complaint_data, file_complaint

pytestmark = pytest.mark.django_db
IP = "198.51.100.20"
HASHKEY = re.compile(r'name="captcha_0" value="(\w+)"')


def challenge(response) -> tuple[str, str]:
    """The CAPTCHA a page shows, and what its image says (read from the store, as a person reads the image)."""
    key = HASHKEY.search(response.text).group(1)
    return key, CaptchaStore.objects.get(hashkey=key).response


def test_the_form_has_no_captcha_below_the_limits(client, village_a, settings):
    settings.COMPLAINT_LIMIT_PER_IP = 2
    assert "captcha_0" not in client.get(FILE_URL, REMOTE_ADDR=IP).text
    assert file_complaint(client, village_a, ip=IP).status_code == 302
    assert "captcha_0" not in client.get(FILE_URL, REMOTE_ADDR=IP).text


def test_past_the_limit_a_complaint_needs_the_captcha_and_keeps_what_was_typed(client, village_a, settings):
    settings.COMPLAINT_LIMIT_PER_IP = 1
    assert file_complaint(client, village_a, ip=IP).status_code == 302
    # The same office connection again, e.g. a village hall helping a second resident.
    refused = file_complaint(client, village_a, ip=IP, description="Bantuan PKH keluarga saya berhenti.")
    assert refused.status_code == 429
    assert Ticket.objects.count() == 1
    assert "Ketik huruf yang tampak pada gambar." in refused.text
    assert "Bantuan PKH keluarga saya berhenti." in refused.text  # nothing typed is lost
    key, answer = challenge(refused)
    assert re.search(rf'<img src="/pengaduan/captcha/{key}/"', refused.text)

    data = complaint_data(village_a, description="Bantuan PKH keluarga saya berhenti.")
    solved = client.post(FILE_URL, {**data, "captcha_0": key, "captcha_1": answer.upper()}, REMOTE_ADDR=IP)
    assert solved.status_code == 302
    assert Ticket.objects.latest("pk").description == "Bantuan PKH keluarga saya berhenti."


def test_past_a_limit_the_form_could_not_foresee_it_asks_then(client, village_a, settings):
    """One contact's limit is known only once the form is sent: the CAPTCHA comes with the answer."""
    settings.COMPLAINT_LIMIT_PER_CONTACT = 1
    assert file_complaint(client, village_a, ip="198.51.100.1", contact="0812 3333 4444").status_code == 302
    assert "captcha_0" not in client.get(FILE_URL, REMOTE_ADDR="198.51.100.2").text
    refused = file_complaint(client, village_a, ip="198.51.100.2", contact="0812 3333 4444")
    assert refused.status_code == 429
    assert "0812 3333 4444" in refused.text
    key, answer = challenge(refused)
    data = {**complaint_data(village_a, contact="0812 3333 4444"), "captcha_0": key, "captcha_1": answer}
    assert client.post(FILE_URL, data, REMOTE_ADDR="198.51.100.2").status_code == 302
    assert Ticket.objects.count() == 2


def test_a_file_sent_past_an_unforeseen_limit_is_asked_for_again(client, village_a, settings):
    settings.COMPLAINT_LIMIT_PER_CONTACT = 0
    pdf = SimpleUploadedFile("surat.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    refused = file_complaint(client, village_a, contact="0812 3333 4444", attachment=pdf)
    assert refused.status_code == 429
    assert "Lampiran belum tersimpan: pilih lagi berkasnya." in " ".join(refused.text.split())
    assert not Attachment.objects.exists()


def test_at_the_limit_the_form_asks_for_the_captcha_up_front(client, village_a, settings):
    settings.COMPLAINT_LIMIT_PER_IP = 1
    assert file_complaint(client, village_a, ip=IP).status_code == 302
    page = client.get(FILE_URL, REMOTE_ADDR=IP)
    assert page.status_code == 200
    key, answer = challenge(page)
    data = {**complaint_data(village_a), "captcha_0": key, "captcha_1": answer}
    assert client.post(FILE_URL, data, REMOTE_ADDR=IP).status_code == 302
    assert Ticket.objects.count() == 2
    # Another address is not asked.
    assert "captcha_0" not in client.get(FILE_URL, REMOTE_ADDR="198.51.100.99").text


def test_a_wrong_or_replayed_answer_stores_nothing(client, village_a, settings):
    settings.COMPLAINT_LIMIT_PER_IP = 0
    key, answer = challenge(client.get(FILE_URL, REMOTE_ADDR=IP))
    wrong = client.post(FILE_URL, {**complaint_data(village_a), "captcha_0": key, "captcha_1": "zzzzz"}, REMOTE_ADDR=IP)
    assert wrong.status_code == 429
    assert "tidak sesuai dengan gambar" in wrong.text
    assert not Ticket.objects.exists()
    # Each challenge is answered once: after a wrong answer it is gone, so the right one no longer counts.
    replay = client.post(FILE_URL, {**complaint_data(village_a), "captcha_0": key, "captcha_1": answer}, REMOTE_ADDR=IP)
    assert replay.status_code == 429
    assert not Ticket.objects.exists()

    key, answer = challenge(replay)
    solved = {**complaint_data(village_a), "captcha_0": key, "captcha_1": answer}
    assert client.post(FILE_URL, solved, REMOTE_ADDR=IP).status_code == 302
    assert client.post(FILE_URL, solved, REMOTE_ADDR=IP).status_code == 429  # the same solution twice
    assert Ticket.objects.count() == 1


def test_a_flood_from_many_addresses_is_met_with_the_captcha(client, village_a, settings):
    settings.COMPLAINT_LIMIT_TOTAL = 2
    statuses = [file_complaint(client, village_a, ip=f"198.51.100.{n}").status_code for n in range(1, 4)]
    assert statuses == [302, 302, 429]
    assert Ticket.objects.count() == 2
    assert "captcha_0" in client.get(FILE_URL, REMOTE_ADDR="198.51.100.50").text


def test_the_captcha_image_is_served_without_login(client, settings):
    settings.COMPLAINT_LIMIT_PER_IP = 0
    key, _ = challenge(client.get(FILE_URL, REMOTE_ADDR=IP))
    image = client.get(f"/pengaduan/captcha/{key}/")
    assert image.status_code == 200
    assert image["Content-Type"] == "image/png"
    assert image.content.startswith(b"\x89PNG")
    assert client.get("/pengaduan/captcha/tidakada/").status_code == 410


def test_challenges_nobody_answered_are_removed_once_expired(client, settings, time_machine):
    settings.COMPLAINT_LIMIT_PER_IP = 0
    time_machine.move_to(timezone.now(), tick=False)
    for _ in range(3):
        client.get(FILE_URL, REMOTE_ADDR=IP)  # each view of the form stores a challenge
    assert CaptchaStore.objects.count() == 3
    assert remove_expired_captchas() == 0
    time_machine.shift((settings.CAPTCHA_TIMEOUT + 1) * 60)
    key, _ = challenge(client.get(FILE_URL, REMOTE_ADDR=IP))
    assert remove_expired_captchas() == 3
    assert list(CaptchaStore.objects.values_list("hashkey", flat=True)) == [key]
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "complaints.tasks.remove_expired_captchas" in tasks
