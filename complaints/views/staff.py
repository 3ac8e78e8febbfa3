"""The staff side: the queue of tickets in the user's scope and one ticket's page with its workflow."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django_tables2 import RequestConfig

from accounts.models import Role
from beneficiaries.models import Person, mask_identity_number
from desakumaju.lib.exports import list_query
from desakumaju.lib.list_exports import export_list
from programs.models import Intervention
from records.access import AccessAction, record_access
from records.models import ExportList
from records.reveal import may_see_full_numbers, reveal_response

from .. import exports, services
from ..attachments import CONTENT_TYPES
from ..forms import AssignForm, InterventionLinkForm, NoteForm, StatusChangeForm
from ..models import QUEUE_ROLES, Status, Ticket
from ..models.tickets import TRANSITIONS
from ..tables import TicketTable


def _get_ticket_for_user(user, pk: int) -> Ticket:
    """The ticket if the user works the queue and it is in their scope; 404 otherwise."""
    related = ("village__subdistrict", "village__district", "agency", "assignee", "intervention__program")
    return get_object_or_404(Ticket.objects.workable_by(user).select_related(*related), pk=pk)


@require_GET
def queue(request):
    if request.user.role not in QUEUE_ROLES:
        raise PermissionDenied  # viewers read the counts on dashboards, not the complaints
    tickets, ticket_filter, found = _filtered(request)
    table = TicketTable(found.select_related("village__district", "assignee"))
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    context = {
        "filter": ticket_filter, "table": table, "overdue_count": tickets.overdue().count(),
        "query": list_query(request),
    }  # fmt: skip
    return render(request, "complaints/queue.html", context)


def _filtered(request):
    return exports.filtered_tickets(user=request.user, params=request.GET)


@require_GET
def queue_export(request):
    """The filtered queue as xlsx or csv (``?format=``): the queue's columns, no reporter's data."""
    if request.user.role not in QUEUE_ROLES:
        raise PermissionDenied
    return export_list(request, ExportList.COMPLAINTS)


def assignable_users(ticket: Ticket):
    """Active users whose scope holds the ticket: Bappeda admins, its district's officers, its agency's staff."""
    users = get_user_model().objects.filter(is_active=True)
    scope = Q(role=Role.BAPPEDA_ADMIN) | Q(role=Role.DISTRICT_OFFICER, district=ticket.village.district_id)
    if ticket.agency_id:
        scope |= Q(role=Role.AGENCY_STAFF, agency=ticket.agency_id)
    return users.filter(scope).order_by("first_name", "last_name", "username")


def may_correct_registry(user) -> bool:
    return user.is_bappeda_admin or user.is_district_officer


@require_GET
def ticket_detail(request, pk):
    ticket = _get_ticket_for_user(request.user, pk)
    user = request.user
    record_access(request, action=AccessAction.VIEW_TICKET, obj=ticket, number=ticket.nik, count=1 if ticket.nik else 0)
    context = {
        "ticket": ticket,
        # Masked for everyone; those who may correct the registry may reveal it with a reason (PII-01).
        "masked_nik": mask_identity_number(ticket.nik) if ticket.nik else "",
        "can_reveal": may_correct_registry(user) and may_see_full_numbers(user),
        "events": ticket.events.select_related("actor"),
        "attachments": ticket.attachments.all(),
        "next_statuses": [Status(status) for status in Status.values if status in TRANSITIONS[ticket.status]],
        "note_form": NoteForm(),
        "assign_form": AssignForm(initial={"assignee": ticket.assignee_id}, candidates=assignable_users(ticket)),
        "may_route": may_correct_registry(user),
        "route_form": InterventionLinkForm(
            initial={"intervention": ticket.intervention_id}, interventions=_interventions_here(ticket, user)
        ),
        "may_correct": may_correct_registry(user) and ticket.is_open,
        "proposals": ticket.proposals.select_related("household", "person", "proposed_by", "decided_by"),
        "registered": _registered_matches(ticket, user),
        "now": timezone.now(),
    }
    return render(request, "complaints/ticket_detail.html", context)


@require_POST
def ticket_reveal(request, pk):
    """The reporter's full NIK, with a reason, recorded; for those who may correct the registry."""
    ticket = _get_ticket_for_user(request.user, pk)
    if not (may_correct_registry(request.user) and may_see_full_numbers(request.user)):
        raise PermissionDenied
    if not ticket.nik:
        raise Http404
    masked = mask_identity_number(ticket.nik)
    return reveal_response(request, number=ticket.nik, masked=masked, element_id="nomor-nik", obj=ticket)


def _interventions_here(ticket: Ticket, user):
    return Intervention.objects.visible_to(user).filter(village=ticket.village_id).select_related("program", "agency")


def _registered_matches(ticket: Ticket, user) -> dict:
    """Registry records of the ticket's NIK that the user may correct (a hint for staff only)."""
    if not ticket.nik or not may_correct_registry(user):
        return {}
    person = Person.objects.editable_by(user).select_related("household").filter(nik=ticket.nik).first()
    return {"person": person, "household": person.household} if person else {}


def _step(request, ticket: Ticket, service, success: str, **kwargs):
    """Run one workflow service; a refusal becomes an error message on the ticket page."""
    try:
        service(ticket=ticket, user=request.user, **kwargs)
    except (services.WorkflowError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", None) or ["Anda tidak berhak melakukan ini."]))
    else:
        messages.success(request, success)
    return redirect(ticket)


@require_POST
def ticket_status_change(request, pk):
    ticket = _get_ticket_for_user(request.user, pk)
    form = StatusChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Status tujuan tidak dikenal.")
        return redirect(ticket)
    to_status = form.cleaned_data["status"]
    success = f"Status diubah menjadi {Status(to_status).label}."
    return _step(
        request, ticket, services.change_status, success, to_status=to_status, reply=form.cleaned_data["reply"]
    )


@require_POST
def ticket_note(request, pk):
    ticket = _get_ticket_for_user(request.user, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tuliskan isi catatan atau tanggapan (maks. 2.000 karakter).")
        return redirect(ticket)
    public = form.cleaned_data["public"]
    success = "Tanggapan untuk pelapor dikirim." if public else "Catatan internal disimpan."
    return _step(request, ticket, services.add_note, success, text=form.cleaned_data["text"], public=public)


@require_POST
def ticket_assign(request, pk):
    ticket = _get_ticket_for_user(request.user, pk)
    form = AssignForm(request.POST, candidates=assignable_users(ticket))
    if not form.is_valid():
        messages.error(request, "Pilih petugas yang dapat menangani pengaduan ini.")
        return redirect(ticket)
    return _step(
        request, ticket, services.assign, "Petugas pengaduan diperbarui.", assignee=form.cleaned_data["assignee"]
    )


@require_POST
def ticket_route(request, pk):
    ticket = _get_ticket_for_user(request.user, pk)
    form = InterventionLinkForm(request.POST, interventions=_interventions_here(ticket, request.user))
    if not form.is_valid():
        messages.error(request, "Pilih intervensi di desa/kelurahan pengaduan ini.")
        return redirect(ticket)
    intervention = form.cleaned_data["intervention"]
    success = f"Pengaduan diteruskan juga ke {intervention.agency.name}."
    return _step(request, ticket, services.route_to_intervention, success, intervention=intervention)


@require_GET
def attachment_download(request, pk, attachment_pk):
    ticket = _get_ticket_for_user(request.user, pk)
    attachment = get_object_or_404(ticket.attachments, pk=attachment_pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=CONTENT_TYPES.get(attachment.extension, "application/octet-stream"),
    )
