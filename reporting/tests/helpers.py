from django.test import Client
from django.urls import reverse


def dashboard(user, **params):
    """GET the dashboard as ``user``; the response (with its context)."""
    client = Client()
    client.force_login(user)
    return client.get(reverse("dashboard:overview"), {"tahun": 2026, **params})
