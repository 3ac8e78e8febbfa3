"""With the Redis cache down every page still answers (issue 12; SECURITY-CHECKLIST PUB-01 for the one
that must not): the dashboard computes its numbers without the cache, and the public complaint form
refuses complaints (503) rather than take them without counting.

The cache is a real Redis client pointed at a port nothing listens on: no mock stands in for it.
"""

import socket
import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from complaints.models import Ticket
from complaints.tests.conftest import complaint_data
from tests.test_url_access import ACCESS, ROLES, client_for, world  # noqa: F401 - the pages and their world


def closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def cache_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/1",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    with pytest.raises(Exception, match=r"(?i)connect"):
        cache.get("dasbor:probe")  # the cache really is down


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_as_usual_with_the_cache_down(world, cache_down, role):  # noqa: F811
    client = client_for(world, role)
    wrong = {}
    for name, spec in ACCESS.items():
        response = client.get(reverse(name, kwargs=spec.kwargs(world)))
        if response.status_code != spec.expected(role):
            wrong[name] = (response.status_code, spec.expected(role))
    assert not wrong, f"{role}: {{url: (got, expected)}} = {wrong}"


def test_the_dashboard_shows_its_numbers_with_the_cache_down(world, cache_down):  # noqa: F811
    client = client_for(world, "admin")
    started = time.monotonic()
    response = client.get(reverse("dashboard:overview"))
    assert response.status_code == 200
    assert time.monotonic() - started < 5, "a cache that refuses connections must not slow the page down"


def test_the_complaint_form_refuses_a_complaint_it_cannot_count(world, cache_down):  # noqa: F811
    tickets = Ticket.objects.count()
    response = Client().post(reverse("complaints:file"), complaint_data(world.village_a))
    assert response.status_code == 503
    assert Ticket.objects.count() == tickets
