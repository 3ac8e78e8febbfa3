"""The data protection officer's contact is on the public pages (UU PDP Pasal 53; SECURITY-CHECKLIST DOC-01)."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["complaints:file", "complaints:status", "accounts:login"])
def test_public_pages_show_the_dpo_contact_from_settings(settings, name):
    settings.DPO_NAME = "PPDP Bappeda Lampung"
    settings.DPO_EMAIL = "ppdp@bappeda.example.go.id"
    settings.DPO_PHONE = "0721-123456"
    text = Client().get(reverse(name)).text
    assert "PPDP Bappeda Lampung" in text
    assert 'href="mailto:ppdp@bappeda.example.go.id"' in text and "0721-123456" in text
