"""Maker-checker corrections: proposed from a ticket, applied only by a second user, recorded in history."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from beneficiaries.models import Household
from complaints.corrections import approve_correction, decline_correction, propose_correction
from complaints.models import EventKind, ProposalStatus, RecordChange, Status
from complaints.services import WorkflowError
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_officer_a(district_a):
    return UserFactory(username="petugas_a2", role="district_officer", district=district_a)


def _propose_address(client, user, ticket, household, **changes):
    client.force_login(user)
    url = reverse("complaints:correction_propose", args=[ticket.pk])
    data = {"address": household.address, "dusun": household.dusun, "rt": household.rt, "rw": household.rw,
            "status": household.status, "status_date": "", "status_reason": ""} | changes  # fmt: skip
    return client.post(f"{url}?sasaran=keluarga-{household.pk}", data)


def test_a_proposal_changes_nothing_until_approved(client, officer_a, ticket_a, household_a):
    response = _propose_address(client, officer_a, ticket_a, household_a, address="Jl. Baru 9", rt="007")
    assert response.status_code == 302
    proposal = ticket_a.proposals.get()
    assert proposal.status == ProposalStatus.PENDING
    assert proposal.new_values == {"address": "Jl. Baru 9", "rt": "007"}
    assert proposal.old_values == {"address": "Jl. Lama 1", "rt": "001"}
    household_a.refresh_from_db()
    assert household_a.address == "Jl. Lama 1"
    ticket_a.refresh_from_db()
    assert ticket_a.status == Status.IN_REVIEW


def test_the_proposer_cannot_approve_their_own_proposal(client, officer_a, ticket_a, household_a):
    _propose_address(client, officer_a, ticket_a, household_a, address="Jl. Baru 9")
    proposal = ticket_a.proposals.get()
    with pytest.raises(WorkflowError, match="pengguna lain"):
        approve_correction(proposal=proposal, user=officer_a)
    response = client.post(reverse("complaints:correction_approve", args=[ticket_a.pk, proposal.pk]))
    assert response.status_code == 302
    proposal.refresh_from_db()
    household_a.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING and household_a.address == "Jl. Lama 1"


def test_a_second_user_applies_it_and_the_history_names_the_ticket(
    client, officer_a, admin_user, ticket_a, household_a
):
    _propose_address(client, officer_a, ticket_a, household_a, address="Jl. Baru 9", rt="007")
    proposal = ticket_a.proposals.get()
    client.force_login(admin_user)
    client.post(reverse("complaints:correction_approve", args=[ticket_a.pk, proposal.pk]))

    household_a.refresh_from_db()
    assert (household_a.address, household_a.rt) == ("Jl. Baru 9", "007")
    changes = {(c.field_label, c.old_value, c.new_value, c.ticket, c.proposed_by, c.approved_by)
               for c in RecordChange.objects.all()}  # fmt: skip
    assert changes == {
        ("Alamat", "Jl. Lama 1", "Jl. Baru 9", ticket_a, officer_a, admin_user),
        ("RT", "001", "007", ticket_a, officer_a, admin_user),
    }
    ticket_a.refresh_from_db()
    assert ticket_a.status == Status.RESOLVED
    assert ticket_a.events.filter(kind=EventKind.APPROVED, actor=admin_user).exists()
    page = client.get(household_a.get_absolute_url()).text
    assert "Riwayat perbaikan dari pengaduan" in page
    assert ticket_a.code in page


def test_a_person_correction_uses_the_person_form_rules(officer_a, second_officer_a, ticket_a, head_a):
    proposal = propose_correction(
        ticket=ticket_a,
        target=head_a,
        data={"name": "Wiryo Pranajaya Putra", "birth_place": "Metro", "has_disability": True},
        user=officer_a,
    )
    assert set(proposal.new_values) == {"name", "birth_place", "has_disability"}
    approve_correction(proposal=proposal, user=second_officer_a)
    head_a.refresh_from_db()
    assert (head_a.name, head_a.birth_place, head_a.has_disability) == ("Wiryo Pranajaya Putra", "Metro", True)
    labels = set(RecordChange.objects.filter(person=head_a).values_list("field_label", "new_value"))
    assert ("Penyandang disabilitas", "Ya") in labels


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"rt": "abcd"}, "1–3 digit"),
        ({"status": "meninggal"}, "Wajib diisi"),
        ({"status_date": "2999-01-01"}, "hari ini"),
    ],
)
def test_it_refuses_values_the_edit_form_refuses(client, officer_a, ticket_a, household_a, changes, error):
    response = _propose_address(client, officer_a, ticket_a, household_a, **changes)
    assert response.status_code == 200
    assert error in response.text
    assert not ticket_a.proposals.exists()


def test_it_refuses_a_proposal_that_changes_nothing(client, officer_a, ticket_a, household_a):
    response = _propose_address(client, officer_a, ticket_a, household_a)
    assert "Tidak ada data yang diubah" in response.text
    assert not ticket_a.proposals.exists()


def test_a_changed_record_makes_the_proposal_stale(officer_a, admin_user, ticket_a, household_a):
    proposal = propose_correction(ticket=ticket_a, target=household_a, data={"address": "Jl. Baru 9"}, user=officer_a)
    Household.objects.filter(pk=household_a.pk).update(address="Jl. Lain 3")
    with pytest.raises(WorkflowError, match="berubah"):
        approve_correction(proposal=proposal, user=admin_user)
    household_a.refresh_from_db()
    assert household_a.address == "Jl. Lain 3"


def test_approval_needs_the_right_to_edit_the_record(officer_a, officer_b, agency_staff, ticket_a, household_a):
    proposal = propose_correction(ticket=ticket_a, target=household_a, data={"address": "Jl. Baru 9"}, user=officer_a)
    for outsider in (officer_b, agency_staff):
        with pytest.raises(PermissionDenied):
            approve_correction(proposal=proposal, user=outsider)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING


def test_agency_staff_and_other_districts_cannot_propose(client, officer_b, agency_staff, ticket_a, household_a):
    url = reverse("complaints:correction_propose", args=[ticket_a.pk])
    client.force_login(officer_b)
    assert client.get(url).status_code == 404
    client.force_login(agency_staff)
    assert client.get(url).status_code == 404  # the ticket is not routed to the agency


def test_a_search_finds_records_in_the_user_scope_only(client, officer_a, officer_b, ticket_a, head_a):
    url = reverse("complaints:correction_propose", args=[ticket_a.pk])
    client.force_login(officer_a)
    response = client.post(url, {"cari": head_a.nik})
    assert response["Location"] == f"{url}?sasaran=anggota-{head_a.pk}"
    response = client.post(url, {"cari": head_a.household.no_kk})
    assert response["Location"] == f"{url}?sasaran=keluarga-{head_a.household_id}"
    # An officer of another district cannot even reach the ticket, nor target the record through the URL.
    client.force_login(officer_b)
    assert client.post(url, {"cari": head_a.nik}).status_code == 404


def test_the_ticket_nik_preselects_the_person(client, officer_a, village_a, head_a):
    from complaints.services import file_ticket

    ticket = file_ticket(category="data_correction", village=village_a, description="Nama saya salah.", nik=head_a.nik)
    client.force_login(officer_a)
    response = client.get(reverse("complaints:correction_propose", args=[ticket.pk]))
    assert response.context["target"] == head_a
    assert head_a.nik not in response.text  # NIK is not a correctable field and is not shown there


def test_a_declined_proposal_is_recorded_and_changes_nothing(officer_a, admin_user, ticket_a, household_a):
    proposal = propose_correction(ticket=ticket_a, target=household_a, data={"address": "Jl. Baru 9"}, user=officer_a)
    decline_correction(proposal=proposal, user=admin_user, reason="Tidak sesuai KK.")
    proposal.refresh_from_db()
    household_a.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED and proposal.decided_by == admin_user
    assert household_a.address == "Jl. Lama 1"
    assert ticket_a.events.filter(kind=EventKind.DECLINED, text="Tidak sesuai KK.").exists()
