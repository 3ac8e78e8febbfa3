import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programs.forms import EVIDENCE_MAX_BYTES
from programs.models import Evidence
from programs.views.interventions import _safe_name
from tests.factories import AgencyFactory, InterventionFactory

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
PDF = b"%PDF-1.7\n" + b"0" * 100


@pytest.fixture(autouse=True)
def evidence_storage(monkeypatch, private_files):
    """The field keeps the storage it got at import; point it at this test's private folder."""
    monkeypatch.setattr(Evidence._meta.get_field("file"), "storage", FileSystemStorage(location=private_files))


@pytest.fixture
def intervention(village_a, agency):
    return InterventionFactory(village=village_a, program__lead_agency=agency)


def _upload(client, intervention, name, content):
    url = reverse("programs:evidence_upload", args=[intervention.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content)}, follow=True)


@pytest.mark.parametrize(
    ("name", "content", "extension"), [("foto.JPG", JPEG, ".jpg"), ("foto.png", PNG, ".png"), ("ba.pdf", PDF, ".pdf")]
)
def test_it_keeps_jpg_png_and_pdf_evidence_privately(
    client, agency_staff, intervention, private_files, name, content, extension
):
    client.force_login(agency_staff)
    response = _upload(client, intervention, name, content)
    assert "diunggah" in response.content.decode()
    evidence = Evidence.objects.get()
    assert (evidence.extension, evidence.size, evidence.uploaded_by) == (extension, len(content), agency_staff)
    assert (private_files / evidence.file.name).read_bytes() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("skrip.exe", b"MZ\x90\x00", "Jenis berkas tidak diterima: unggah JPG, PNG atau PDF."),
        ("halaman.html", b"<html>", "Jenis berkas tidak diterima"),
        ("palsu.jpg", b"<script>alert(1)</script>", "Isi berkas tidak sesuai jenisnya"),
        ("palsu.pdf", PNG, "Isi berkas tidak sesuai jenisnya"),
        ("besar.pdf", b"%PDF-" + b"0" * EVIDENCE_MAX_BYTES, "Berkas terlalu besar: maksimal 5 MB."),
    ],
)
def test_it_refuses_the_wrong_type_or_a_too_large_file(client, agency_staff, intervention, name, content, message):
    client.force_login(agency_staff)
    response = _upload(client, intervention, name, content)
    assert message in response.content.decode()
    assert not Evidence.objects.exists()


def test_readers_and_other_agencies_may_not_upload(client, officer_a, intervention):
    client.force_login(officer_a)
    url = reverse("programs:evidence_upload", args=[intervention.pk])
    assert client.post(url, {"file": SimpleUploadedFile("a.pdf", PDF)}).status_code == 403
    client.force_login(AgencyFactory().staff.create(username="staf_lain", role="agency_staff"))
    assert client.post(url, {"file": SimpleUploadedFile("a.pdf", PDF)}).status_code == 404
    assert not Evidence.objects.exists()


def test_it_serves_evidence_with_a_clean_name_to_those_who_see_the_intervention(
    client, agency_staff, officer_a, officer_b, intervention
):
    client.force_login(agency_staff)
    _upload(client, intervention, "berita acara; (final)!.pdf", PDF)
    evidence = Evidence.objects.get()
    assert evidence.original_name == "berita acara_ _final.pdf"
    url = reverse("programs:evidence_download", args=[intervention.pk, evidence.pk])
    client.force_login(officer_a)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition == 'attachment; filename="berita acara_ _final.pdf"'
    client.force_login(officer_b)
    assert client.get(url).status_code == 404


def test_evidence_of_another_intervention_is_not_found_through_this_one(
    client, agency_staff, agency, intervention, village_a
):
    other = InterventionFactory(village=village_a, program__lead_agency=agency)
    client.force_login(agency_staff)
    _upload(client, other, "a.pdf", PDF)
    url = reverse("programs:evidence_download", args=[intervention.pk, Evidence.objects.get().pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\foto rapat.jpg", "foto rapat.jpg"),
        ('"a"\r\nX-Header: 1.pdf', "a_X-Header_ 1.pdf"),
        ("....pdf", "bukti.pdf"),
    ],
)
def test_it_sanitises_file_names(name, safe):
    extension = "." + safe.rsplit(".", 1)[1]
    assert _safe_name(name, extension) == safe
