"""Dates outside the program's fiscal year are refused with a clear message: an assignment's due year
and the date recipients received an intervention."""

import pytest
from django.urls import reverse

from programs.models import Assignment, Recipient
from tests.factories import HouseholdFactory, InterventionFactory, PersonFactory, ProgramFactory

HTMX = {"HX-Request": "true"}


def test_an_assignment_is_due_within_the_programs_fiscal_year(client, admin_user, agency, village_a):
    program = ProgramFactory(lead_agency=agency, fiscal_year=2026)
    client.force_login(admin_user)
    data = {
        "program": program.pk, "agency": agency.pk, "target_recipients": 20, "due_year": 2027, "due_semester": 1,
        "description": "Benih jagung", "district": village_a.district_id, "villages": [village_a.pk],
    }  # fmt: skip
    response = client.post(reverse("programs:assignment_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["due_year"] == ["Tahun tenggat harus tahun anggaran program (2026)."]
    assert not Assignment.objects.exists()


def test_an_assignment_target_must_be_positive(client, admin_user, agency, village_a):
    program = ProgramFactory(lead_agency=agency, fiscal_year=2026)
    client.force_login(admin_user)
    data = {
        "program": program.pk, "agency": agency.pk, "target_recipients": -5, "due_year": 2026, "due_semester": 1,
        "description": "Benih jagung", "district": village_a.district_id, "villages": [village_a.pk],
    }  # fmt: skip
    response = client.post(reverse("programs:assignment_create"), data)
    assert response.context["form"].errors["target_recipients"] == ["Target penerima minimal 1."]
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("received_on", ["2025-12-31", "2024-06-01"])
def test_recipients_are_received_within_the_fiscal_year(client, agency_staff, agency, village_a, received_on):
    intervention = InterventionFactory(village=village_a, program__lead_agency=agency, program__fiscal_year=2026)
    person = PersonFactory(household=HouseholdFactory(village=village_a))
    client.force_login(agency_staff)
    url = reverse("programs:recipient_add", args=[intervention.pk])
    response = client.post(url, {"person": person.pk, "received_on": received_on}, headers=HTMX)
    assert [text for _, text in response.context["notes"]] == ["Tanggal diterima harus dalam tahun anggaran 2026."]
    assert not Recipient.objects.exists()
    response = client.post(url, {"person": person.pk, "received_on": "2026-01-02"}, headers=HTMX)
    assert Recipient.objects.get().received_on.isoformat() == "2026-01-02"
