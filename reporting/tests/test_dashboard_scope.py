"""Scoping: district users see their district only, agency staff their agency's work; 404 outside."""

import pytest

from accounts.models import Role
from reporting.tests.helpers import dashboard
from tests.factories import UserFactory


def test_a_district_officer_opens_on_their_district_with_its_numbers_only(dataset, officer_a, district_a):
    response = dashboard(officer_a)
    region, numbers = response.context["region"], response.context["numbers"]
    assert (region.level, region.district) == ("district", district_a)
    assert (numbers.reached, numbers.work.interventions, numbers.households[1]) == (4, 1, 1)
    assert "Kota Metro" not in response.content.decode()
    assert not response.context["breadcrumb"], "no way up to the province"


@pytest.mark.parametrize("param", ["district", "subdistrict", "village"])
def test_a_district_officer_cannot_drill_into_another_district(dataset, officer_a, village_b, param):
    pk = {"district": village_b.district_id, "subdistrict": village_b.subdistrict_id, "village": village_b.pk}[param]
    assert dashboard(officer_a, **{param: pk}).status_code == 404


def test_a_district_viewer_is_held_to_their_district(dataset, viewer_a, district_a, district_b):
    assert dashboard(viewer_a).context["region"].district == district_a
    assert dashboard(viewer_a, district=district_b.pk).status_code == 404


def test_agency_staff_see_their_agencys_work_only_whatever_they_ask(dataset, agency_staff):
    for params in ({}, {"agency": dataset.other.pk}):
        numbers = dashboard(agency_staff, **params).context["numbers"]
        assert set(numbers.by_agency) == {agency_staff.agency_id}
        assert (numbers.work.interventions, numbers.work.planned, numbers.reached) == (1, 10_000_000, 4)


def test_agency_staff_get_no_links_into_the_registry(dataset, agency_staff):
    body = dashboard(agency_staff).content.decode()
    assert "/bnba/keluarga/" not in body and "/program/sasaran/desa-lokus/" not in body


def test_a_user_without_scope_sees_nothing(dataset, user_without_scope):
    response = dashboard(user_without_scope)
    assert response.status_code == 200
    assert response.context["rows"] == [] and response.context["numbers"].active_households == 0


def test_a_district_agency_is_held_to_its_district_and_agency(dataset, district_a, district_b):
    from programs.models import Agency

    local = Agency.objects.create(name="Dinas Kab Uji", short_name="Dinas Kab", level="district", district=district_a)
    staff = UserFactory(username="staf_kab", role=Role.AGENCY_STAFF, agency=local)
    response = dashboard(staff)
    assert response.context["region"].district == district_a
    assert response.context["numbers"].work.interventions == 0
    assert dashboard(staff, district=district_b.pk).status_code == 404
