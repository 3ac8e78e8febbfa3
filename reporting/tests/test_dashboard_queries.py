"""A few queries per page, whatever the number of districts and villages."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import DistrictFactory, HouseholdFactory, VillageFactory

WARM, COLD = 13, 22  # both include the live complaints count; COLD the two reach queries (dashboard_queries)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("level", ["province", "district", "subdistrict", "village"])
def test_each_level_needs_few_queries_cold_and_warm(dataset, admin_user, village_a, level,
                                                    django_assert_max_num_queries):  # fmt: skip
    params = {
        "province": {},
        "district": {"district": village_a.district_id},
        "subdistrict": {"subdistrict": village_a.subdistrict_id},
        "village": {"village": village_a.pk},
    }[level]
    client = _client(admin_user)
    with django_assert_max_num_queries(COLD):
        assert client.get(reverse("dashboard:overview"), {"tahun": 2026, **params}).status_code == 200
    with django_assert_max_num_queries(WARM):
        client.get(reverse("dashboard:overview"), {"tahun": 2026, **params})


def test_more_districts_need_no_more_queries(dataset, admin_user, django_assert_max_num_queries):
    for code in range(20, 30):
        HouseholdFactory(village=VillageFactory(subdistrict__district=DistrictFactory(code=f"18.{code}")), desil=1)
    client = _client(admin_user)
    with django_assert_max_num_queries(COLD):
        response = client.get(reverse("dashboard:overview"), {"tahun": 2026})
    assert response.context["numbers"].households[1] == 12


@pytest.mark.parametrize("role", ["officer_a", "agency_staff", "viewer"])
def test_every_role_needs_few_queries(dataset, request, role, django_assert_max_num_queries):
    client = _client(request.getfixturevalue(role))
    with django_assert_max_num_queries(COLD):
        client.get(reverse("dashboard:overview"), {"tahun": 2026})
    with django_assert_max_num_queries(WARM):
        client.get(reverse("dashboard:overview"), {"tahun": 2026})
