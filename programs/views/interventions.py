"""Interventions: list and export, the form, the detail page with its workflow, and evidence files."""

import re
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_tables2 import RequestConfig

from desakumaju.lib.list_exports import export_list
from records.models import ExportList
from villages.models import Institution, Village

from .. import exports, services
from ..forms import EvidenceForm, InterventionForm
from ..locking import approval_for, lock_message
from ..models import Evidence, Intervention, InterventionStatus
from ..models.interventions import TRANSITIONS
from ..tables import InterventionTable

CONTENT_TYPES = {".jpg": "image/jpeg", ".png": "image/png", ".pdf": "application/pdf"}
CLOSED = {InterventionStatus.VERIFIED, InterventionStatus.CANCELLED}


def _get_intervention_for_user(user, pk: int, *, edit: bool = False) -> Intervention:
    """The intervention if the user may see it (404 otherwise); with ``edit``, 403 if they may not edit it."""
    related = ("program", "agency", "village__subdistrict", "village__district", "institution", "commodity")
    intervention = get_object_or_404(Intervention.objects.visible_to(user).select_related(*related), pk=pk)
    if edit and not Intervention.objects.editable_by(user).filter(pk=pk).exists():
        raise PermissionDenied
    return intervention


def _filtered(request):
    return exports.filtered_interventions(user=request.user, params=request.GET)


@require_GET
def intervention_list(request):
    intervention_filter, found = _filtered(request)
    related = ("program", "agency", "village__subdistrict", "village__district")
    table = InterventionTable(found.select_related(*related))
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    context = {
        "filter": intervention_filter,
        "table": table,
        "can_create": _may_enter(request.user),
    }
    return render(request, "programs/intervention_list.html", context)


@require_GET
def intervention_export(request):
    """The filtered list as xlsx (default) or csv (``?format=csv``); the URL keeps its old .xlsx name."""
    return export_list(request, ExportList.INTERVENTIONS)


def _may_enter(user) -> bool:
    return user.is_bappeda_admin or (user.is_agency_staff and bool(user.agency_id))


@require_http_methods(["GET", "POST"])
def intervention_create(request):
    if not _may_enter(request.user):
        raise PermissionDenied
    return _intervention_form(request, Intervention())


@require_http_methods(["GET", "POST"])
def intervention_edit(request, pk):
    intervention = _get_intervention_for_user(request.user, pk, edit=True)
    if intervention.status in CLOSED:
        messages.error(request, f"Intervensi berstatus {intervention.get_status_display()} tidak dapat diubah lagi.")
        return redirect(intervention)
    return _intervention_form(request, intervention)


def _intervention_form(request, intervention):
    form = InterventionForm(request.POST or None, instance=intervention, user=request.user)
    if request.method == "POST" and form.is_valid():
        intervention = form.save(commit=False)
        if not request.user.is_bappeda_admin:
            intervention.agency = request.user.agency
        elif not form.cleaned_data.get("agency"):
            intervention.agency = intervention.program.lead_agency
        if intervention.pk is None:
            intervention.created_by = request.user
        intervention.updated_by = request.user
        intervention.save()
        messages.success(request, f"Intervensi {intervention.program.name} di {intervention.village} disimpan.")
        return redirect(intervention)
    return render(request, "programs/intervention_form.html", {"form": form, "intervention": intervention})


@require_GET
def village_search(request):
    """Up to 20 villages in the user's scope whose name or code matches, as <option>s of the desa field."""
    text = request.GET.get("cari_desa", "").strip()
    villages = Village.objects.none()
    if len(text) >= 2:
        villages = (
            Village.objects.visible_to(request.user)
            .filter(Q(name__icontains=text) | Q(code__startswith=text))
            .select_related("subdistrict", "district")[:20]
        )
    return render(request, "programs/intervention_village_options.html", {"villages": villages, "text": text})


@require_GET
def institution_options(request):
    """The <option>s of the kelembagaan field for the chosen village (htmx)."""
    institutions = Institution.objects.none()
    if (village := request.GET.get("village", "")).isdigit():
        institutions = Institution.objects.visible_to(request.user).filter(village=village, active=True)
    return render(request, "programs/intervention_institution_options.html", {"institutions": institutions})


@require_GET
def intervention_detail(request, pk):
    intervention = _get_intervention_for_user(request.user, pk)
    can_edit = Intervention.objects.editable_by(request.user).filter(pk=pk).exists()
    next_statuses = [
        InterventionStatus(status)
        for status in InterventionStatus.values
        if status in TRANSITIONS[intervention.status]
        and (status != InterventionStatus.VERIFIED or request.user.is_bappeda_admin)
    ]
    context = {
        "intervention": intervention,
        "can_edit": can_edit,
        "is_closed": intervention.status in CLOSED,
        "next_statuses": next_statuses if can_edit else [],
        "recipient_count": intervention.recipients.count(),
        "period_lock": lock_message(approval) if (approval := approval_for(intervention)) else "",
        "status_changes": intervention.status_changes.select_related("changed_by"),
        "evidence": intervention.evidence.select_related("uploaded_by"),
        "evidence_form": EvidenceForm(),
    }
    return render(request, "programs/intervention_detail.html", context)


@require_POST
def intervention_status(request, pk):
    intervention = _get_intervention_for_user(request.user, pk, edit=True)
    to_status = request.POST.get("status", "")
    if to_status not in InterventionStatus.values:
        messages.error(request, "Status tujuan tidak dikenal.")
        return redirect(intervention)
    try:
        services.change_status(
            intervention=intervention, to_status=to_status, user=request.user, note=request.POST.get("note", "")
        )
    except (services.WorkflowError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", None) or [str(error)]))
    else:
        messages.success(request, f"Status diubah menjadi {InterventionStatus(to_status).label}.")
    return redirect(intervention)


@require_POST
def evidence_upload(request, pk):
    intervention = _get_intervention_for_user(request.user, pk, edit=True)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("file", ["Pilih berkas bukti."]):
            messages.error(request, f"Bukti ditolak: {error}")
        return redirect(intervention)
    upload = form.cleaned_data["file"]
    Evidence.objects.create(
        intervention=intervention,
        file=upload,
        extension=upload.extension,
        original_name=_safe_name(upload.name, upload.extension),
        size=upload.size,
        uploaded_by=request.user,
    )
    messages.success(request, f"Bukti {_safe_name(upload.name, upload.extension)} diunggah.")
    return redirect(intervention)


def _safe_name(name: str, extension: str) -> str:
    """A file name fit for a download header: no path, no control or odd characters, the real extension."""
    stem = re.sub(r"[^\w\- ]+", "_", Path(name.replace("\\", "/")).stem).strip(" _") or "bukti"
    return f"{stem[:100]}{extension}"


@require_GET
def evidence_download(request, pk, evidence_pk):
    intervention = _get_intervention_for_user(request.user, pk)
    evidence = get_object_or_404(intervention.evidence, pk=evidence_pk)
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=_safe_name(evidence.original_name, evidence.extension),
        content_type=CONTENT_TYPES.get(evidence.extension, "application/octet-stream"),
    )
