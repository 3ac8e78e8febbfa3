"""`make run`'s demo logins: the demo admin gets in through the real second factor."""

from base64 import b32decode
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from accounts.management.commands.create_demo_users import DEMO_PASSWORD
from accounts.models import User
from tests.factories import AgencyFactory, DistrictFactory
from tests.otp import totp_code


@pytest.fixture
def demo_places(db):
    DistrictFactory(code="18.01")
    DistrictFactory(code="18.72")
    AgencyFactory(name="Dinas Tanaman Pangan dan Hortikultura Provinsi Lampung", short_name="Dinas Pertanian TPH")


def _run(**options) -> str:
    out = StringIO()
    call_command("create_demo_users", stdout=out, **options)
    return out.getvalue()


def _password_login() -> Client:
    client = Client()
    client.post(reverse("accounts:login"), {"username": "admin.bappeda", "password": DEMO_PASSWORD})
    return client


def test_it_refuses_to_run_without_debug(demo_places, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG=true"):
        _run()


def test_the_demo_admin_logs_in_with_a_printed_recovery_code(demo_places, settings):
    settings.DEBUG = True
    output = _run()
    code = output.split("kode cadangan (sekali pakai): ")[1].split()[0]
    client = _password_login()
    assert client.post(reverse("accounts:otp_verify"), {"code": code})["Location"] == reverse("home")
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_demo_admin_logs_in_with_the_printed_secret_also_after_a_second_run(demo_places, settings):
    settings.DEBUG = True
    first = _run()
    second = _run()
    secret = first.split("aplikasi autentikator ")[1].split("\n")[0]
    assert secret in second  # an authenticator app set up once keeps working
    key = b32decode(secret.replace(" ", ""))
    client = _password_login()
    assert client.post(reverse("accounts:otp_verify"), {"code": totp_code(key)})["Location"] == reverse("home")
    assert User.objects.filter(username__in=["petugas.lamsel", "pimpinan"]).count() == 2
