"""Turning a ticket into a proposed correction of a registry record, and approving it (maker-checker)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from beneficiaries.models import Household, Person

from .. import corrections
from ..services import WorkflowError
from .staff import _get_ticket_for_user, may_correct_registry

TARGETS = {"keluarga": Household, "anggota": Person}


def _target(user, token: str):
    """``keluarga-12`` or ``anggota-34`` → the record, if the user may edit it; None otherwise."""
    kind, _, pk = token.partition("-")
    if kind not in TARGETS or not pk.isdigit():
        return None
    return TARGETS[kind].objects.editable_by(user).filter(pk=pk).first()


def _token(record) -> str:
    return f"{'anggota' if isinstance(record, Person) else 'keluarga'}-{record.pk}"


def _found(user, number: str):
    """A person by NIK or a household by No KK, within what the user may edit (never beyond)."""
    number = "".join(number.split())
    return (
        Person.objects.editable_by(user).filter(nik=number).first()
        or Household.objects.editable_by(user).filter(no_kk=number).first()
    )


@sensitive_post_parameters("cari")
@require_http_methods(["GET", "POST"])
def correction_propose(request, pk):
    ticket = _get_ticket_for_user(request.user, pk)
    if not may_correct_registry(request.user):
        raise PermissionDenied
    if not ticket.is_open:
        messages.error(request, "Pengaduan ini sudah ditutup.")
        return redirect(ticket)
    url = reverse("complaints:correction_propose", kwargs={"pk": ticket.pk})
    if "cari" in request.POST:
        if record := _found(request.user, request.POST["cari"]):
            return redirect(f"{url}?sasaran={_token(record)}")
        messages.error(request, "NIK atau No. KK itu tidak ditemukan di wilayah kerja Anda.")
        return redirect(url)
    target = _target(request.user, request.GET.get("sasaran", "") or _default_target(ticket, request.user))
    form = corrections.correction_form(target, user=request.user, data=request.POST or None) if target else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            corrections.propose_correction(ticket=ticket, target=target, data=form.cleaned_data, user=request.user)
        except WorkflowError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Usulan perbaikan dicatat; menunggu persetujuan pengguna lain.")
            return redirect(ticket)
    context = {"ticket": ticket, "target": target, "form": form, "household": _household_of(target)}
    return render(request, "complaints/correction_form.html", context)


def _default_target(ticket, user) -> str:
    person = Person.objects.editable_by(user).filter(nik=ticket.nik).first() if ticket.nik else None
    return _token(person) if person else ""


def _household_of(target):
    return target.household if isinstance(target, Person) else target


def _decide(request, pk, proposal_pk, decide, success: str, **kwargs):
    ticket = _get_ticket_for_user(request.user, pk)
    proposal = get_object_or_404(ticket.proposals, pk=proposal_pk)
    try:
        decide(proposal=proposal, user=request.user, **kwargs)
    except (WorkflowError, PermissionDenied) as error:
        messages.error(
            request, " ".join(getattr(error, "messages", None) or ["Anda tidak berhak memutuskan usulan ini."])
        )
    else:
        messages.success(request, success)
    return redirect(ticket)


@require_POST
def correction_approve(request, pk, proposal_pk):
    return _decide(request, pk, proposal_pk, corrections.approve_correction, "Perbaikan data disetujui dan diterapkan.")


@require_POST
def correction_decline(request, pk, proposal_pk):
    reason = request.POST.get("reason", "")[:2000]
    return _decide(request, pk, proposal_pk, corrections.decline_correction, "Usulan perbaikan ditolak.", reason=reason)
