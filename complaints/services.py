"""Ticket workflows: filing, status changes, notes and replies, assignment and routing.

Keyword-only and transactional; each step leaves a TicketEvent (who, when, from → to).
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from .attachments import safe_name
from .codes import new_ticket_code
from .models import Attachment, EventKind, Status, Ticket, TicketEvent, deadline_for

logger = logging.getLogger(__name__)


class WorkflowError(ValidationError):
    """A step the workflow does not allow; the message is for the user."""


def file_ticket(*, category: str, village, description: str, nik: str = "", reporter_name: str = "",
                contact: str = "", attachment=None) -> Ticket:  # fmt: skip
    """Store a public complaint under a fresh unguessable code, due by its category's deadline."""
    now = timezone.now()
    fields = {"category": category, "village": village, "description": description, "nik": nik}
    fields |= {"reporter_name": reporter_name, "contact": contact, "created_at": now}
    for _attempt in range(5):
        try:
            with transaction.atomic():
                ticket = Ticket.objects.create(code=new_ticket_code(), due_at=deadline_for(category, now), **fields)
                TicketEvent.objects.create(ticket=ticket, kind=EventKind.FILED, to_status=Status.RECEIVED, at=now)
                if attachment is not None:
                    _attach(ticket, attachment)
        except IntegrityError:  # the code was taken meanwhile (1 in ~600 million): draw another
            continue
        logger.info("Pengaduan %s diterima (desa #%s)", ticket.code, village.pk)
        return ticket
    raise RuntimeError("no free ticket code after 5 attempts")


def _attach(ticket: Ticket, upload) -> None:
    Attachment.objects.create(
        ticket=ticket,
        file=upload,
        extension=upload.extension,
        original_name=safe_name(upload.name, upload.extension),
        size=upload.size,
    )


def _lock(ticket: Ticket, user) -> Ticket:
    locked = Ticket.objects.workable_by(user).select_for_update().filter(pk=ticket.pk).first()
    if locked is None:
        raise PermissionDenied
    return locked


@transaction.atomic
def change_status(*, ticket: Ticket, to_status: str, user, reply: str = "") -> Ticket:
    """Move a ticket along received → in review → resolved | rejected; a rejection needs a reason."""
    locked = _lock(ticket, user)
    if not locked.may_become(to_status):
        raise WorkflowError(
            f"Status {locked.get_status_display()} tidak dapat diubah menjadi {Status(to_status).label}."
        )
    if to_status == Status.REJECTED and not reply.strip():
        raise WorkflowError("Tuliskan alasan penolakan untuk pelapor.")
    TicketEvent.objects.create(
        ticket=locked, kind=EventKind.STATUS, from_status=locked.status, to_status=to_status, actor=user
    )
    if reply.strip():
        TicketEvent.objects.create(ticket=locked, kind=EventKind.REPLY, text=reply.strip(), actor=user)
    locked.status = to_status
    locked.closed_at = None if locked.is_open else timezone.now()
    locked.save(update_fields=["status", "closed_at"])
    return locked


@transaction.atomic
def add_note(*, ticket: Ticket, text: str, public: bool, user) -> TicketEvent:
    """An internal note, or with ``public`` a reply the filer reads on the status page."""
    locked = _lock(ticket, user)
    if not text.strip():
        raise WorkflowError("Tuliskan isi catatan atau tanggapan.")
    kind = EventKind.REPLY if public else EventKind.NOTE
    return TicketEvent.objects.create(ticket=locked, kind=kind, text=text.strip(), actor=user)


@transaction.atomic
def assign(*, ticket: Ticket, assignee, user) -> Ticket:
    """Give the ticket to a user who may work it (someone outside its scope would not even see it)."""
    locked = _lock(ticket, user)
    if assignee is not None and not Ticket.objects.workable_by(assignee).filter(pk=locked.pk).exists():
        raise WorkflowError("Petugas itu tidak dapat menangani pengaduan di wilayah ini.")
    name = assignee.get_full_name() or assignee.username if assignee else "tidak ada"
    TicketEvent.objects.create(ticket=locked, kind=EventKind.ASSIGNED, text=f"Petugas: {name}", actor=user)
    locked.assignee = assignee
    locked.save(update_fields=["assignee"])
    return locked


@transaction.atomic
def route_to_intervention(*, ticket: Ticket, intervention, user) -> Ticket:
    """Relate the ticket to an intervention in its village; the delivering agency then sees it too."""
    if not (user.is_bappeda_admin or user.is_district_officer):
        raise PermissionDenied  # agency staff would hand the ticket away from themselves
    locked = _lock(ticket, user)
    if intervention.village_id != locked.village_id:
        raise WorkflowError("Intervensi itu tidak berada di desa/kelurahan pengaduan ini.")
    TicketEvent.objects.create(ticket=locked, kind=EventKind.ROUTED, text=str(intervention), actor=user)
    locked.intervention, locked.agency = intervention, intervention.agency
    locked.save(update_fields=["intervention", "agency"])
    return locked
