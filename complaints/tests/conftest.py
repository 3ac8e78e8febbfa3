"""Fixtures of the complaint tests: a clean rate-limit cache, a registered family, a filed form."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from complaints.services import file_ticket
from tests.factories import HouseholdFactory, PersonFactory

FILE_URL = reverse("complaints:file")
STATUS_URL = reverse("complaints:status")


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counts of one test never hold back the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def household_a(village_a):
    return HouseholdFactory(village=village_a, address="Jl. Lama 1", rt="001", rw="002")


@pytest.fixture
def head_a(household_a):
    return PersonFactory(household=household_a, relationship="kepala", name="Wiryo Pranajaya", sex="L")


def complaint_data(place, **overrides) -> dict:
    """The form as a person fills it for a village ``place``; ``overrides`` replace single fields."""
    data = {
        "category": "data_correction",
        "district": place.district_id,
        "subdistrict": place.subdistrict_id,
        "village": place.pk,
        "description": "Alamat saya di registri salah, mohon diperbaiki.",
        "nik": "",
        "reporter_name": "",
        "contact": "",
        "website": "",
    }
    return data | overrides


def file_complaint(client, place, *, ip="203.0.113.7", **overrides):
    return client.post(FILE_URL, complaint_data(place, **overrides), REMOTE_ADDR=ip)


@pytest.fixture
def ticket_a(village_a):
    return file_ticket(category="data_correction", village=village_a, description="Alamat saya salah.")


@pytest.fixture
def ticket_b(village_b):
    return file_ticket(category="not_received", village=village_b, description="Bantuan tidak sampai.")
