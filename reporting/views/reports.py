"""Pages of the LP2KD reports: the list and request form, a report's progress, retry, downloads."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRefresh

from .. import reports_services as services
from ..reports_forms import ReportRequestForm
from ..reports_models import Report, ReportStatus

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _require_reader(user) -> None:
    """Reports are for Bappeda, district officers and viewers; agency staff work on interventions."""
    if not (user.is_bappeda_admin or user.is_district_officer or (user.is_active and user.role == "viewer")):
        raise PermissionDenied


def _may_request_any(user) -> bool:
    return user.is_bappeda_admin or (user.is_district_officer and bool(user.district_id))


def _get_report_for_user(user, pk: int) -> Report:
    related = ("requested_by", "district")
    return get_object_or_404(Report.objects.visible_to(user).select_related(*related), pk=pk)


@require_GET
def report_list(request):
    _require_reader(request.user)
    services.fail_stale_reports()
    reports = Report.objects.visible_to(request.user).select_related("requested_by", "district")[:100]
    form = ReportRequestForm(user=request.user) if _may_request_any(request.user) else None
    return render(request, "reporting/report_list.html", {"reports": reports, "form": form})


@require_POST
def report_request(request):
    if not _may_request_any(request.user):
        raise PermissionDenied
    form = ReportRequestForm(request.POST, user=request.user)
    if not form.is_valid():
        reports = Report.objects.visible_to(request.user).select_related("requested_by", "district")[:100]
        return render(request, "reporting/report_list.html", {"reports": reports, "form": form}, status=400)
    district = form.cleaned_data.get("district") if request.user.is_bappeda_admin else request.user.district
    report, created = services.request_report(
        user=request.user, kind=form.cleaned_data["kind"], year=form.cleaned_data["year"], district=district
    )
    if not created:
        messages.info(request, "Laporan yang sama sedang disusun; berikut laporan tersebut.")
    return redirect(report)


@require_GET
def report_detail(request, pk):
    report = _get_report_for_user(request.user, pk)
    if report.is_running:
        services.fail_stale_reports()
        report.refresh_from_db()
    may = services.may_request(request.user, report.district)
    context = {
        "report": report,
        "can_retry": may and report.status == ReportStatus.FAILED,
        "can_cancel": may and report.status in (ReportStatus.QUEUED, ReportStatus.FAILED),
    }
    return render(request, "reporting/report_detail.html", context)


@require_GET
def report_progress(request, pk):
    """The progress bar, polled by htmx; once the report stops building the page reloads."""
    report = _get_report_for_user(request.user, pk)
    if not report.is_running:
        return HttpResponseClientRefresh()
    return render(request, "reporting/_report_progress.html", {"report": report})


@require_POST
def report_retry(request, pk):
    report = _get_report_for_user(request.user, pk)
    if services.retry_report(report=report, user=request.user):
        messages.info(request, "Laporan disusun ulang.")
    else:
        messages.warning(request, "Laporan ini tidak dapat disusun ulang sekarang (tidak gagal, atau sedang disusun).")
    return redirect(report)


@require_POST
def report_cancel(request, pk):
    report = _get_report_for_user(request.user, pk)
    if services.cancel_report(report=report, user=request.user):
        messages.info(request, "Permintaan laporan dibatalkan.")
    else:
        messages.warning(request, "Laporan ini tidak dapat dibatalkan (sedang disusun atau sudah selesai).")
    return redirect(report)


@require_GET
def report_download(request, pk, fmt):
    """A ready report's file, checked against the user's scope on every download (never a public URL)."""
    report = _get_report_for_user(request.user, pk)
    stored = {"xlsx": report.xlsx_file, "pdf": report.pdf_file}.get(fmt)
    if report.status != ReportStatus.READY or not stored:
        raise Http404
    return FileResponse(
        stored.open("rb"), as_attachment=True, filename=f"{report.file_stem}.{fmt}", content_type=CONTENT_TYPES[fmt]
    )
