"""The change trail (SECURITY-CHECKLIST PII-02): every change of a tracked model, with who, from where and how.

On PostgreSQL the triggers see writes the ORM never announces (``update()``, raw SQL, the import's upserts).
"""

import pytest
from django.db import connection
from django.test import Client
from django.urls import path, reverse

from beneficiaries.models import Household, Person
from complaints.corrections import approve_correction, propose_correction
from desakumaju import urls as portal_urls
from records import audit
from records.tests.helpers import changes_of, needs_postgresql
from tests.bnba_files import family_rows, import_batch, validate_file, write_xlsx
from tests.factories import HouseholdFactory, PersonFactory, UserFactory

pytestmark = [pytest.mark.django_db, needs_postgresql]


def _edit_household(user, household, address, **extra):
    client = Client(REMOTE_ADDR="198.51.100.23")
    client.force_login(user)
    data = {
        "subdistrict": household.village.subdistrict_id, "village": household.village_id, "address": address,
        "dusun": "", "rt": "", "rw": "", "status": "aktif", "status_date": "", "status_reason": "",
        "versi": household.updated_at.isoformat(), **extra,
    }  # fmt: skip
    return client.post(reverse("beneficiaries:household_edit", args=[household.pk]), data)


def test_a_form_edit_is_recorded_with_its_user_address_path_and_values(officer_a, village_a):
    household = HouseholdFactory(village=village_a, address="Jl. Lama 1")
    assert _edit_household(officer_a, household, "Jl. Baru 2").status_code == 302
    [event] = changes_of(household, "update")
    assert event.address == "Jl. Baru 2"
    assert event.pgh_context["user"] == officer_a.pk
    assert event.pgh_context["address"] == "198.51.100.23"
    assert event.pgh_context["path"] == audit.Path.FORM
    assert event.pgh_context["url"] == reverse("beneficiaries:household_edit", args=[household.pk])


def test_a_save_that_changes_nothing_tracked_is_no_event(officer_a, village_a):
    household = HouseholdFactory(village=village_a, address="Jl. Sama")
    household.save()  # only updated_at moves
    assert changes_of(household, "update") == []


def test_update_and_raw_sql_are_recorded_too(village_a):
    household = HouseholdFactory(village=village_a, address="Jl. Lama 1")
    Household.objects.filter(pk=household.pk).update(address="Lewat update()")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE beneficiaries_household SET rt = '009' WHERE id = %s", [household.pk])
    events = changes_of(household)
    assert [e.pgh_label for e in events] == ["insert", "update", "update"]
    assert (events[1].address, events[2].rt) == ("Lewat update()", "009")
    assert events[2].pgh_context is None, "outside any request or context: recorded without one"


def test_a_delete_keeps_the_row_as_it_was(village_a):
    household = HouseholdFactory(village=village_a)
    person = PersonFactory(household=household, relationship="anak", name="Anak Uji")
    person_pk = person.pk
    person.delete()
    [deleted] = Person.pgh_event_model.objects.filter(pgh_obj_id=person_pk, pgh_label="delete")
    assert deleted.name == "Anak Uji"


def test_an_import_is_recorded_per_batch_and_an_unchanged_person_is_not(tmp_path, officer_a, admin_user, village_a):
    rows = family_rows(village_a, families=2, members=3)
    first = import_batch(validate_file(officer_a, write_xlsx(tmp_path / "a.xlsx", rows)), officer_a)
    inserts = Person.pgh_event_model.objects.filter(pgh_label="insert")
    assert inserts.count() == 6
    assert {(e.pgh_context["path"], e.pgh_context["import_batch"], e.pgh_context["user"]) for e in inserts} == {
        (audit.Path.IMPORT, first.pk, officer_a.pk)
    }
    assert len({e.pgh_context_id for e in inserts}) == 1, "one context for the whole batch"

    rows[1][3] = "Nama Diperbaiki"
    second = import_batch(validate_file(admin_user, write_xlsx(tmp_path / "b.xlsx", rows)), admin_user)
    [update] = Person.pgh_event_model.objects.filter(pgh_label="update")
    assert update.name == "Nama Diperbaiki"
    assert (update.pgh_context["import_batch"], update.pgh_context["user"]) == (second.pk, admin_user.pk)
    assert not Household.pgh_event_model.objects.filter(pgh_label="update").exists()


def test_a_correction_approval_is_recorded_with_the_approver(officer_a, admin_user, village_a):
    from complaints.services import file_ticket

    household = HouseholdFactory(village=village_a, address="Jl. Lama 1", rt="001")
    ticket = file_ticket(category="data_correction", village=village_a, description="Alamat saya salah.")
    data = {"address": "Jl. Koreksi 3", "dusun": household.dusun, "rt": "001", "rw": household.rw,
            "status": "aktif", "status_date": "", "status_reason": ""}  # fmt: skip
    proposal = propose_correction(ticket=ticket, target=household, data=data, user=officer_a)
    approve_correction(proposal=proposal, user=admin_user)
    [event] = changes_of(household, "update")
    assert event.address == "Jl. Koreksi 3"
    assert event.pgh_context == {"path": audit.Path.CORRECTION, "correction": proposal.pk, "user": admin_user.pk}


def _api_rename(request, pk):
    from django.http import JsonResponse

    Household.objects.filter(pk=pk).update(address="Lewat API")
    return JsonResponse({"ok": True})


urlpatterns = [path("api/uji/keluarga/<int:pk>/", _api_rename), *portal_urls.urlpatterns]


@pytest.mark.urls(__name__)
def test_a_call_under_api_is_recorded_as_the_api_path(village_a):
    client_user = UserFactory(username="klien_api", role="bappeda_admin")
    household = HouseholdFactory(village=village_a)
    client = Client()
    client.force_login(client_user)
    assert client.get(f"/api/uji/keluarga/{household.pk}/").status_code == 200
    [event] = changes_of(household, "update")
    assert (event.pgh_context["path"], event.pgh_context["user"]) == (audit.Path.API, client_user.pk)


def test_users_and_reference_data_are_tracked(admin_user, village_a):
    admin_user.first_name = "Nama Baru"
    admin_user.save()
    [event] = changes_of(admin_user, "update")
    assert event.first_name == "Nama Baru"
    assert not hasattr(event, "password"), "the password hash stays out of the trail"
    village_a.name = "Hajimena Baru"
    village_a.save()
    assert changes_of(village_a, "update")[0].name == "Hajimena Baru"


def test_the_context_of_a_nested_block_ends_with_it(village_a):
    household = HouseholdFactory(village=village_a)
    with audit.context(path=audit.Path.SYSTEM, user=None):
        with audit.context(import_batch=7):
            Household.objects.filter(pk=household.pk).update(rt="701")
        Household.objects.filter(pk=household.pk).update(rt="702")
    first, second = changes_of(household, "update")
    assert first.pgh_context["import_batch"] == 7
    assert second.pgh_context.get("import_batch") is None
