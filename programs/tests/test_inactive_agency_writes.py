"""Staff of a deactivated agency change nothing, through any page agency staff write with
(SECURITY-CHECKLIST AC-05: a revoked scope takes effect at the next request)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from complaints.models import TicketEvent
from complaints.services import file_ticket
from programs.models import Assignment, Evidence, Intervention, Program, Recipient, StatusChange
from tests.factories import AssignmentFactory, HouseholdFactory, InterventionFactory, PersonFactory, ProgramKindFactory


@pytest.fixture
def world(agency, agency_staff, village_a):
    intervention = InterventionFactory(village=village_a, program__lead_agency=agency, actual_date="2026-03-02")
    household = HouseholdFactory(village=village_a, desil=1)
    ticket = file_ticket(category="not_received", village=village_a, description="Bantuan tidak sampai.")
    ticket.agency, ticket.intervention = agency, intervention
    ticket.save(update_fields=["agency", "intervention"])
    return {
        "intervention": intervention,
        "program": intervention.program,
        "person": PersonFactory(household=household),
        "recipient": Recipient.objects.create(intervention=intervention, household=household, added_by=agency_staff),
        "assignment": AssignmentFactory(village=village_a, program=intervention.program),
        "ticket": ticket,
        "village": village_a,
    }


def _program_form(code: str):
    return {
        "fiscal_year": "2026", "code": code, "name": "Bantuan benih", "kind": ProgramKindFactory().pk,
        "cluster": "3", "target_kind": "household", "target_count": "40", "budget_ceiling": "250000000",
        "funding_source": "apbd_provinsi",
    }  # fmt: skip


def _intervention_form(w):
    village = w["village"]
    return {
        "program": w["program"].pk, "district": village.district_id, "subdistrict": village.subdistrict_id,
        "village": village.pk, "description": "Bantuan benih jagung", "quantity": "5", "unit": "kg",
        "planned_budget": "1000", "realised_spending": "0", "planned_date": "2026-04-01", "actual_date": "",
    }  # fmt: skip


def _writes(w) -> list[tuple[str, dict, dict]]:
    """(url name, kwargs, POST data) of every page agency staff change something with."""
    i, a, t = {"pk": w["intervention"].pk}, {"pk": w["assignment"].pk}, {"pk": w["ticket"].pk}
    pdf = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 uji")
    return [
        ("programs:program_create", {}, _program_form("1.06.02.2.01.0777")),
        ("programs:program_edit", {"pk": w["program"].pk}, _program_form("1.06.02.2.01.0778")),
        ("programs:intervention_create", {}, _intervention_form(w)),
        ("programs:intervention_edit", i, _intervention_form(w)),
        ("programs:intervention_status", i, {"status": "in_progress"}),
        ("programs:evidence_upload", i, {"file": pdf}),
        ("programs:recipient_add", i, {"person": w["person"].pk}),
        ("programs:recipient_add_desil1", i, {}),
        (
            "programs:recipient_upload",
            i,
            {"file": SimpleUploadedFile("d.csv", f"NIK\r\n{w['person'].nik}\r\n".encode())},
        ),
        ("programs:recipient_remove", {**i, "recipient_pk": w["recipient"].pk}, {}),
        ("programs:assignment_accept", a, {}),
        ("programs:assignment_start", a, {}),
        ("programs:assignment_done", a, {}),
        ("complaints:ticket_status_change", t, {"status": "in_review", "reply": "Sedang diperiksa."}),
        ("complaints:ticket_note", t, {"text": "Catatan"}),
        ("complaints:ticket_assign", t, {"assignee": ""}),
    ]


def _state():
    return (
        Program.objects.count(), list(Program.objects.values_list("name", flat=True)),
        list(Intervention.objects.values_list("status", "description")), StatusChange.objects.count(),
        Evidence.objects.count(), Recipient.objects.count(), TicketEvent.objects.count(),
        list(Assignment.objects.values_list("status", "intervention")),
    )  # fmt: skip


def test_it_refuses_every_write_of_staff_of_a_deactivated_agency(client, agency, agency_staff, world):
    agency.active = False
    agency.save()
    client.force_login(agency_staff)
    before = _state()
    for name, kwargs, data in _writes(world):
        response = client.post(reverse(name, kwargs=kwargs), data)
        assert response.status_code in (403, 404), f"{name}: {response.status_code}"
    assert _state() == before


def test_the_same_writes_work_while_the_agency_is_active(client, agency_staff, world):
    """The control: each page above does change something for staff of an active agency."""
    client.force_login(agency_staff)
    for name, kwargs, data in _writes(world)[:3]:
        before = _state()
        response = client.post(reverse(name, kwargs=kwargs), data)
        assert response.status_code == 302, name
        assert _state() != before, name


def test_staff_of_a_deactivated_agency_are_no_agency_staff(agency, agency_staff):
    assert agency_staff.is_agency_staff
    agency.active = False
    agency.save()
    agency_staff.refresh_from_db()
    assert not agency_staff.is_agency_staff
