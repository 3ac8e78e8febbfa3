"""Workflows of interventions: status changes and recipients. Keyword-only, typed, transactional."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q

from beneficiaries.models import Household, Person

from .locking import ensure_open
from .models import Intervention, InterventionStatus, Recipient, StatusChange


class WorkflowError(ValidationError):
    """A status change the workflow does not allow; the message is for the user."""


@transaction.atomic
def change_status(*, intervention: Intervention, to_status: str, user, note: str = "") -> Intervention:
    """Move an intervention along its workflow and record who did it, when, from what to what."""
    locked = Intervention.objects.select_for_update().get(pk=intervention.pk)
    ensure_open(intervention=locked, user=user)
    if not locked.may_become(to_status):
        raise WorkflowError(
            f"Status {locked.get_status_display()} tidak dapat diubah menjadi {InterventionStatus(to_status).label}."
        )
    if to_status == InterventionStatus.VERIFIED and not user.is_bappeda_admin:
        raise PermissionDenied("Hanya admin Bappeda yang memverifikasi intervensi.")
    if to_status == InterventionStatus.CANCELLED and not note.strip():
        raise WorkflowError("Tuliskan alasan pembatalan.")
    if to_status == InterventionStatus.COMPLETED and not locked.actual_date:
        raise WorkflowError("Isi tanggal pelaksanaan sebelum menandai selesai.")
    StatusChange.objects.create(
        intervention=locked, from_status=locked.status, to_status=to_status, note=note, changed_by=user
    )
    locked.status, locked.updated_by = to_status, user
    if to_status == InterventionStatus.CANCELLED:
        locked.cancel_reason = note
    locked.save(update_fields=["status", "updated_by", "cancel_reason", "updated_at"])
    return locked


@dataclass
class RecipientResult:
    added: int = 0
    already: int = 0
    refused: list[str] = field(default_factory=list)


# The one refusal for anyone the user may not pick here, whether they exist elsewhere or not: it names
# no one and no village (SECURITY-CHECKLIST AC-09).
NOT_HERE = "Tidak ditemukan di desa intervensi ini."


def pickable_persons(*, intervention: Intervention, user):
    """Persons the user may pick for this intervention: registered in its village, in the user's scope."""
    return Person.objects.visible_to(user).filter(household__village=intervention.village_id)


def pickable_households(*, intervention: Intervention, user):
    return Household.objects.visible_to(user).filter(village=intervention.village_id)


@transaction.atomic
def add_recipients(
    *, intervention: Intervention, user, persons=(), households=(), received_on: date | None = None
) -> RecipientResult:
    """Link persons and/or households; the same one never twice, nobody from outside the village."""
    ensure_open(intervention=intervention, user=user)
    result = RecipientResult()
    allowed_persons = set(
        pickable_persons(intervention=intervention, user=user)
        .filter(pk__in=[p.pk for p in persons])
        .values_list("pk", flat=True)
    )
    allowed_households = set(
        pickable_households(intervention=intervention, user=user)
        .filter(pk__in=[h.pk for h in households])
        .values_list("pk", flat=True)
    )
    for kind, chosen, allowed in (("person", persons, allowed_persons), ("household", households, allowed_households)):
        for item in chosen:
            if item.pk not in allowed:
                result.refused.append(NOT_HERE)
            elif _link(intervention, user, received_on, **{kind: item}):
                result.added += 1
            else:
                result.already += 1
    return result


def _link(intervention, user, received_on, **who) -> bool:
    try:
        with transaction.atomic():
            Recipient.objects.create(intervention=intervention, received_on=received_on, added_by=user, **who)
    except IntegrityError:
        return False  # already a recipient of this intervention
    return True


def unreached_desil1_households(*, intervention: Intervention, user):
    """Desil-1 households of the intervention's village that no intervention of its year has reached."""
    year = intervention.program.fiscal_year
    reached = Recipient.objects.filter(intervention__program__fiscal_year=year).filter(
        Q(household=OuterRef("pk")) | Q(person__household=OuterRef("pk"))
    )
    return (
        Household.objects.visible_to(user)
        .active()
        .filter(village=intervention.village_id, desil=1)
        .exclude(Exists(reached))
    )
