"""Attachments: type read from the content (not the name), size-limited, stored privately, served to staff."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from complaints.models import Attachment, Ticket

from .conftest import file_complaint

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def _upload(name: str, content: bytes, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_it_stores_a_pdf_privately_under_a_server_made_name(client, village_a, private_files):
    response = file_complaint(client, village_a, attachment=_upload("surat keterangan.pdf", PDF))
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.extension, attachment.original_name, attachment.size) == (
        ".pdf",
        "surat keterangan.pdf",
        len(PDF),
    )
    assert "surat" not in attachment.file.name
    assert (private_files / attachment.file.name).read_bytes() == PDF


def test_it_takes_the_type_from_the_content_not_the_name(client, village_a):
    file_complaint(client, village_a, attachment=_upload("foto.pdf", PNG, "application/pdf"))
    attachment = Attachment.objects.get()
    assert attachment.extension == ".png"
    assert attachment.original_name == "foto.png"


@pytest.mark.parametrize(
    ("name", "content"),
    [("program.exe", EXE), ("foto.jpg", EXE), ("dokumen.pdf", b"<html><script>alert(1)</script>"), ("kosong.png", b"")],
)
def test_it_refuses_files_that_are_no_image_or_pdf(client, village_a, name, content):
    response = file_complaint(client, village_a, attachment=_upload(name, content))
    assert response.status_code == 200
    assert not Ticket.objects.exists()


def test_it_refuses_a_file_over_the_size_limit(client, village_a, settings):
    settings.COMPLAINT_ATTACHMENT_MAX_MB = 2
    big = PDF + b"0" * (3 * 1024 * 1024)
    response = file_complaint(client, village_a, attachment=_upload("besar.pdf", big))
    assert response.status_code == 200
    assert "maksimal 2 MB" in response.text
    assert not Ticket.objects.exists()


def test_staff_in_scope_download_it_as_an_attachment_and_others_get_404(client, village_a, officer_a, officer_b):
    file_complaint(client, village_a, attachment=_upload("bukti.pdf", PDF))
    attachment = Attachment.objects.get()
    url = reverse("complaints:attachment_download", args=[attachment.ticket_id, attachment.pk])

    client.force_login(officer_a)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"

    client.force_login(officer_b)
    assert client.get(url).status_code == 404
