"""Maker-checker corrections of the registry: one user proposes, a different user approves.

Both steps validate with the registry's own edit forms (beneficiaries.forms), and the approval saves
through beneficiaries.services, so a correction obeys the same rules and locks as a hand edit.
NIK and No KK are not correctable here: their changes never enter a proposal or a history row.
"""

import logging
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from beneficiaries import services as registry
from beneficiaries.forms import HouseholdForm, PersonForm
from beneficiaries.models import Household, Person
from records import audit

from .display import display_value, field_label
from .models import CorrectionProposal, EventKind, ProposalStatus, RecordChange, Status, Ticket, TicketEvent
from .services import WorkflowError, change_status

logger = logging.getLogger(__name__)

HOUSEHOLD_FIELDS = ["address", "dusun", "rt", "rw", "status", "status_date", "status_reason"]
PERSON_FIELDS = [
    *("name", "sex", "birth_place", "birth_date", "relationship"),
    *("marital_status", "education", "occupation", "has_disability", "disability_kind"),
]
APPLIED_REPLY = "Perbaikan data yang Anda ajukan telah disetujui dan diterapkan."


def correctable_fields(target) -> list[str]:
    return PERSON_FIELDS if isinstance(target, Person) else HOUSEHOLD_FIELDS


def correction_form(target, *, user, data=None):
    """The registry's edit form of the target, limited to the correctable fields."""
    if isinstance(target, Person):
        form = PersonForm(data, instance=target, household=target.household)
    else:
        form = HouseholdForm(data, instance=target, user=user)
    for name in set(form.fields) - set(correctable_fields(target)):
        del form.fields[name]
    return form


def _plain(value):
    """A form value as JSON keeps it: dates as ISO text, None as empty text."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return value


def current_values(target) -> dict:
    return {name: _plain(getattr(target, name)) for name in correctable_fields(target)}


def _validated(target, new_values: dict, user):
    form = correction_form(target, user=user, data=current_values(target) | new_values)
    if not form.is_valid():
        messages = [f"{form.fields[name].label if name in form.fields else ''}: {' '.join(errors)}".lstrip(": ")
                    for name, errors in form.errors.items()]  # fmt: skip
        raise WorkflowError(messages)
    return form


def _editable(target, user):
    model = type(target)
    fresh = model.objects.editable_by(user).filter(pk=target.pk).first()
    if fresh is None:
        raise PermissionDenied
    return fresh


@transaction.atomic
def propose_correction(*, ticket: Ticket, target: Household | Person, data, user) -> CorrectionProposal:
    """Record the changes in ``data`` (the correction form's cleaned data) as a proposal; nothing changes yet."""
    locked = Ticket.objects.workable_by(user).select_for_update().filter(pk=ticket.pk).first()
    if locked is None or not locked.is_open:
        raise PermissionDenied
    target = _editable(target, user)
    old = current_values(target)
    form = _validated(target, {name: _plain(data[name]) for name in correctable_fields(target) if name in data}, user)
    new = {name: _plain(form.cleaned_data[name]) for name in old if _plain(form.cleaned_data[name]) != old[name]}
    if not new:
        raise WorkflowError("Tidak ada data yang diubah.")
    if locked.status == Status.RECEIVED:
        change_status(ticket=locked, to_status=Status.IN_REVIEW, user=user)
    household = target.household if isinstance(target, Person) else target
    proposal = CorrectionProposal.objects.create(
        ticket=locked,
        household=household,
        person=target if isinstance(target, Person) else None,
        old_values={name: old[name] for name in new},
        new_values=new,
        proposed_by=user,
    )
    TicketEvent.objects.create(ticket=locked, kind=EventKind.PROPOSED, text=_summary(target, new), actor=user)
    return proposal


def _summary(target, values: dict) -> str:
    return f"{_kind_label(target)}: " + ", ".join(field_label(type(target), name) for name in values)


def _kind_label(target) -> str:
    return f"Anggota keluarga {target.name}" if isinstance(target, Person) else "Data keluarga"


def _lock_pending(proposal: CorrectionProposal, user) -> CorrectionProposal:
    locked = CorrectionProposal.objects.select_for_update().select_related("ticket").get(pk=proposal.pk)
    if not Ticket.objects.workable_by(user).filter(pk=locked.ticket_id).exists():
        raise PermissionDenied
    if not locked.is_pending:
        raise WorkflowError("Usulan ini sudah diputuskan.")
    return locked


@transaction.atomic
def approve_correction(*, proposal: CorrectionProposal, user) -> CorrectionProposal:
    """Apply a proposal; only a user other than the proposer, who may edit the record, approves."""
    locked = _lock_pending(proposal, user)
    if locked.proposed_by_id == user.pk:
        raise WorkflowError("Usulan harus disetujui oleh pengguna lain, bukan pengusulnya sendiri.")
    target = _editable(locked.target, user)
    if any(current_values(target)[name] != old for name, old in locked.old_values.items()):
        raise WorkflowError("Data telah berubah sejak usulan dibuat. Tolak usulan ini lalu usulkan lagi.")
    form = _validated(target, locked.new_values, user)
    with audit.context(path=audit.Path.CORRECTION, correction=locked.pk, user=user.pk):
        _save(form.instance, version=target.updated_at.isoformat(), user=user)
    _record_history(locked, target, user)
    locked.status, locked.decided_by, locked.decided_at = ProposalStatus.APPROVED, user, timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    TicketEvent.objects.create(
        ticket=locked.ticket, kind=EventKind.APPROVED, text=_summary(target, locked.new_values), actor=user
    )
    logger.info("Usulan perbaikan #%s (pengaduan %s) diterapkan", locked.pk, locked.ticket.code)
    _resolve_when_done(locked.ticket, user)
    return locked


def _save(target, *, version: str, user) -> None:
    try:
        if isinstance(target, Person):
            registry.update_person(person=target, version=version, user=user)
        else:
            registry.update_household(household=target, version=version, user=user)
    except registry.EditConflict:
        raise WorkflowError("Data telah diubah orang lain sementara itu. Coba setujui lagi.") from None


def _record_history(proposal: CorrectionProposal, target, user) -> None:
    RecordChange.objects.bulk_create(
        RecordChange(
            proposal=proposal,
            ticket=proposal.ticket,
            household=proposal.household,
            person=proposal.person,
            field_label=field_label(type(target), name),
            old_value=display_value(type(target), name, proposal.old_values[name]),
            new_value=display_value(type(target), name, new),
            proposed_by=proposal.proposed_by,
            approved_by=user,
        )
        for name, new in proposal.new_values.items()
    )


def _resolve_when_done(ticket: Ticket, user) -> None:
    """The last pending proposal applied: the request is done, and the filer is told so."""
    if ticket.status == Status.IN_REVIEW and not ticket.proposals.filter(status=ProposalStatus.PENDING).exists():
        change_status(ticket=ticket, to_status=Status.RESOLVED, user=user, reply=APPLIED_REPLY)


@transaction.atomic
def decline_correction(*, proposal: CorrectionProposal, user, reason: str = "") -> CorrectionProposal:
    locked = _lock_pending(proposal, user)
    locked.status, locked.decided_by, locked.decided_at = ProposalStatus.DECLINED, user, timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    TicketEvent.objects.create(ticket=locked.ticket, kind=EventKind.DECLINED, text=reason.strip(), actor=user)
    return locked
