"""Semester close: the one rule that decides whether an intervention may still change.

An intervention belongs to the period (district of its village, fiscal year of its program, semester
of its actual date, or of its planned date while it has none: the same rule as
``Intervention.semester`` and the LP2KD semester reports). While Bappeda's approval of that period
stands (``PeriodApproval``), only Bappeda admins may edit the intervention, change its status,
evidence or recipients, or move another intervention into the period. Everything that changes an
intervention consults this module: ``InterventionQuerySet.editable_by`` (every edit view),
``InterventionForm.clean`` (new values) and the workflow services.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format

from .models import Intervention, PeriodApproval, semester_happened


class PeriodLocked(PermissionDenied):
    """A change refused because its period was approved; the message is for the user."""


def semester_of_date(day: date) -> int:
    return 1 if day.month <= 6 else 2


def in_approved_period():
    """``Exists`` for a filter on interventions: true for those whose period is locked now."""
    return Exists(
        PeriodApproval.objects.standing().filter(
            district=OuterRef("village__district"),
            year=OuterRef("program__fiscal_year"),
            semester=OuterRef("period_semester"),
        )
    )


def excluding_approved_periods(interventions):
    return interventions.alias(period_semester=semester_happened()).exclude(in_approved_period())


def standing_approval(*, district_id: int, year: int, semester: int) -> PeriodApproval | None:
    return (
        PeriodApproval.objects.standing()
        .select_related("approved_by", "district")
        .filter(district=district_id, year=year, semester=semester)
        .first()
    )


def approval_for(intervention: Intervention) -> PeriodApproval | None:
    day = intervention.actual_date or intervention.planned_date
    return standing_approval(
        district_id=intervention.village.district_id, year=intervention.program.fiscal_year,
        semester=semester_of_date(day),
    )  # fmt: skip


def lock_message(approval: PeriodApproval) -> str:
    when = date_format(timezone.localtime(approval.approved_at), "j F Y H:i")
    who = approval.approved_by.get_full_name() or approval.approved_by.username
    return (
        f"{approval.period_label} {approval.district} telah disetujui dan dikunci oleh {who} pada {when}. "
        "Intervensi pada periode ini hanya dapat diubah oleh admin Bappeda."
    )


def refusal(*, user, district_id: int, year: int, day: date) -> str:
    """Why ``user`` may not change an intervention of that period, or "" when they may."""
    if user.is_bappeda_admin:
        return ""
    approval = standing_approval(district_id=district_id, year=year, semester=semester_of_date(day))
    return lock_message(approval) if approval else ""


def ensure_open(*, intervention: Intervention, user) -> None:
    """Raise ``PeriodLocked`` when the intervention's period is locked and the user is no admin."""
    day = intervention.actual_date or intervention.planned_date
    if message := refusal(
        user=user, district_id=intervention.village.district_id, year=intervention.program.fiscal_year, day=day
    ):
        raise PeriodLocked(message)


def approve_period(*, district, year: int, semester: int, user, note: str = "") -> tuple[PeriodApproval, bool]:
    """Lock a district's semester; (approval, created). Approving a locked period again changes nothing."""
    if not user.is_bappeda_admin:
        raise PermissionDenied("Hanya admin Bappeda yang menyetujui dan mengunci periode.")
    try:
        with transaction.atomic():
            approval = PeriodApproval.objects.create(
                district=district, year=year, semester=semester, approved_by=user, approved_at=timezone.now(),
                note=note.strip(),
            )  # fmt: skip
    except IntegrityError:
        return standing_approval(district_id=district.pk, year=year, semester=semester), False
    return approval, True


def unlock_period(*, approval: PeriodApproval, user, reason: str) -> bool:
    """Open an approved period again, recording who, when and why; False if it was already open."""
    if not user.is_bappeda_admin:
        raise PermissionDenied("Hanya admin Bappeda yang membuka kembali periode.")
    if not reason.strip():
        raise ValidationError("Tuliskan alasan membuka kembali periode.")
    return bool(
        PeriodApproval.objects.standing()
        .filter(pk=approval.pk)
        .update(unlocked_by=user, unlocked_at=timezone.now(), unlock_reason=reason.strip())
    )
