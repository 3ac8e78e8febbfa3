"""Filing a complaint from the public form: what is stored, where it goes, and bad input."""

import re
from datetime import timedelta

import pytest
from django.test import Client

from complaints.models import Category, EventKind, Status, Ticket

from .conftest import FILE_URL, STATUS_URL, complaint_data, file_complaint

pytestmark = pytest.mark.django_db


def test_it_shows_the_form_without_login(client, village_a):
    response = client.get(FILE_URL)
    assert response.status_code == 200
    assert "Jenis pengaduan" in response.text
    assert "no-store" in response["Cache-Control"]


def test_it_stores_the_complaint_and_redirects_to_its_status(client, village_a):
    response = file_complaint(client, village_a, nik="1801044107900001", contact="0812-3456-7890", reporter_name="Sri")

    ticket = Ticket.objects.get()
    assert re.fullmatch(r"ADU-\d{4}-[23456789ABCDEFGHJKMNPQRSTWXYZ]{6}", ticket.code)
    assert response.status_code == 302
    assert response["Location"] == f"{STATUS_URL}?kode={ticket.code}"
    assert (ticket.village, ticket.status, ticket.category) == (village_a, Status.RECEIVED, Category.DATA_CORRECTION)
    assert (ticket.nik, ticket.contact, ticket.reporter_name) == ("1801044107900001", "081234567890", "Sri")
    assert [event.kind for event in ticket.events.all()] == [EventKind.FILED]


def test_it_gives_data_corrections_three_times_24_hours(client, village_a):
    file_complaint(client, village_a)
    ticket = Ticket.objects.get()
    assert ticket.due_at - ticket.created_at == timedelta(hours=72)


def test_it_gives_other_complaints_the_configured_days(client, village_a, settings):
    settings.COMPLAINT_DEADLINE_DAYS = 5
    file_complaint(client, village_a, category="misconduct")
    ticket = Ticket.objects.get()
    assert ticket.due_at - ticket.created_at == timedelta(days=5)


def test_it_normalises_phone_numbers_and_emails(client, village_a):
    file_complaint(client, village_a, contact="+62 812 3456 7890")
    file_complaint(client, village_a, contact="Warga@Contoh.ID")
    assert sorted(Ticket.objects.values_list("contact", flat=True)) == ["081234567890", "warga@contoh.id"]


def test_it_accepts_a_nik_written_with_spaces(client, village_a):
    file_complaint(client, village_a, nik="1801 0441 0790 0001")
    assert Ticket.objects.get().nik == "1801044107900001"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("nik", "18010441079000", "harus 16 digit"),
        ("nik", "1801O44107900001", "hanya boleh berisi 16 digit"),
        ("nik", "1801043207900001", "bukan tanggal yang mungkin"),
        ("contact", "bukan kontak", "nomor HP"),
        ("contact", "nama@", "e-mail"),
        ("description", "x" * 2001, "2000"),
        ("description", "", "tidak boleh kosong"),
        ("category", "spam", "Pilih"),
        ("village", "", "tidak boleh kosong"),
    ],
)
def test_it_refuses_bad_input_and_stores_nothing(client, village_a, field, value, message):
    response = file_complaint(client, village_a, **{field: value})
    assert response.status_code == 200
    assert message.lower() in response.text.lower()
    assert not Ticket.objects.exists()


def test_it_refuses_a_village_outside_the_chosen_kecamatan(client, village_a, village_b):
    response = file_complaint(client, village_a, village=village_b.pk)
    assert response.status_code == 200
    assert not Ticket.objects.exists()


def test_it_refuses_a_post_without_csrf_token(village_a):
    client = Client(enforce_csrf_checks=True)
    response = client.post(FILE_URL, complaint_data(village_a))
    assert response.status_code == 403
    assert not Ticket.objects.exists()


def test_it_offers_the_kecamatan_and_villages_of_the_chosen_region(client, village_a, village_b):
    response = client.get("/pengaduan/pilihan-kecamatan/", {"district": village_a.district_id})
    assert "Natar" in response.text and "Metro Pusat" not in response.text
    response = client.get("/pengaduan/pilihan-desa/", {"subdistrict": village_a.subdistrict_id})
    assert "Hajimena" in response.text and ">Metro<" not in response.text
    assert client.get("/pengaduan/pilihan-desa/", {"subdistrict": "x"}).text.count("<option") == 1
