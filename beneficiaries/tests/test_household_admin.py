"""The registry in Django admin: Bappeda admins read it, nobody edits it there."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import DesilRecordFactory, HouseholdFactory, PersonFactory


@pytest.fixture
def admin_client(admin_user, village_a):
    household = HouseholdFactory(village=village_a)
    PersonFactory(household=household, relationship="kepala")
    DesilRecordFactory(household=household)
    client = Client()
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize("model", ["household", "person", "desilrecord"])
def test_it_lists_the_registry_masked_and_read_only(admin_client, model):
    response = admin_client.get(reverse(f"admin:beneficiaries_{model}_changelist"))
    assert response.status_code == 200
    assert not re.search(r"\d{16}", response.text)
    assert admin_client.get(reverse(f"admin:beneficiaries_{model}_add")).status_code == 403
