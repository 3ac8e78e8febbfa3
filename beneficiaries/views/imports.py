"""Pages of the BNBA import: upload, watch the checks, read the problems, import or cancel."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRefresh

from records.models import PurgeKind
from records.retention import removal_of

from ..imports import services
from ..imports.forms import SheetForm, UploadForm
from ..imports.workbooks import problems_workbook, template_workbook
from ..models import ImportBatch, ProblemLevel

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOWN_PROBLEMS = 50


def _require_uploader(user) -> None:
    """Bappeda admins and district officers with a district upload; nobody else."""
    if not (user.is_bappeda_admin or (user.is_district_officer and user.district_id)):
        raise PermissionDenied


def _get_batch_for_user(user, pk: int) -> ImportBatch:
    return get_object_or_404(ImportBatch.objects.visible_to(user).select_related("uploaded_by", "district"), pk=pk)


@require_GET
def batch_list(request):
    _require_uploader(request.user)
    services.fail_stale_batches()
    batches = ImportBatch.objects.visible_to(request.user).select_related("uploaded_by", "district")[:100]
    return render(request, "beneficiaries/batch_list.html", {"batches": batches})


def batch_upload(request):
    _require_uploader(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch, created = services.create_batch(user=request.user, upload=form.cleaned_data["file"], **_defaults(form))
        if not created:
            messages.info(request, "Berkas yang sama sedang diproses; berikut unggahan tersebut.")
        return redirect(batch)
    return render(request, "beneficiaries/batch_upload.html", {"form": form})


def _defaults(form) -> dict:
    fields = ("kind", "sheet_name", "desil_source", "desil_as_of")
    return {field: form.cleaned_data[field] for field in fields}


@require_GET
def import_template(request):
    _require_uploader(request.user)
    response = HttpResponse(template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="templat-bnba-desaku-maju.xlsx"'
    return response


@require_GET
def batch_detail(request, pk):
    batch = _get_batch_for_user(request.user, pk)
    if batch.is_running:
        services.fail_stale_batches()
        batch.refresh_from_db()
    sheets = batch.summary.get("sheets")
    context = {
        "batch": batch,
        "problems": batch.problems.order_by("level", "row", "pk")[:SHOWN_PROBLEMS],
        "error_count": batch.problems.filter(level=ProblemLevel.ERROR).count(),
        "warning_count": batch.problems.filter(level=ProblemLevel.WARNING).count(),
        "same_file": services.identical_import(batch, request.user),
        "sheet_form": SheetForm(sheets=sheets) if sheets else None,
        # What the retention purge removed, and when (beneficiaries.retention).
        "file_removed": removal_of(batch, PurgeKind.UPLOAD),
        "problems_removed": removal_of(batch, PurgeKind.PROBLEMS),
    }
    return render(request, "beneficiaries/batch_detail.html", context)


@require_POST
def batch_choose_sheet(request, pk):
    batch = _get_batch_for_user(request.user, pk)
    form = SheetForm(request.POST, sheets=batch.summary.get("sheets") or [])
    if form.is_valid() and services.choose_sheet(batch=batch, sheet_name=form.cleaned_data["sheet_name"]):
        messages.info(request, f"Lembar '{form.cleaned_data['sheet_name']}' diperiksa.")
    else:
        messages.warning(request, "Lembar itu tidak dapat dipilih untuk unggahan ini.")
    return redirect(batch)


@require_GET
def batch_progress(request, pk):
    """The progress bar, polled by htmx; once the batch stops running the page reloads."""
    batch = _get_batch_for_user(request.user, pk)
    if not batch.is_running:
        return HttpResponseClientRefresh()
    return render(request, "beneficiaries/_batch_progress.html", {"batch": batch})


@require_POST
def batch_import(request, pk):
    batch = _get_batch_for_user(request.user, pk)
    if services.identical_import(batch, request.user):
        messages.warning(request, "Berkas yang sama persis sudah diimpor; tidak ada yang perlu diimpor lagi.")
    elif services.request_import(batch=batch, user=request.user):
        messages.success(request, "Impor dimulai.")
    else:
        messages.warning(request, "Unggahan ini tidak dalam keadaan siap diimpor.")
    return redirect(batch)


@require_POST
def batch_cancel(request, pk):
    batch = _get_batch_for_user(request.user, pk)
    if services.cancel_batch(batch=batch):
        messages.info(request, "Unggahan dibatalkan; tidak ada data yang diimpor.")
    else:
        messages.warning(request, "Unggahan ini tidak dapat dibatalkan lagi.")
    return redirect(batch)


@require_POST
def batch_retry(request, pk):
    batch = _get_batch_for_user(request.user, pk)
    if services.retry_batch(batch=batch):
        messages.info(request, "Berkas diperiksa ulang.")
    return redirect(batch)


@require_GET
def batch_problems_xlsx(request, pk):
    """The rejected rows with their reasons (to fix and upload again) and the list of every problem."""
    batch = _get_batch_for_user(request.user, pk)
    if batch.problems_file:
        with batch.problems_file.open("rb") as handle:
            content = handle.read()
    else:
        content = problems_workbook(batch)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="masalah-unggahan-{batch.pk}.xlsx"'
    return response
