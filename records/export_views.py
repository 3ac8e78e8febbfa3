"""The page of a large export: its progress while a worker builds it, then its download (EXP-03).

Only the requester opens it (``ExportJob.objects.visible_to``): anyone else gets a 404, as for an
export that does not exist. The file is sent through the view from private storage, until it expires.
"""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET
from django_htmx.http import HttpResponseClientRefresh

from desakumaju.lib.exports import CONTENT_TYPES

from .models import ExportJob, ExportStatus


def _get_job_for_user(user, pk: int) -> ExportJob:
    return get_object_or_404(ExportJob.objects.visible_to(user), pk=pk)


@require_GET
def job(request, pk):
    return render(request, "records/export_job.html", {"job": _get_job_for_user(request.user, pk)})


@require_GET
def job_progress(request, pk):
    """The progress bar, polled by htmx; once the export stops running the page reloads."""
    export = _get_job_for_user(request.user, pk)
    if not export.is_running:
        return HttpResponseClientRefresh()
    return render(request, "records/_export_job_progress.html", {"job": export})


@require_GET
def job_download(request, pk):
    export = _get_job_for_user(request.user, pk)
    if export.status != ExportStatus.READY or not export.file or export.expires_at <= timezone.now():
        raise Http404
    return FileResponse(
        export.file.open("rb"), as_attachment=True, filename=export.download_name,
        content_type=CONTENT_TYPES[export.file_format],
    )  # fmt: skip
