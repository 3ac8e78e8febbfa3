"""Every URL of the portal × every role: the status each role gets (SECURITY-CHECKLIST AC-01/AC-03).

Adding a URL without adding it to ACCESS makes this test fail: decide who may open it.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from captcha.models import CaptchaStore
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from beneficiaries.models import Graduation, ImportBatch
from complaints.models import Attachment, Ticket
from complaints.services import file_ticket
from programs.models import Evidence, Recipient
from records.models import ExportJob
from reporting.reports_models import Report
from tests.factories import (
    TEST_PASSWORD,
    AssignmentFactory,
    HouseholdFactory,
    InterventionFactory,
    PersonFactory,
    UserFactory,
)
from tests.otp import totp_device
from villages.models import Institution

ROLES = ["anonymous", "admin", "officer_a", "officer_b", "agency_staff", "viewer", "viewer_a", "no_scope"]
LOGGED_IN = ROLES[1:]


@dataclass
class Url:
    """Expected GET status per role; ``others`` for logged-in roles not named, 302 for anonymous."""

    kwargs: callable = lambda world: {}
    others: int = 200
    anonymous: int = 302
    roles: dict = field(default_factory=dict)

    def expected(self, role: str) -> int:
        if role == "anonymous":
            return self.anonymous
        return self.roles.get(role, self.others)


def _village_a(world):
    return {"code": world.village_a.code}


# Seen by everyone logged in, but editable only by admins and the district's officers.
EDIT_VILLAGE_A = {"officer_b": 404, "no_scope": 404, "agency_staff": 403, "viewer": 403, "viewer_a": 403}
VIEW_VILLAGE_A = {"officer_b": 404, "no_scope": 404}
# The BNBA registry is not for agency staff: the list refuses them (403), a household is not found.
VIEW_HOUSEHOLD_A = {"officer_b": 404, "no_scope": 404, "agency_staff": 404}
EDIT_HOUSEHOLD_A = {**VIEW_HOUSEHOLD_A, "viewer": 403, "viewer_a": 403}


def _household_a(world):
    return {"pk": world.household_a.pk}


# BNBA uploads: Bappeda admins and district officers with a district; a batch is its district's.
UPLOADERS_ONLY = {"agency_staff": 403, "viewer": 403, "viewer_a": 403, "no_scope": 403}
BATCH_OF_A = {"officer_b": 404, "agency_staff": 404, "viewer": 404, "viewer_a": 404, "no_scope": 404}


def _batch_a(world):
    return {"pk": world.batch_a.pk}


# Programs and interventions are entered by Bappeda admins and agency staff; the others only read.
PROGRAM_WRITERS = {"officer_a": 403, "officer_b": 403, "viewer": 403, "viewer_a": 403, "no_scope": 403}
PROGRAM_OF_AGENCY = {**PROGRAM_WRITERS, "no_scope": 404}
# The agency's intervention in village A: its agency, Bappeda and district A see it; the rest 404.
VIEW_INTERVENTION_A = {"officer_b": 404, "no_scope": 404}
EDIT_INTERVENTION_A = {**VIEW_INTERVENTION_A, "officer_a": 403, "viewer": 403, "viewer_a": 403}


def _intervention_a(world):
    return {"pk": world.intervention_a.pk}


# Assignments: admins make them; the queue and the summary show each user their scope (empty for some).
ADMINS_ONLY = {role: 403 for role in LOGGED_IN if role != "admin"}


def _assignment_a(world):
    return {"pk": world.assignment_a.pk}


# Sasaran (targeting): the registry roles; agency staff reach people through their interventions.
TARGETING_ROLES_ONLY = {"agency_staff": 403}

# Recipients of an intervention of `agency` in village A: whoever sees it reads the list; the changes
# are POST only (405 to GET; 403 for those who only read, tested in programs/tests/test_recipients_*).
VIEW_RECIPIENTS_A = {"officer_b": 404, "no_scope": 404}


def _recipients_a(world):
    return {"pk": world.recipients_intervention.pk}


# Complaints: the public side needs no login; the queue is for admins, district officers and agency staff
# (viewers read the counts on dashboards). The ticket in village A is routed to `agency` (intervention_a).
COMPLAINT_QUEUE = {"viewer": 403, "viewer_a": 403}
VIEW_TICKET_A = {"officer_b": 404, "viewer": 404, "viewer_a": 404, "no_scope": 404}
CORRECT_TICKET_A = {**VIEW_TICKET_A, "agency_staff": 403}


def _ticket_a(world):
    return {"pk": world.ticket_a.pk}


# LP2KD reports: Bappeda, district officers and viewers; agency staff 403 on the list, 404 on a report.
# A district's report is seen by its officers and viewers and by province-wide users.
REPORT_READERS = {"agency_staff": 403}
REPORT_OF_A = {"officer_b": 404, "agency_staff": 404, "no_scope": 404}


def _report_a(world):
    return {"pk": world.report_a.pk}


# A large export built by a worker: its requester (officer_a) only; for anyone else it does not exist.
EXPORT_OF_OFFICER_A = {role: 404 for role in LOGGED_IN if role != "officer_a"}


def _export_a(world):
    return {"pk": world.export_a.pk}


ACCESS = {
    "home": Url(),
    "accounts:login": Url(anonymous=200, others=302),
    "accounts:logout": Url(others=405),  # POST only
    "accounts:password_change": Url(),
    "accounts:password_change_done": Url(),
    "accounts:security": Url(),
    # The second factor's setup: an admin has a device already (set up again only after an admin's reset).
    "accounts:otp_setup": Url(roles={"admin": 302}),
    # The code page after the password: a verified session goes on, a user without a device to the setup.
    "accounts:otp_verify": Url(others=302),
    "villages:list": Url(),
    "villages:subdistrict_options": Url(),
    "villages:detail": Url(_village_a, roles=VIEW_VILLAGE_A),
    "villages:year_edit": Url(lambda w: {**_village_a(w), "year": w.year}, roles=EDIT_VILLAGE_A),
    "villages:institution_add": Url(_village_a, roles=EDIT_VILLAGE_A),
    "villages:institution_edit": Url(lambda w: {**_village_a(w), "pk": w.institution_a.pk}, roles=EDIT_VILLAGE_A),
    "beneficiaries:household_list": Url(roles={"agency_staff": 403}),
    "beneficiaries:household_export": Url(roles={"agency_staff": 403}),  # exports: like their list
    "beneficiaries:person_export": Url(roles={"agency_staff": 403}),
    "beneficiaries:village_options": Url(),
    "beneficiaries:household_detail": Url(_household_a, roles=VIEW_HOUSEHOLD_A),
    "beneficiaries:household_edit": Url(_household_a, roles=EDIT_HOUSEHOLD_A),
    "beneficiaries:household_history": Url(_household_a, roles=VIEW_HOUSEHOLD_A),
    "beneficiaries:household_reveal": Url(_household_a, others=405),  # POST only, with a reason
    "beneficiaries:person_history": Url(
        lambda w: {**_household_a(w), "person_pk": w.head_a.pk}, roles=VIEW_HOUSEHOLD_A
    ),
    "beneficiaries:desil_add": Url(_household_a, roles=EDIT_HOUSEHOLD_A),
    # Household A has its No KK: those who may edit it are sent back to the household.
    "beneficiaries:household_no_kk": Url(_household_a, roles=EDIT_HOUSEHOLD_A, others=302),
    "beneficiaries:person_add": Url(_household_a, roles=EDIT_HOUSEHOLD_A),
    "beneficiaries:person_edit": Url(lambda w: {**_household_a(w), "person_pk": w.head_a.pk}, roles=EDIT_HOUSEHOLD_A),
    "beneficiaries:batch_list": Url(roles=UPLOADERS_ONLY),
    "beneficiaries:batch_upload": Url(roles=UPLOADERS_ONLY),
    "beneficiaries:import_template": Url(roles=UPLOADERS_ONLY),
    "beneficiaries:batch_detail": Url(_batch_a, roles=BATCH_OF_A),
    "beneficiaries:batch_progress": Url(_batch_a, roles=BATCH_OF_A),
    "beneficiaries:batch_problems_xlsx": Url(_batch_a, roles=BATCH_OF_A),
    "beneficiaries:batch_import": Url(_batch_a, others=405),  # POST only
    "beneficiaries:batch_cancel": Url(_batch_a, others=405),
    "beneficiaries:batch_retry": Url(_batch_a, others=405),
    "beneficiaries:batch_choose_sheet": Url(_batch_a, others=405),
    "programs:recipients": Url(_recipients_a, roles=VIEW_RECIPIENTS_A),
    "programs:recipient_search": Url(_recipients_a, others=405),  # POST only
    "programs:recipient_add": Url(_recipients_a, others=405),
    "programs:recipient_add_desil1": Url(_recipients_a, others=405),
    "programs:recipient_upload": Url(_recipients_a, others=405),
    "programs:recipient_remove": Url(lambda w: {**_recipients_a(w), "recipient_pk": w.recipient_a.pk}, others=405),
    "programs:assignment_list": Url(),
    "programs:assignment_create": Url(roles=ADMINS_ONLY),
    "programs:assignment_villages": Url(roles=ADMINS_ONLY),
    "programs:assignment_summary": Url(),
    "programs:assignment_accept": Url(_assignment_a, others=405),  # POST only
    "programs:assignment_start": Url(_assignment_a, others=405),
    "programs:assignment_done": Url(_assignment_a, others=405),  # POST only
    "programs:assignment_cancel": Url(_assignment_a, others=405),
    "programs:assignment_edit": Url(_assignment_a, roles=ADMINS_ONLY),
    "programs:locus_villages": Url(roles=TARGETING_ROLES_ONLY),
    "programs:locus_export": Url(roles=TARGETING_ROLES_ONLY),
    "programs:priority_list": Url(roles=TARGETING_ROLES_ONLY),
    "programs:priority_export": Url(roles=TARGETING_ROLES_ONLY),
    "programs:convergence": Url(roles=TARGETING_ROLES_ONLY),
    "programs:graduation": Url(roles=TARGETING_ROLES_ONLY),
    "programs:household_graduate": Url(_household_a, roles=EDIT_HOUSEHOLD_A),
    "programs:graduation_list": Url(roles=TARGETING_ROLES_ONLY),
    # The evidence of a graduation in village A: opened by those who may mark graduation there.
    "programs:graduation_evidence": Url(lambda w: {"pk": w.graduation_a.pk}, roles=EDIT_HOUSEHOLD_A),
    # Every role: district users see their own district, agency staff their agency's work, no scope nothing.
    "dashboard:overview": Url(),
    "programs:program_list": Url(),
    "programs:program_create": Url(roles=PROGRAM_WRITERS),
    "programs:program_edit": Url(lambda w: {"pk": w.intervention_a.program_id}, roles=PROGRAM_OF_AGENCY),
    "programs:intervention_list": Url(),
    "programs:intervention_export": Url(),
    "programs:intervention_create": Url(roles=PROGRAM_WRITERS),
    "programs:village_search": Url(),
    "programs:institution_options": Url(),
    "programs:intervention_detail": Url(_intervention_a, roles=VIEW_INTERVENTION_A),
    "programs:intervention_edit": Url(_intervention_a, roles=EDIT_INTERVENTION_A),
    "programs:intervention_history": Url(_intervention_a, roles=VIEW_INTERVENTION_A),
    "programs:intervention_status": Url(_intervention_a, others=405),  # POST only
    "programs:evidence_upload": Url(_intervention_a, others=405),
    "programs:evidence_download": Url(
        lambda w: {**_intervention_a(w), "evidence_pk": w.evidence_a.pk}, roles=VIEW_INTERVENTION_A
    ),
    "reports:report_list": Url(roles=REPORT_READERS),
    "reports:report_request": Url(others=405),  # POST only
    "reports:report_detail": Url(_report_a, roles=REPORT_OF_A),
    "reports:report_progress": Url(_report_a, roles=REPORT_OF_A),
    "reports:report_retry": Url(_report_a, others=405),
    "reports:report_cancel": Url(_report_a, others=405),
    "reports:report_download": Url(lambda w: {**_report_a(w), "fmt": "xlsx"}, roles=REPORT_OF_A),
    "reports:approval_list": Url(roles=ADMINS_ONLY),
    "reports:period_approve": Url(others=405),
    "reports:period_unlock": Url(lambda w: {"pk": 1}, others=405),
    "records:subject_search": Url(roles=ADMINS_ONLY),  # a data subject's request, Bappeda admins only
    "complaints:file": Url(anonymous=200),
    "captcha-image": Url(lambda world: {"key": CaptchaStore.generate_key()}, anonymous=200),  # the form's CAPTCHA
    "complaints:status": Url(anonymous=200),
    "complaints:subdistrict_options": Url(anonymous=200),
    "complaints:village_options": Url(anonymous=200),
    "complaints:queue": Url(roles=COMPLAINT_QUEUE),
    "complaints:queue_export": Url(roles=COMPLAINT_QUEUE),
    "complaints:ticket_detail": Url(_ticket_a, roles=VIEW_TICKET_A),
    "complaints:ticket_reveal": Url(_ticket_a, others=405),  # POST only, with a reason
    "complaints:ticket_status_change": Url(_ticket_a, others=405),  # POST only
    "complaints:ticket_note": Url(_ticket_a, others=405),
    "complaints:ticket_assign": Url(_ticket_a, others=405),
    "complaints:ticket_route": Url(_ticket_a, others=405),
    "complaints:attachment_download": Url(
        lambda w: {**_ticket_a(w), "attachment_pk": w.attachment_a.pk}, roles=VIEW_TICKET_A
    ),
    "complaints:correction_propose": Url(_ticket_a, roles=CORRECT_TICKET_A),
    "complaints:correction_approve": Url(lambda w: {**_ticket_a(w), "proposal_pk": 1}, others=405),
    "complaints:correction_decline": Url(lambda w: {**_ticket_a(w), "proposal_pk": 1}, others=405),
    "exports:job": Url(_export_a, roles=EXPORT_OF_OFFICER_A),
    "exports:job_progress": Url(_export_a, roles=EXPORT_OF_OFFICER_A),  # a ready export: htmx reloads the page
    "exports:job_download": Url(_export_a, roles=EXPORT_OF_OFFICER_A),
}


def _url_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_names(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def portal_url_names() -> set[str]:
    return {name for name in _url_names(get_resolver().url_patterns) if not name.startswith("admin:")}


class World:
    def __init__(self, **objects):
        self.__dict__.update(objects)


@pytest.fixture
def world(village_a, village_b, admin_user, officer_a, officer_b, agency_staff, viewer, viewer_a):
    household_a = HouseholdFactory(village=village_a)
    recipients_intervention = InterventionFactory(village=village_a, program__lead_agency=agency_staff.agency)
    return World(
        village_a=village_a,
        household_a=household_a,
        head_a=PersonFactory(household=household_a, relationship="kepala"),
        institution_a=Institution.objects.create(village=village_a, kind="bumdes", name="BUMDes Uji"),
        batch_a=ImportBatch.objects.create(
            file="bnba/uji.xlsx",
            file_type="xlsx",
            original_name="uji.xlsx",
            sha256="0" * 64,
            size=1,
            district=village_a.district,
            uploaded_by=officer_a,
            desil_source="dtsen",
            desil_as_of=date(2026, 1, 1),
            status="ready",
        ),
        assignment_a=AssignmentFactory(village=village_a, program__lead_agency=agency_staff.agency),
        intervention_a=(
            intervention_a := InterventionFactory(village=village_a, program__lead_agency=agency_staff.agency)
        ),
        evidence_a=Evidence.objects.create(
            intervention=intervention_a,
            file=ContentFile(b"%PDF-1.4 uji", name="bukti.pdf"),
            extension=".pdf",
            original_name="bukti.pdf",
            size=12,
            uploaded_by=agency_staff,
        ),
        ticket_a=(ticket_a := _ticket_routed_to(intervention_a)),
        attachment_a=Attachment.objects.create(
            ticket=ticket_a,
            file=ContentFile(b"%PDF-1.4 uji", name="lampiran.pdf"),
            extension=".pdf",
            original_name="lampiran.pdf",
            size=12,
        ),
        report_a=Report.objects.create(
            kind="annual",
            year=2026,
            district=village_a.district,
            scope_code=village_a.district.code,
            requested_by=officer_a,
            status="ready",
            xlsx_file=ContentFile(b"PK uji", name="laporan.xlsx"),
            pdf_file=ContentFile(b"%PDF-1.4 uji", name="laporan.pdf"),
        ),
        graduation_a=Graduation.objects.create(
            household=HouseholdFactory(village=village_a),
            graduated_on=date(2026, 3, 1),
            source="manual",
            reason="Usaha mandiri",
            evidence=ContentFile(b"%PDF-1.4 uji", name="bukti.pdf"),
            evidence_extension=".pdf",
            evidence_name="bukti graduasi.pdf",
            recorded_by=officer_a,
        ),
        export_a=ExportJob.objects.create(
            user=officer_a,
            list_name="anggota",
            file_format="xlsx",
            filename="anggota-keluarga",
            status="ready",
            file=ContentFile(b"PK uji", name="anggota-keluarga.xlsx"),
            expires_at=timezone.now() + timedelta(hours=1),
        ),
        year=timezone.localdate().year,
        recipients_intervention=recipients_intervention,
        recipient_a=Recipient.objects.create(
            intervention=recipients_intervention, household=household_a, added_by=agency_staff
        ),
        users={
            "admin": admin_user,
            "officer_a": officer_a,
            "officer_b": officer_b,
            "agency_staff": agency_staff,
            "viewer": viewer,
            "viewer_a": viewer_a,
            "no_scope": UserFactory(username="tanpa_wilayah", role="district_officer", district=None),
        },
    )


def _ticket_routed_to(intervention):
    ticket = file_ticket(category="not_received", village=intervention.village, description="Bantuan tidak sampai.")
    Ticket.objects.filter(pk=ticket.pk).update(intervention=intervention, agency=intervention.agency)
    return ticket


def client_for(world, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def test_it_lists_every_portal_url():
    assert portal_url_names() == set(ACCESS), "Add the new URL to ACCESS with the status each role gets."


@pytest.mark.parametrize("role", ROLES)
def test_it_gives_each_role_the_expected_status(world, role):
    client = client_for(world, role)
    wrong = {}
    for name, spec in ACCESS.items():
        response = client.get(reverse(name, kwargs=spec.kwargs(world)))
        if response.status_code != spec.expected(role):
            wrong[name] = (response.status_code, spec.expected(role))
        if role == "anonymous" and response.status_code == 302:
            assert response["Location"].startswith(reverse("accounts:login")), name
    assert not wrong, f"{role}: {{url: (got, expected)}} = {wrong}"


@pytest.mark.parametrize("role", LOGGED_IN)
def test_it_keeps_authenticated_pages_out_of_caches_and_sets_security_headers(world, role):
    client = client_for(world, role)
    for name, spec in ACCESS.items():
        response = client.get(reverse(name, kwargs=spec.kwargs(world)))
        assert "no-store" in response.get("Cache-Control", ""), name
        assert response["Referrer-Policy"] == "same-origin", name
        assert "default-src 'self'" in response["Content-Security-Policy"], name


ADMIN_PAGES = ["admin:index", "admin:accounts_user_changelist", "admin:programs_agency_changelist"]


@pytest.mark.parametrize("role", ROLES)
def test_it_opens_django_admin_to_bappeda_admins_only(world, role):
    client = client_for(world, role)
    for name in ADMIN_PAGES:
        response = client.get(reverse(name))
        if role == "admin":
            assert response.status_code == 200, name
        else:
            assert response.status_code == 302, name
            assert response["Location"].startswith((reverse("accounts:login"), reverse("admin:login"))), name


def test_every_url_refuses_a_post_without_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["admin"])
    for name, spec in ACCESS.items():
        response = client.post(reverse(name, kwargs=spec.kwargs(world)), {"name": "x"})
        assert response.status_code in (403, 405), name


# What a Bappeda admin may open between the password and the second factor (AUTH-01 (5)).
# (The login page sends a logged-in user home, from where the middleware sends them to the step.)
BEFORE_SECOND_FACTOR = {
    "accounts:otp_setup": 200,
    "accounts:otp_verify": 302,
    "accounts:logout": 405,
    "accounts:login": 302,
}


@pytest.mark.parametrize("has_device", [False, True], ids=["to-set-up", "to-verify"])
def test_an_admin_reaches_nothing_but_the_second_factor_after_the_password(world, has_device):
    """AUTH-01 (5): after the password only the second factor's pages and public pages open, /admin/ included."""
    admin = world.users["admin"]
    if has_device:
        totp_device(admin)
    client = Client()
    assert (
        client.post(reverse("accounts:login"), {"username": admin.username, "password": TEST_PASSWORD}).status_code
        == 302
    )
    step = reverse("accounts:otp_verify" if has_device else "accounts:otp_setup")
    # The step to take opens; the other sends there.
    expected = (
        {**BEFORE_SECOND_FACTOR, "accounts:otp_setup": 302, "accounts:otp_verify": 200}
        if has_device
        else BEFORE_SECOND_FACTOR
    )
    wrong = {}
    for name, spec in ACCESS.items():
        response = client.get(reverse(name, kwargs=spec.kwargs(world)))
        if spec.anonymous == 200 or name in expected:  # public pages, and the step's own
            if response.status_code != expected.get(name, 200):
                wrong[name] = response.status_code
        elif response.status_code != 302 or not response["Location"].startswith(step):
            wrong[name] = response.status_code
    for name in ADMIN_PAGES:
        response = client.get(reverse(name))
        if response.status_code != 302 or not response["Location"].startswith(step):
            wrong[name] = response.status_code
    assert not wrong, wrong
