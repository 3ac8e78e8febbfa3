import pytest
from django.urls import reverse

from programs.models import Intervention
from tests.factories import AgencyFactory, InterventionFactory, ProgramFactory, UserFactory, VillageFactory
from villages.models import Institution

CREATE = reverse("programs:intervention_create")


@pytest.fixture
def program(agency):
    return ProgramFactory(lead_agency=agency, fiscal_year=2026)


@pytest.fixture
def other_agency(db):
    return AgencyFactory(name="Dinas Sosial Uji", short_name="Dinsos Uji")


def _form(program, village, **overrides):
    data = {
        "program": program.pk,
        "district": village.district_id,
        "subdistrict": village.subdistrict_id,
        "village": village.pk,
        "description": "Bantuan benih jagung hibrida",
        "quantity": "50",
        "unit": "kg",
        "planned_budget": "1250000",
        "realised_spending": "0",
        "planned_date": "2026-04-01",
        "actual_date": "",
    }
    return {**data, **overrides}


def _errors(response) -> dict:
    assert response.status_code == 200, "the form should have been shown again"
    return response.context["form"].errors


def test_agency_staff_create_an_intervention_for_their_own_agency(client, agency_staff, agency, program, village_a):
    client.force_login(agency_staff)
    response = client.post(CREATE, _form(program, village_a))
    intervention = Intervention.objects.get()
    assert response.status_code == 302 and response["Location"] == intervention.get_absolute_url()
    assert (intervention.agency, intervention.village, intervention.status) == (agency, village_a, "planned")
    assert intervention.created_by == intervention.updated_by == agency_staff


def test_it_ignores_posted_agency_status_and_authors(
    client, agency_staff, agency, other_agency, program, village_a, admin_user
):
    client.force_login(agency_staff)
    extra = {"agency": other_agency.pk, "status": "verified", "created_by": admin_user.pk, "updated_by": admin_user.pk}
    client.post(CREATE, _form(program, village_a, **extra))
    intervention = Intervention.objects.get()
    assert (intervention.agency, intervention.status, intervention.created_by) == (agency, "planned", agency_staff)
    client.post(reverse("programs:intervention_edit", args=[intervention.pk]), _form(program, village_a, **extra))
    intervention.refresh_from_db()
    assert (intervention.agency, intervention.status, intervention.created_by) == (agency, "planned", agency_staff)
    assert not intervention.status_changes.exists()


def test_admins_may_name_the_delivering_agency_or_take_the_programs(
    client, admin_user, agency, other_agency, program, village_a
):
    client.force_login(admin_user)
    client.post(CREATE, _form(program, village_a, description="Tanpa OPD"))
    client.post(CREATE, _form(program, village_a, description="Dinsos", agency=other_agency.pk))
    assert dict(Intervention.objects.values_list("description", "agency")) == {
        "Tanpa OPD": agency.pk,
        "Dinsos": other_agency.pk,
    }


def test_it_offers_only_the_users_programs_of_this_and_next_year(client, agency_staff, agency, other_agency, program):
    old = ProgramFactory(lead_agency=agency, fiscal_year=2024)
    next_year = ProgramFactory(lead_agency=agency, fiscal_year=2027)
    foreign = ProgramFactory(lead_agency=other_agency, fiscal_year=2026)
    client.force_login(agency_staff)
    offered = set(client.get(CREATE).context["form"].fields["program"].queryset)
    assert offered == {program, next_year}
    assert old not in offered and foreign not in offered


def test_it_refuses_another_agencys_program(client, agency_staff, other_agency, village_a):
    client.force_login(agency_staff)
    foreign = ProgramFactory(lead_agency=other_agency)
    assert "program" in _errors(client.post(CREATE, _form(foreign, village_a)))


def test_it_refuses_a_village_outside_the_users_scope(client, db, village_a, village_b, district_a):
    district_agency = AgencyFactory(name="Dinas PMD Lampung Selatan", level="district", district=district_a)
    staff = UserFactory(username="staf_kab", role="agency_staff", agency=district_agency)
    program = ProgramFactory(lead_agency=district_agency)
    client.force_login(staff)
    assert "village" in _errors(client.post(CREATE, _form(program, village_b)))
    assert client.post(CREATE, _form(program, village_a)).status_code == 302


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"planned_budget": "-1"}, "planned_budget", "Jumlah tidak boleh negatif."),
        ({"realised_spending": "-5"}, "realised_spending", "Jumlah tidak boleh negatif."),
        ({"quantity": "-2"}, "quantity", "Jumlah tidak boleh negatif."),
        ({"planned_date": "2025-12-31"}, "planned_date", "Tanggal harus dalam tahun anggaran 2026."),
        ({"actual_date": "2027-01-02"}, "actual_date", "Tanggal harus dalam tahun anggaran 2026."),
        (
            {"realised_spending": "1250001"},
            "overspend_note",
            "Realisasi melebihi anggaran rencana: tuliskan penjelasannya.",
        ),
    ],
)
def test_it_refuses_bad_input_with_a_clear_message(client, agency_staff, program, village_a, overrides, field, message):
    client.force_login(agency_staff)
    errors = _errors(client.post(CREATE, _form(program, village_a, **overrides)))
    assert errors[field] == [message]
    assert not Intervention.objects.exists()


def test_an_overspend_with_a_note_is_accepted(client, agency_staff, program, village_a):
    client.force_login(agency_staff)
    data = _form(program, village_a, realised_spending="1300000", overspend_note="Harga benih naik")
    assert client.post(CREATE, data).status_code == 302
    assert Intervention.objects.get().overspend_note == "Harga benih naik"


def test_the_institution_must_belong_to_the_chosen_village(client, agency_staff, program, village_a, village_b):
    here = Institution.objects.create(village=village_a, kind="gapoktan", name="Gapoktan Sejahtera")
    elsewhere = Institution.objects.create(village=village_b, kind="bumdes", name="BUMDes Lain")
    client.force_login(agency_staff)
    assert "institution" in _errors(client.post(CREATE, _form(program, village_a, institution=elsewhere.pk)))
    assert client.post(CREATE, _form(program, village_a, institution=here.pk)).status_code == 302
    options = client.get(reverse("programs:institution_options"), {"village": village_a.pk}).content.decode()
    assert "Gapoktan Sejahtera" in options and "BUMDes Lain" not in options


def test_the_village_select_lists_one_kecamatan_not_the_whole_province(client, agency_staff, village_a, village_b):
    client.force_login(agency_staff)
    assert list(client.get(CREATE).context["form"].fields["village"].queryset) == []
    neighbour = VillageFactory(subdistrict=village_a.subdistrict, name="Tetangga")
    response = client.post(CREATE, {"subdistrict": village_a.subdistrict_id, "village": village_a.pk})
    assert set(response.context["form"].fields["village"].queryset) == {village_a, neighbour}


def test_it_finds_villages_by_name_or_code_within_the_scope(client, db, village_a, village_b, district_a):
    VillageFactory.create_batch(25, subdistrict=village_a.subdistrict, name="Sukamaju")
    district_agency = AgencyFactory(name="Dinas PMD Lampung Selatan", level="district", district=district_a)
    staff = UserFactory(username="staf_kab", role="agency_staff", agency=district_agency)
    client.force_login(staff)
    search = reverse("programs:village_search")
    assert "Hajimena" in client.get(search, {"cari_desa": "hajim"}).content.decode()
    assert "Hajimena" in client.get(search, {"cari_desa": "18.01.04.2001"}).content.decode()
    assert "Metro" not in client.get(search, {"cari_desa": "Metro"}).content.decode()
    assert client.get(search, {"cari_desa": "Sukamaju"}).content.decode().count('<option value="') == 21


def test_agency_staff_cannot_open_another_agencys_intervention(client, agency_staff, other_agency, village_a):
    foreign = InterventionFactory(village=village_a, program__lead_agency=other_agency)
    client.force_login(agency_staff)
    for name in ("programs:intervention_detail", "programs:intervention_edit"):
        assert client.get(reverse(name, args=[foreign.pk])).status_code == 404
    data = _form(foreign.program, village_a, description="Diubah")
    assert client.post(reverse("programs:intervention_edit", args=[foreign.pk]), data).status_code == 404
    foreign.refresh_from_db()
    assert foreign.description != "Diubah"


def test_readers_get_403_on_the_forms_of_interventions_they_see(client, officer_a, viewer, agency, village_a):
    intervention = InterventionFactory(village=village_a, program__lead_agency=agency)
    for user in (officer_a, viewer):
        client.force_login(user)
        assert client.get(reverse("programs:intervention_edit", args=[intervention.pk])).status_code == 403
        assert client.post(CREATE, {}).status_code == 403


def test_a_verified_intervention_is_no_longer_edited(client, agency_staff, agency, village_a):
    intervention = InterventionFactory(village=village_a, program__lead_agency=agency, status="verified")
    client.force_login(agency_staff)
    response = client.get(reverse("programs:intervention_edit", args=[intervention.pk]), follow=True)
    assert "tidak dapat diubah lagi" in response.content.decode()
