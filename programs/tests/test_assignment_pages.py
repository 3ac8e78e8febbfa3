"""The assignment pages: the admin form with its village checklist, the queue and its actions."""

import pytest
from django.urls import NoReverseMatch, reverse

from accounts.models import Role
from programs.models import Assignment, AssignmentStatus, Intervention
from tests.factories import (
    AgencyFactory,
    AssignmentFactory,
    ProgramFactory,
    UserFactory,
    VillageFactory,
    VillageYearFactory,
)


@pytest.fixture
def locus_villages(village_a):
    villages = [village_a, *VillageFactory.create_batch(3, subdistrict=village_a.subdistrict)]
    for village in villages[:3]:
        VillageYearFactory(village=village, year=2026, is_locus=True)
    VillageYearFactory(village=villages[3], year=2025, is_locus=True)  # locus another year
    return villages[:3]


def test_it_selects_every_locus_village_of_the_year_in_the_kabupaten(client, admin_user, locus_villages, village_b):
    VillageYearFactory(village=village_b, year=2026, is_locus=True)  # another kabupaten
    client.force_login(admin_user)
    params = {"district": locus_villages[0].district_id, "due_year": 2026, "lokus": "1"}
    response = client.get(reverse("programs:assignment_villages"), params)
    assert response.context["selected"] == {village.pk for village in locus_villages}
    assert "3 desa dipilih" in response.text
    assert "Pilih semua desa lokus 2026 di Kabupaten Lampung Selatan" in response.text


def test_it_counts_the_villages_ticked_by_hand(client, admin_user, locus_villages, village_b):
    client.force_login(admin_user)
    params = {
        "district": locus_villages[0].district_id,
        "due_year": 2026,
        "villages": [locus_villages[0].pk, village_b.pk],
    }
    response = client.get(reverse("programs:assignment_villages"), params)
    assert "1 desa dipilih" in response.text  # a village of another kabupaten is not in the list


def test_admin_assigns_many_villages_and_hears_of_the_duplicates(client, admin_user, agency, locus_villages):
    program = ProgramFactory(lead_agency=agency)
    AssignmentFactory(program=program, village=locus_villages[0], due_year=2026, due_semester=1)
    client.force_login(admin_user)
    response = client.post(
        reverse("programs:assignment_create"),
        {
            "program": program.pk,
            "agency": agency.pk,
            "target_recipients": 20,
            "due_year": 2026,
            "due_semester": 1,
            "description": "Bantuan benih jagung",
            "district": locus_villages[0].district_id,
            "villages": [village.pk for village in locus_villages],
        },
        follow=True,
    )
    assert response.redirect_chain == [(reverse("programs:assignment_list"), 302)]
    texts = [str(message) for message in response.context["messages"]]
    assert texts[0] == "2 penugasan dibuat."
    assert str(locus_villages[0]) in texts[1]
    assert Assignment.objects.filter(program=program).count() == 3


def test_the_form_rejects_a_village_outside_the_chosen_kabupaten(client, admin_user, agency, village_a, village_b):
    client.force_login(admin_user)
    response = client.post(
        reverse("programs:assignment_create"),
        {
            "program": ProgramFactory(lead_agency=agency).pk,
            "agency": agency.pk,
            "target_recipients": 20,
            "due_year": 2026,
            "due_semester": 1,
            "description": "x",
            "district": village_a.district_id,
            "villages": [village_b.pk],
        },
    )
    assert response.status_code == 200 and "villages" in response.context["form"].errors
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("role", ["officer_a", "agency_staff", "viewer"])
def test_only_admins_open_or_post_the_form(request, client, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("programs:assignment_create")).status_code == 403
    assert client.post(reverse("programs:assignment_create"), {}).status_code == 403


def test_agency_staff_see_only_their_agency_in_the_queue(client, agency_staff, agency, village_a):
    mine = AssignmentFactory(village=village_a, program__lead_agency=agency)
    theirs = AssignmentFactory(village=village_a, program__lead_agency=AgencyFactory())
    client.force_login(agency_staff)
    response = client.get(reverse("programs:assignment_list"))
    assert list(response.context["page"]) == [mine]
    assert (
        client.get(reverse("programs:assignment_list"), {"agency": theirs.agency_id})
        .context["page"]
        .object_list.count()
        == 0
    )


def test_the_queue_has_a_tab_per_stage(client, admin_user, agency, village_a):
    AssignmentFactory(village=village_a, program__lead_agency=agency, due_year=2020)
    AssignmentFactory(village=village_a, program__lead_agency=agency, due_year=2100, status="accepted")
    client.force_login(admin_user)
    response = client.get(reverse("programs:assignment_list"))
    counts = {value: count for value, _, count in response.context["tabs"]}
    assert counts == {"new": 0, "accepted": 1, "in_progress": 0, "done": 0, "overdue": 1, "cancelled": 0}
    overdue = client.get(reverse("programs:assignment_list"), {"tahap": "overdue"}).context["page"]
    assert [a.due_year for a in overdue] == [2020]


def test_admin_filters_the_queue_by_agency(client, admin_user, village_a):
    _first, second = AssignmentFactory.create_batch(2, village=village_a)
    client.force_login(admin_user)
    response = client.get(reverse("programs:assignment_list"), {"agency": second.agency_id})
    assert list(response.context["page"]) == [second]


def test_agency_staff_accept_and_start_from_the_queue(client, agency_staff, agency, village_a):
    assignment = AssignmentFactory(village=village_a, program__lead_agency=agency)
    client.force_login(agency_staff)
    response = client.post(reverse("programs:assignment_accept", args=[assignment.pk]))
    assert response.status_code == 302
    response = client.post(reverse("programs:assignment_start", args=[assignment.pk]))
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.IN_PROGRESS
    intervention = Intervention.objects.get()
    assert assignment.intervention == intervention
    assert response.status_code == 302
    assert response["Location"] == _intervention_page_or_queue(intervention)


def _intervention_page_or_queue(intervention) -> str:
    try:
        return reverse("programs:intervention_detail", kwargs={"pk": intervention.pk})
    except NoReverseMatch:
        return reverse("programs:assignment_list")


def test_a_second_accept_is_a_message_not_an_error(client, agency_staff, agency, village_a):
    assignment = AssignmentFactory(village=village_a, program__lead_agency=agency, status="accepted")
    client.force_login(agency_staff)
    response = client.post(reverse("programs:assignment_accept", args=[assignment.pk]), follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Penugasan ini sudah diterima."]


def test_another_agencys_assignment_is_not_found(client, village_a):
    assignment = AssignmentFactory(village=village_a)
    client.force_login(UserFactory(role=Role.AGENCY_STAFF, agency=AgencyFactory()))
    for name in ("programs:assignment_accept", "programs:assignment_start"):
        assert client.post(reverse(name, args=[assignment.pk])).status_code == 404
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.NEW


@pytest.mark.parametrize(
    ("role", "status"), [("admin_user", 403), ("officer_a", 403), ("officer_b", 404), ("viewer", 404)]
)
def test_others_may_not_accept(request, client, role, status, agency, village_a):
    assignment = AssignmentFactory(village=village_a, program__lead_agency=agency)
    client.force_login(request.getfixturevalue(role))
    assert client.post(reverse("programs:assignment_accept", args=[assignment.pk])).status_code == status


def test_the_redirect_after_an_action_stays_on_this_site(client, agency_staff, agency, village_a):
    assignment = AssignmentFactory(village=village_a, program__lead_agency=agency)
    client.force_login(agency_staff)
    url = reverse("programs:assignment_accept", args=[assignment.pk])
    assert client.post(url, {"next": "https://evil.example/"})["Location"] == reverse("programs:assignment_list")
