"""The public side, without login: file a complaint, follow it by its ticket code."""

import logging

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from desakumaju.lib.client_address import client_address
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
    """The form; past a rate limit a complaint is stored only with a solved CAPTCHA (SECURITY-CHECKLIST PUB-01)."""
    ip = client_address(request)
    try:
        # Also when the form was sent with a CAPTCHA: past a limit only the sending showed (one contact's).
        with_captcha = "captcha_0" in request.POST or ratelimit.at_complaint_limits(ip=ip)
    except ratelimit.RateLimitUnavailable:
        with_captcha = False  # a POST is refused below, as the limits cannot be counted
    form = ComplaintForm(request.POST or None, request.FILES or None, with_captcha=with_captcha)
    if request.method == "POST" and form.is_valid():
        if form.is_spam:  # a bot filled the hidden field: thank it, store nothing
            logger.info("Pengaduan dengan isian jebakan diabaikan")
            return render(request, "complaints/thanks.html")
        try:
            limited = ratelimit.over_complaint_limits(ip=ip, contact=form.cleaned_data["contact"])
        except ratelimit.RateLimitUnavailable:
            logger.error("Batas pengaduan tidak dapat diperiksa (cache tidak tersedia): pengaduan ditolak")
            return _refused(request, "complaints/unavailable.html", 503)
        if limited and not form.captcha_solved:
            # Over a limit that the form did not foresee (this contact's, or reached meanwhile): ask for the
            # CAPTCHA, keeping what was typed; a file has to be chosen again.
            form = ComplaintForm(request.POST, with_captcha=True)
            form.is_valid()
            context = {"form": form, "limited": True, "attachment_dropped": bool(request.FILES)}
            return render(request, "complaints/file.html", context, status=429)
        fields = {name: form.cleaned_data[name] for name in STORED_FIELDS}
        ticket = services.file_ticket(**fields)
        return redirect(f"{reverse('complaints:status')}?{urlencode({'kode': ticket.code})}")
    # While the form asks for the CAPTCHA (a limit holds), a complaint not accepted is answered 429.
    status = 429 if with_captcha and request.method == "POST" else 200
    return render(request, "complaints/file.html", {"form": form, "limited": with_captcha}, status=status)


@login_not_required
@never_cache
@require_GET
def ticket_status(request):
    """Progress and public replies of a ticket; nothing of the filer or of the registry.

    Past the lookup limit of an address the page asks for a CAPTCHA, like the complaint form, instead of
    refusing everyone behind that address (SECURITY-CHECKLIST PUB-01).
    """
    ip = client_address(request)
    try:
        with_captcha = "captcha_0" in request.GET or ratelimit.at_lookup_limit(ip=ip)
    except ratelimit.RateLimitUnavailable:
        # The counts cannot be read: every lookup proves a person instead (the CAPTCHA lives in the
        # database), so citizens still see their ticket while Redis is down.
        with_captcha = True
    form = StatusLookupForm(request.GET or None, with_captcha=with_captcha)
    if not form.is_valid():
        # A code looked up without the CAPTCHA the limit asks for is not answered.
        status = 429 if with_captcha and form.is_bound else 200
        return render(request, "complaints/status.html", {"form": form, "limited": with_captcha}, status=status)
    try:
        limited = ratelimit.over_lookup_limit(ip=ip)
    except ratelimit.RateLimitUnavailable:
        limited = True
    if limited and not form.captcha_solved:  # the limit was reached meanwhile
        form = StatusLookupForm(request.GET, with_captcha=True)
        form.is_valid()
        return render(request, "complaints/status.html", {"form": form, "limited": True}, status=429)
    ticket = _ticket_by_code(form.cleaned_data["kode"])
    if ticket is None:
        form.add_error("kode", "Kode tiket tidak ditemukan. Periksa kembali penulisannya.")
    context = {"form": form, "ticket": ticket, "limited": with_captcha, **_progress(ticket)}
    return render(request, "complaints/status.html", context)


def _ticket_by_code(code: str):
    tickets = Ticket.objects.select_related("village__subdistrict", "village__district")
    return tickets.filter(code=normalise_code(code)).first()


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
