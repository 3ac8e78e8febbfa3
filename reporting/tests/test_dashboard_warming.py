"""The dashboard is warmed by a worker after a change, and another filter choice reuses the registry's counts."""

import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from beneficiaries.models import HouseholdStatus
from reporting import dashboard_warming
from reporting.dashboard_cache import _key
from reporting.dashboard_filters import Filters
from reporting.dashboard_freshness import stamps
from reporting.tests.conftest import YEAR
from reporting.tests.test_dashboard_queries import WARM
from tests.conftest import needs_services, running_worker


def _get(user, **params):
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("dashboard:overview"), {"tahun": YEAR, **params})
    assert response.status_code == 200
    return response, [query["sql"] for query in queries.captured_queries]


def _counts_the_registry(sql: list[str]) -> bool:
    return any('"beneficiaries_household"."status"' in text and "GROUP BY" in text for text in sql)


def test_warming_computes_what_each_role_opens_first(dataset, admin_user, agency_staff, officer_a):
    fresh = {user.username: _get(user)[0].context["numbers"] for user in (admin_user, agency_staff, officer_a)}
    cache.clear()

    assert dashboard_warming.warm() == 4  # this year's view, its two semesters, the one agency with staff

    for user in (admin_user, agency_staff, officer_a):
        response, sql = _get(user)
        assert len(sql) <= WARM, f"{user.username}: {len(sql)} queries after warming"
        assert response.context["numbers"] == fresh[user.username]
    assert len(_get(admin_user, semester=2)[1]) <= WARM


def test_another_filter_choice_reuses_the_registry_counts(dataset, admin_user):
    _, first = _get(admin_user)
    assert _counts_the_registry(first)
    response, second = _get(admin_user, cluster=2)
    assert not _counts_the_registry(second)
    assert response.context["numbers"].households == _get(admin_user)[0].context["numbers"].households
    assert response.context["numbers"].work.interventions == 1  # dataset: one of the two 2026 interventions


def test_registry_counts_follow_a_change_under_any_filter(dataset, admin_user):
    assert _get(admin_user, cluster=2)[0].context["numbers"].graduated_persons == 2
    dataset.h1.status = HouseholdStatus.GRADUATED
    dataset.h1.save()
    assert _get(admin_user, cluster=2)[0].context["numbers"].graduated_persons == 5


def test_without_a_broker_nothing_is_queued(dataset, settings):
    dataset.i1.save()  # the embedded setup: tasks are eager, the first page view computes
    assert cache.get(dashboard_warming.PENDING) is None


@pytest.fixture
def shared_cache(settings):
    """The test and the worker process read and write one Redis cache, as web and worker do in production."""
    location = settings.CELERY_BROKER_URL.rsplit("/", 1)[0] + "/14"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}}
    settings.DASHBOARD_WARMING_DELAY = 0
    cache.clear()
    yield location
    cache.clear()


@needs_services
def test_a_worker_warms_the_dashboard_after_an_edit(transactional_db, shared_cache, admin_user, village_a):
    from tests.factories import InterventionFactory

    with running_worker(env={"CACHE_URL": shared_cache}):
        intervention = InterventionFactory(village=village_a)  # autocommit: the warming is queued at once
        stamp = stamps([village_a.district_id])[village_a.district_id]
        key = _key("total", village_a.district_id, stamp, Filters(year=dashboard_warming.default_filters()[0].year))
        deadline = time.monotonic() + 60
        while cache.get(key) is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert cache.get(key) is not None, "the worker did not warm the district's numbers"
        assert cache.get(dashboard_warming.PENDING) is None
        _, sql = _get(admin_user, tahun=intervention.program.fiscal_year)
    assert len(sql) <= WARM
