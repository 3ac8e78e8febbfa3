import pytest
from django.urls import reverse

from programs.models import Program
from tests.factories import AgencyFactory, ProgramFactory, ProgramKindFactory

LIST = reverse("programs:program_list")
CREATE = reverse("programs:program_create")


@pytest.fixture
def other_agency(db):
    return AgencyFactory(name="Dinas Sosial Uji", short_name="Dinsos Uji")


def _form(**overrides):
    kind = ProgramKindFactory()
    data = {
        "fiscal_year": "2026",
        "code": "1.06.02.2.01.0099",
        "name": "Bantuan benih jagung",
        "kind": kind.pk,
        "cluster": "3",
        "target_kind": "household",
        "target_count": "40",
        "budget_ceiling": "250000000",
        "funding_source": "apbd_provinsi",
        "is_desaku_maju": "on",
    }
    return {**data, **overrides}


def test_it_lists_programs_of_this_year_with_their_budget_in_rupiah(client, admin_user, agency):
    ProgramFactory(name="Program Tahun Ini", lead_agency=agency, budget_ceiling=1_250_000)
    ProgramFactory(name="Program Lama", lead_agency=agency, fiscal_year=2024)
    client.force_login(admin_user)
    page = client.get(LIST).content.decode()
    assert "Program Tahun Ini" in page and "Rp 1.250.000" in page
    assert "Program Lama" not in page
    assert "Program Lama" in client.get(LIST, {"tahun": ""}).content.decode()


def test_it_filters_by_cluster_agency_kind_and_desaku_maju(client, admin_user, agency, other_agency):
    ProgramFactory(name="Program Dinas Pertanian", lead_agency=agency, is_desaku_maju=True)
    ProgramFactory(name="Program Dinsos", lead_agency=other_agency, is_desaku_maju=False)
    client.force_login(admin_user)
    by_agency = client.get(LIST, {"agency": other_agency.pk}).content.decode()
    assert "Program Dinsos" in by_agency and "Program Dinas Pertanian" not in by_agency
    not_dm = client.get(LIST, {"desaku_maju": "false"}).content.decode()
    assert "Program Dinsos" in not_dm and "Program Dinas Pertanian" not in not_dm
    assert "Program Dinsos" not in client.get(LIST, {"cluster": "2"}).content.decode()


def test_it_shows_agency_staff_only_their_agencys_programs(client, agency_staff, agency, other_agency):
    ProgramFactory(name="Program Dinas Pertanian", lead_agency=agency)
    ProgramFactory(name="Program Dinsos", lead_agency=other_agency)
    client.force_login(agency_staff)
    page = client.get(LIST, {"sort": "-name"}).content.decode()
    assert "Program Dinas Pertanian" in page and "Program Dinsos" not in page


def test_it_creates_a_program_for_the_staffs_own_agency_whatever_is_posted(client, agency_staff, agency, other_agency):
    client.force_login(agency_staff)
    response = client.post(CREATE, _form(lead_agency=other_agency.pk))
    assert response.status_code == 302
    assert Program.objects.get(code="1.06.02.2.01.0099").lead_agency == agency


def test_admins_choose_the_lead_agency(client, admin_user, other_agency):
    client.force_login(admin_user)
    assert client.post(CREATE, _form(lead_agency=other_agency.pk)).status_code == 302
    assert Program.objects.get(code="1.06.02.2.01.0099").lead_agency == other_agency


def test_it_refuses_a_code_already_used_in_the_same_year(client, agency_staff, other_agency):
    ProgramFactory(code="1.06.02.2.01.0099", fiscal_year=2026, lead_agency=other_agency)
    ProgramFactory(code="1.06.02.2.01.0100", fiscal_year=2025, lead_agency=other_agency)
    client.force_login(agency_staff)
    response = client.post(CREATE, _form())
    assert "Kode 1.06.02.2.01.0099 sudah dipakai program lain pada tahun anggaran 2026." in response.content.decode()
    assert client.post(CREATE, _form(code="1.06.02.2.01.0100")).status_code == 302  # another year's code


def test_it_refuses_negative_amounts(client, agency_staff):
    client.force_login(agency_staff)
    response = client.post(CREATE, _form(budget_ceiling="-1", target_count="-5"))
    assert response.content.decode().count("Jumlah tidak boleh negatif.") == 2
    assert not Program.objects.exists()


def test_it_lets_staff_edit_their_programs_only(client, agency_staff, agency, other_agency):
    own, foreign = ProgramFactory(lead_agency=agency), ProgramFactory(lead_agency=other_agency)
    client.force_login(agency_staff)
    assert client.get(reverse("programs:program_edit", args=[foreign.pk])).status_code == 404
    response = client.post(reverse("programs:program_edit", args=[own.pk]), _form(code=own.code, name="Nama Baru"))
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.name, own.lead_agency) == ("Nama Baru", agency)


def test_readers_may_not_create_or_edit(client, officer_a, agency):
    program = ProgramFactory(lead_agency=agency)
    client.force_login(officer_a)
    assert client.post(CREATE, _form()).status_code == 403
    assert client.get(reverse("programs:program_edit", args=[program.pk])).status_code == 403
    assert "Tambah program" not in client.get(LIST).content.decode()
