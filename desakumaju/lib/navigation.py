"""The main navigation: each role sees only what it may use."""

from dataclasses import dataclass

from django.urls import reverse

from accounts import second_factor
from accounts.models import Role
from accounts.scoping import Scope


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    icon: str
    roles: frozenset[str] = frozenset(Role.values)


NAVIGATION = (
    NavItem("Beranda", "home", "house-door"),
    NavItem("Dasbor", "dashboard:overview", "speedometer2"),
    NavItem("Desa/Kelurahan", "villages:list", "geo-alt"),
    NavItem("Program", "programs:program_list", "journal-text"),
    NavItem("Intervensi", "programs:intervention_list", "clipboard-check"),
    # The BNBA registry; agency staff will reach recipients through their interventions instead.
    NavItem(
        "Keluarga",
        "beneficiaries:household_list",
        "people",
        frozenset({Role.BAPPEDA_ADMIN, Role.DISTRICT_OFFICER, Role.VIEWER}),
    ),
    NavItem(
        "Unggahan BNBA",
        "beneficiaries:batch_list",
        "cloud-upload",
        frozenset({Role.BAPPEDA_ADMIN, Role.DISTRICT_OFFICER}),
    ),
    NavItem(
        "Penugasan",
        "programs:assignment_list",
        "clipboard-check",
        frozenset({Role.BAPPEDA_ADMIN, Role.AGENCY_STAFF}),
    ),
    NavItem(
        "Sasaran",
        "programs:locus_villages",
        "bullseye",
        frozenset({Role.BAPPEDA_ADMIN, Role.DISTRICT_OFFICER, Role.VIEWER}),
    ),
    NavItem(
        "Pengaduan",
        "complaints:queue",
        "megaphone",
        frozenset({Role.BAPPEDA_ADMIN, Role.DISTRICT_OFFICER, Role.AGENCY_STAFF}),
    ),
    NavItem(
        "Laporan",
        "reports:report_list",
        "file-earmark-text",
        frozenset({Role.BAPPEDA_ADMIN, Role.DISTRICT_OFFICER, Role.VIEWER}),
    ),
    # A data subject's request: who saw and changed the data of one NIK or No KK.
    NavItem("Subjek data", "records:subject_search", "shield-lock", frozenset({Role.BAPPEDA_ADMIN})),
    NavItem("Administrasi", "admin:index", "gear", frozenset({Role.BAPPEDA_ADMIN})),
)


def items_for(user) -> list[dict]:
    if not (user.is_authenticated and user.is_active):
        return []
    return [
        {"label": item.label, "url": reverse(item.url_name), "icon": item.icon}
        for item in NAVIGATION
        if user.role in item.roles
    ]


def scope_label(user) -> str:
    scope = Scope.of(user)
    if scope.agency_id:
        return user.agency.name
    if scope.whole_province:
        return "Seluruh Provinsi Lampung"
    if scope.district_id:
        return user.district.name
    return "Tanpa wilayah kerja"


def navigation(request):
    """Context processor: the navigation and the scope label of the current user; no navigation while the
    second factor is still to be given (its pages are all the user may open)."""
    user = request.user
    if not user.is_authenticated:
        return {"nav_items": []}
    if second_factor.pending_step(request):
        return {"nav_items": [], "scope_label": scope_label(user), "second_factor_pending": True}
    return {"nav_items": items_for(user), "scope_label": scope_label(user)}
