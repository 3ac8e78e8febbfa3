"""The public side, without login: file a complaint, follow it by its ticket code."""

import logging

from axes.helpers import get_client_ip_address
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from villages.models import Subdistrict, Village

from .. import ratelimit, services
from ..codes import normalise_code
from ..forms import ComplaintForm, StatusLookupForm
from ..models import Status, Ticket

logger = logging.getLogger(__name__)
STORED_FIELDS = ("category", "village", "description", "nik", "reporter_name", "contact", "attachment")


def _refused(request, template: str, status: int):
    return render(request, template, status=status)


@login_not_required
@never_cache
@sensitive_post_parameters("nik", "contact", "reporter_name")
@require_http_methods(["GET", "POST"])
def file_complaint(request):
    form = ComplaintForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if form.is_spam:  # a bot filled the hidden field: thank it, store nothing
            logger.info("Pengaduan dengan isian jebakan diabaikan")
            return render(request, "complaints/thanks.html")
        try:
            limited = ratelimit.over_complaint_limits(
                ip=get_client_ip_address(request) or "", contact=form.cleaned_data["contact"]
            )
        except ratelimit.RateLimitUnavailable:
            logger.error("Batas pengaduan tidak dapat diperiksa (cache tidak tersedia): pengaduan ditolak")
            return _refused(request, "complaints/unavailable.html", 503)
        if limited:
            return _refused(request, "complaints/too_many.html", 429)
        fields = {name: form.cleaned_data[name] for name in STORED_FIELDS}
        ticket = services.file_ticket(**fields)
        return redirect(f"{reverse('complaints:status')}?{urlencode({'kode': ticket.code})}")
    return render(request, "complaints/file.html", {"form": form})


@login_not_required
@never_cache
@require_GET
def ticket_status(request):
    """Progress and public replies of a ticket; nothing of the filer or of the registry."""
    form = StatusLookupForm(request.GET or None)
    ticket = None
    if form.is_valid():
        try:
            if ratelimit.over_lookup_limit(ip=get_client_ip_address(request) or ""):
                return _refused(request, "complaints/too_many.html", 429)
        except ratelimit.RateLimitUnavailable:
            return _refused(request, "complaints/unavailable.html", 503)
        ticket = (
            Ticket.objects.select_related("village__subdistrict", "village__district")
            .filter(code=normalise_code(form.cleaned_data["kode"]))
            .first()
        )
        if ticket is None:
            form.add_error("kode", "Kode tiket tidak ditemukan. Periksa kembali penulisannya.")
    return render(request, "complaints/status.html", {"form": form, "ticket": ticket, **_progress(ticket)})


def _progress(ticket) -> dict:
    if ticket is None:
        return {}
    events = list(ticket.events.all())
    reached = {event.to_status: event.at for event in events if event.to_status}
    final = ticket.status if ticket.status in (Status.RESOLVED, Status.REJECTED) else Status.RESOLVED
    steps = [(Status(status).label, reached.get(status)) for status in (Status.RECEIVED, Status.IN_REVIEW, final)]
    return {"steps": steps, "replies": [event for event in events if event.kind == "reply"]}


@login_not_required
@require_GET
def subdistrict_options(request):
    """The kecamatan <option>s of a kabupaten for the public form (regions are public knowledge)."""
    district = request.GET.get("district", "")
    items = Subdistrict.objects.filter(district=district) if district.isdigit() else Subdistrict.objects.none()
    return render(request, "complaints/_options.html", {"items": items})


@login_not_required
@require_GET
def village_options(request):
    subdistrict = request.GET.get("subdistrict", "")
    items = Village.objects.filter(subdistrict=subdistrict) if subdistrict.isdigit() else Village.objects.none()
    return render(request, "complaints/_options.html", {"items": items})
