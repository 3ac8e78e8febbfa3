"""Graduations one by one: the list of households that left poverty, and their evidence files.

Scoped like the household pages: the registry roles see the graduations of their region
(``Graduation.objects.visible_to``), agency staff none. The evidence is kept private and opened only by
whoever may mark graduation themselves (Bappeda admins, the district's officers); a file outside the
user's region is not found (404), one inside it that they may not open is refused (403).
"""

import re
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from accounts.models import Role
from beneficiaries.models import Graduation, GraduationSource, Household
from villages.models import District

REGISTRY_ROLES = frozenset({Role.BAPPEDA_ADMIN, Role.DISTRICT_OFFICER, Role.VIEWER})
CONTENT_TYPES = {".jpg": "image/jpeg", ".png": "image/png", ".pdf": "application/pdf"}
PER_PAGE = 50


def visible_graduations(user):
    """The graduations the user may read: those of their region, for the registry roles."""
    if getattr(user, "role", None) not in REGISTRY_ROLES:
        return Graduation.objects.none()
    return Graduation.objects.visible_to(user)


def may_open_evidence(user, graduation: Graduation) -> bool:
    return bool(graduation.evidence) and Household.objects.editable_by(user).filter(pk=graduation.household_id).exists()


def safe_filename(graduation: Graduation) -> str:
    """A download name: no path, no quote or control character, and the extension the file was checked as."""
    extension = graduation.evidence_extension if graduation.evidence_extension in CONTENT_TYPES else ""
    stem = Path((graduation.evidence_name or "").replace("\\", "/")).stem
    stem = re.sub(r"[^\w\- ]+", "_", stem).strip(" _")[:100] or "bukti-graduasi"
    return f"{stem}{extension}"


@require_GET
def graduation_list(request):
    """Every graduation in the user's region, newest first, by kabupaten and basis."""
    if request.user.role not in REGISTRY_ROLES:
        raise PermissionDenied
    graduations = visible_graduations(request.user).select_related("household__village__district", "recorded_by")
    districts = District.objects.visible_to(request.user)
    district, source = request.GET.get("district", ""), request.GET.get("dasar", "")
    district = district if district.isdigit() else ""
    source = source if source in GraduationSource.values else ""
    if district:
        graduations = graduations.filter(household__village__district=district)
    if source:
        graduations = graduations.filter(source=source)
    page = Paginator(graduations.order_by("-graduated_on", "-pk"), PER_PAGE).get_page(request.GET.get("page"))
    openable = set(
        Household.objects.editable_by(request.user)
        .filter(pk__in=[graduation.household_id for graduation in page])
        .values_list("pk", flat=True)
    )
    context = {
        "page": page,
        "openable": openable,
        "districts": districts,
        "district": district,
        "sources": GraduationSource.choices,
        "source": source,
        "query": urlencode({key: value for key, value in (("district", district), ("dasar", source)) if value}),
    }
    return render(request, "programs/graduation_list.html", context)


@require_GET
def graduation_evidence(request, pk):
    """The evidence file of one graduation, as a download."""
    graduation = visible_graduations(request.user).filter(pk=pk).first()
    if graduation is None or not graduation.evidence:
        raise Http404
    if not may_open_evidence(request.user, graduation):
        raise PermissionDenied
    return FileResponse(
        graduation.evidence.open("rb"),
        as_attachment=True,
        filename=safe_filename(graduation),
        content_type=CONTENT_TYPES.get(graduation.evidence_extension, "application/octet-stream"),
    )
