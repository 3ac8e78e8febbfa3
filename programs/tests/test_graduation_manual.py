"""Marking a household graduated by hand: date, reason and evidence; Bappeda and its district's officers."""

from datetime import date

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile

from beneficiaries.models import Graduation, HouseholdStatus
from tests.factories import HouseholdFactory

PDF = b"%PDF-1.7\n%bukti uji\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def evidence_in_test_storage(monkeypatch, private_files):
    """The field resolved its storage when the model loaded, before the test's STORAGES took effect."""
    monkeypatch.setattr(Graduation._meta.get_field("evidence"), "storage", storages["private"])


@pytest.fixture
def household(village_a):
    return HouseholdFactory(village=village_a, desil=2)


def _url(household):
    return f"/program/sasaran/keluarga/{household.pk}/graduasi/"


def _post(client, household, *, name="bukti.pdf", content=PDF, graduated_on="2026-03-01"):
    evidence = SimpleUploadedFile(name, content)
    data = {"graduated_on": graduated_on, "reason": "Usaha warung mandiri", "evidence": evidence}
    return client.post(_url(household), data)


@pytest.mark.parametrize("who", ["admin_user", "officer_a"])
def test_it_marks_the_household_graduated_with_evidence(client, household, who, request, private_files):
    client.force_login(request.getfixturevalue(who))
    response = _post(client, household)
    assert response.status_code == 302 and response["Location"] == household.get_absolute_url()
    household.refresh_from_db()
    assert (household.status, household.status_date) == (HouseholdStatus.GRADUATED, date(2026, 3, 1))
    assert household.status_reason == "Usaha warung mandiri"
    graduation = Graduation.objects.get(household=household)
    assert (graduation.source, graduation.desil_before, graduation.evidence_name) == ("manual", 2, "bukti.pdf")
    assert graduation.evidence.name.startswith("graduasi/") and graduation.evidence.name.endswith(".pdf")
    with graduation.evidence.open("rb") as stored:
        assert stored.read() == PDF
    assert (private_files / graduation.evidence.name).exists()


def test_another_districts_officer_gets_404(client, household, officer_b):
    client.force_login(officer_b)
    assert client.get(_url(household)).status_code == 404
    assert _post(client, household).status_code == 404
    assert not Graduation.objects.exists()


@pytest.mark.parametrize("who", ["viewer", "viewer_a"])
def test_a_viewer_gets_403(client, household, who, request):
    client.force_login(request.getfixturevalue(who))
    assert _post(client, household).status_code == 403
    household.refresh_from_db()
    assert household.status == HouseholdStatus.ACTIVE


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bukti.exe", PDF, "JPG, PNG atau PDF"),
        ("bukti.png", PDF, "tidak sesuai jenisnya"),
        ("bukti.pdf", PNG, "tidak sesuai jenisnya"),
        ("bukti.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), "paling besar 5 MB"),
    ],
)
def test_it_refuses_evidence_that_is_not_what_it_says(client, household, officer_a, name, content, message):
    client.force_login(officer_a)
    response = _post(client, household, name=name, content=content)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["evidence"])
    assert not Graduation.objects.exists()


def test_it_accepts_png_and_refuses_a_future_date(client, household, officer_a):
    client.force_login(officer_a)
    assert _post(client, household, graduated_on="2999-01-01").status_code == 200
    assert _post(client, household, name="foto.PNG", content=PNG).status_code == 302
    assert Graduation.objects.get().evidence.name.endswith(".png")


def test_a_graduated_household_is_not_graduated_twice(client, household, officer_a):
    client.force_login(officer_a)
    _post(client, household)
    assert _post(client, household).status_code == 302
    assert Graduation.objects.count() == 1
