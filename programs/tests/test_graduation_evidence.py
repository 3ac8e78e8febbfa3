"""Graduation evidence: downloaded within the scope only, as an attachment with a safe name; the
graduation list and the household page link to it; the household page links to the graduation form
and lists the interventions the household received."""

from datetime import date

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from beneficiaries.graduation import graduate_household
from beneficiaries.models import Graduation, HouseholdStatus
from programs.models import Recipient
from programs.views.graduations import safe_filename
from tests.factories import HouseholdFactory, InterventionFactory, PersonFactory

PDF = b"%PDF-1.7\n%bukti graduasi uji\n"


@pytest.fixture(autouse=True)
def evidence_in_test_storage(monkeypatch, private_files):
    monkeypatch.setattr(Graduation._meta.get_field("evidence"), "storage", storages["private"])


@pytest.fixture
def household(village_a):
    household = HouseholdFactory(village=village_a, desil=2)
    PersonFactory(household=household, relationship="kepala", name="Wiryo Pranajaya")
    return household


@pytest.fixture
def graduation(household, officer_a):
    return graduate_household(
        household=household, user=officer_a, graduated_on=date(2026, 3, 1), reason="Usaha warung mandiri",
        evidence=SimpleUploadedFile('../../surat "lurah"\r\n.pdf', PDF), extension=".pdf",
    )  # fmt: skip


def _download(client, graduation):
    return client.get(reverse("programs:graduation_evidence", args=[graduation.pk]))


@pytest.mark.parametrize("who", ["admin_user", "officer_a"])
def test_those_who_may_graduate_download_the_evidence_as_an_attachment(client, request, who, graduation):
    client.force_login(request.getfixturevalue(who))
    response = _download(client, graduation)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert 'filename="surat _lurah.pdf"' in disposition
    assert "/" not in disposition and "\r" not in disposition and "\n" not in disposition


@pytest.mark.parametrize(("who", "status"), [("officer_b", 404), ("agency_staff", 404), ("viewer", 403)])
def test_others_do_not_get_the_evidence(client, request, who, status, graduation):
    client.force_login(request.getfixturevalue(who))
    assert _download(client, graduation).status_code == status


def test_a_graduation_without_evidence_has_nothing_to_download(client, admin_user, household):
    graduation = Graduation.objects.create(
        household=household, graduated_on=date(2026, 5, 1), source="desil", reason="Desil naik dari 2 menjadi 6"
    )
    client.force_login(admin_user)
    assert _download(client, graduation).status_code == 404


@pytest.mark.parametrize(
    ("name", "extension", "safe"),
    [
        ("bukti.pdf", ".pdf", "bukti.pdf"),
        ("C:\\Users\\x\\foto rumah.jpg", ".jpg", "foto rumah.jpg"),
        ("<script>.png", ".png", "script.png"),
        ("", ".pdf", "bukti-graduasi.pdf"),
        ("berkas.exe", ".exe", "berkas"),  # never an extension that was not checked
    ],
)
def test_it_makes_safe_file_names(name, extension, safe):
    assert safe_filename(Graduation(evidence_name=name, evidence_extension=extension)) == safe


def test_the_graduation_pages_link_the_evidence_for_those_who_may_open_it(client, officer_a, viewer, graduation):
    evidence_url = reverse("programs:graduation_evidence", args=[graduation.pk])
    client.force_login(officer_a)
    for url in (reverse("programs:graduation"), reverse("programs:graduation_list")):
        response = client.get(url)
        assert response.status_code == 200
        assert evidence_url in response.text and graduation.household.masked_no_kk in response.text
    client.force_login(viewer)
    response = client.get(reverse("programs:graduation_list"))
    assert graduation.household.masked_no_kk in response.text
    assert evidence_url not in response.text and "tersimpan tertutup" in response.text


def test_the_graduation_list_is_scoped_and_filtered(client, officer_b, admin_user, graduation, district_a):
    client.force_login(officer_b)
    assert list(client.get(reverse("programs:graduation_list")).context["page"]) == []
    client.force_login(admin_user)
    assert list(client.get(reverse("programs:graduation_list"), {"dasar": "manual"}).context["page"]) == [graduation]
    assert list(client.get(reverse("programs:graduation_list"), {"dasar": "desil"}).context["page"]) == []
    response = client.get(reverse("programs:graduation_list"), {"district": district_a.pk})
    assert list(response.context["page"]) == [graduation]


def test_agency_staff_get_no_graduation_list(client, agency_staff):
    client.force_login(agency_staff)
    assert client.get(reverse("programs:graduation_list")).status_code == 403


@pytest.mark.parametrize("who", ["admin_user", "officer_a"])
def test_the_household_page_links_to_the_graduation_form_while_active(client, request, who, household):
    client.force_login(request.getfixturevalue(who))
    graduate_url = reverse("programs:household_graduate", args=[household.pk])
    assert graduate_url in client.get(household.get_absolute_url()).text
    household.status = HouseholdStatus.MOVED
    household.save()
    assert graduate_url not in client.get(household.get_absolute_url()).text


def test_readers_get_no_graduation_link(client, viewer_a, household):
    client.force_login(viewer_a)
    response = client.get(household.get_absolute_url())
    assert reverse("programs:household_graduate", args=[household.pk]) not in response.text


def test_the_household_page_shows_the_graduation_and_its_evidence(client, officer_a, viewer_a, graduation):
    household = graduation.household
    evidence_url = reverse("programs:graduation_evidence", args=[graduation.pk])
    client.force_login(officer_a)
    response = client.get(household.get_absolute_url())
    assert "Usaha warung mandiri" in response.text and evidence_url in response.text
    assert reverse("programs:household_graduate", args=[household.pk]) not in response.text  # graduated already
    client.force_login(viewer_a)
    response = client.get(household.get_absolute_url())
    assert "Usaha warung mandiri" in response.text and evidence_url not in response.text


def test_the_household_page_lists_the_interventions_received(client, officer_a, household, village_a, agency):
    to_household = InterventionFactory(village=village_a, program__name="Bedah Rumah Uji", program__lead_agency=agency)
    to_member = InterventionFactory(village=village_a, program__name="Beasiswa Uji", program__lead_agency=agency)
    InterventionFactory(village=village_a, program__name="Program Lain Uji")  # not this household's
    Recipient.objects.create(
        intervention=to_household, household=household, received_on=date(2026, 2, 3), added_by=officer_a
    )
    Recipient.objects.create(intervention=to_member, person=household.head, added_by=officer_a)
    client.force_login(officer_a)
    response = client.get(household.get_absolute_url())
    text = response.text
    assert "Bedah Rumah Uji" in text and "Beasiswa Uji" in text and "Program Lain Uji" not in text
    assert reverse("programs:intervention_detail", args=[to_household.pk]) in text
    assert reverse("programs:intervention_detail", args=[to_member.pk]) in text
    assert "3 Februari 2026" in text and "Wiryo Pranajaya" in text


def test_a_household_without_interventions_says_so(client, officer_a, household):
    client.force_login(officer_a)
    assert 'data-testid="no-household-interventions"' in client.get(household.get_absolute_url()).text
