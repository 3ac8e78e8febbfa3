"""Assignments: Bappeda assigns, the agency accepts and turns each into an intervention.

Keyword-only, typed, transactional. An assignment is done when its intervention is completed or
verified: that is derived (``AssignmentQuerySet.done_q``), so the intervention workflow needs no
hook; ``mark_done`` (the queue's "Tandai selesai") records it in the stored status. Bappeda admins
may change an open assignment's target, due semester and note (``update``) or cancel it with a
reason (``cancel``); a cancelled assignment leaves the queue's counts of what is asked.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.utils import timezone

from villages.models import Commodity, Village

from .models import (
    Agency,
    Assignment,
    AssignmentStatus,
    Intervention,
    InterventionStatus,
    Program,
    Recipient,
    StatusChange,
)
from .models.assignments import DELIVERED, semester_start
from .services import WorkflowError


@dataclass
class Assigned:
    created: list[Assignment] = field(default_factory=list)
    skipped: list[Village] = field(default_factory=list)  # already assigned for that semester


@transaction.atomic
def assign(
    *,
    program: Program,
    agency: Agency,
    villages: Iterable[Village],
    target_recipients: int,
    due_year: int,
    due_semester: int,
    description: str,
    commodity: Commodity | None = None,
    user,
) -> Assigned:
    """One assignment per village; a village already assigned for that program, agency and semester is
    skipped and reported."""
    if not user.is_bappeda_admin:
        raise PermissionDenied("Hanya admin Bappeda yang membuat penugasan.")
    if due_semester not in (1, 2) or target_recipients < 1:
        raise WorkflowError("Semester harus 1 atau 2 dan target penerima minimal 1.")
    result = Assigned()
    common = {"program": program, "agency": agency, "due_year": due_year, "due_semester": due_semester}
    for village in villages:
        try:
            with transaction.atomic():
                assignment = Assignment.objects.create(
                    **common,
                    village=village,
                    commodity=commodity,
                    description=description,
                    target_recipients=target_recipients,
                    assigned_by=user,
                )
        except IntegrityError:
            result.skipped.append(village)
        else:
            result.created.append(assignment)
    return result


def _lock_for_agency(assignment: Assignment, user) -> Assignment:
    """The assignment, locked, if ``user`` is staff of its agency; PermissionDenied otherwise."""
    if not (user.is_agency_staff and Assignment.objects.visible_to(user).filter(pk=assignment.pk).exists()):
        raise PermissionDenied("Hanya staf perangkat daerah yang ditugasi yang dapat melakukannya.")
    locked = Assignment.objects.select_for_update(of=("self",)).select_related("intervention").get(pk=assignment.pk)
    if locked.status == AssignmentStatus.CANCELLED:
        raise WorkflowError(f"Penugasan ini dibatalkan Bappeda: {locked.cancel_reason}")
    return locked


@transaction.atomic
def accept(*, assignment: Assignment, user) -> Assignment:
    locked = _lock_for_agency(assignment, user)
    if locked.status != AssignmentStatus.NEW:
        raise WorkflowError("Penugasan ini sudah diterima.")
    locked.status, locked.accepted_by, locked.accepted_at = AssignmentStatus.ACCEPTED, user, timezone.now()
    locked.save(update_fields=["status", "accepted_by", "accepted_at"])
    return locked


@transaction.atomic
def start_intervention(*, assignment: Assignment, user) -> Intervention:
    """Create the planned intervention the assignment asks for, link it and mark the assignment in progress.

    Planned for the start of the due semester within the program's fiscal year; its budget is left at 0
    for the agency to fill in. A cancelled intervention may be replaced by a new one."""
    locked = _lock_for_agency(assignment, user)
    gone = locked.intervention is None or locked.intervention.status == InterventionStatus.CANCELLED
    replaceable = locked.status == AssignmentStatus.IN_PROGRESS and gone
    if locked.status != AssignmentStatus.ACCEPTED and not replaceable:
        raise WorkflowError("Terima penugasan dulu; intervensinya hanya dibuat sekali.")
    program = locked.program
    intervention = Intervention.objects.create(
        program=program,
        agency=locked.agency,
        village=locked.village,
        commodity=locked.commodity,
        description=locked.description,
        quantity=locked.target_recipients,
        unit=program.get_target_kind_display().lower(),
        planned_budget=0,
        planned_date=semester_start(program.fiscal_year, locked.due_semester),
        created_by=user,
        updated_by=user,
    )
    StatusChange.objects.create(
        intervention=intervention,
        to_status=InterventionStatus.PLANNED,
        note=f"Dibuat dari penugasan #{locked.pk}.",
        changed_by=user,
    )
    locked.intervention, locked.status = intervention, AssignmentStatus.IN_PROGRESS
    locked.save(update_fields=["intervention", "status"])
    return intervention


@transaction.atomic
def mark_done(*, assignment: Assignment, user) -> Assignment:
    """Record "done" in the stored status once the intervention is completed or verified."""
    locked = Assignment.objects.select_for_update(of=("self",)).select_related("intervention").get(pk=assignment.pk)
    if not (user.is_bappeda_admin or (user.is_agency_staff and user.agency_id == locked.agency_id)):
        raise PermissionDenied("Hanya admin Bappeda atau perangkat daerah yang ditugasi.")
    if locked.status == AssignmentStatus.CANCELLED:
        raise WorkflowError("Penugasan ini sudah dibatalkan.")
    if locked.status == AssignmentStatus.DONE:
        raise WorkflowError("Penugasan ini sudah ditandai selesai.")
    if locked.intervention is None or locked.intervention.status not in DELIVERED:
        raise WorkflowError("Penugasan selesai bila intervensinya sudah selesai atau terverifikasi.")
    locked.status = AssignmentStatus.DONE
    locked.save(update_fields=["status"])
    return locked


def _lock_for_admin(assignment: Assignment, user) -> Assignment:
    """The assignment, locked, for a Bappeda admin while it is still open (neither done nor cancelled)."""
    if not user.is_bappeda_admin:
        raise PermissionDenied("Hanya admin Bappeda yang mengubah atau membatalkan penugasan.")
    locked = Assignment.objects.select_for_update(of=("self",)).select_related("intervention").get(pk=assignment.pk)
    if locked.status == AssignmentStatus.CANCELLED:
        raise WorkflowError("Penugasan ini sudah dibatalkan.")
    if locked.is_done:
        raise WorkflowError("Penugasan yang sudah selesai tidak dapat diubah atau dibatalkan.")
    return locked


@transaction.atomic
def update(*, assignment: Assignment, user, target_recipients: int, due_semester: int, notes: str = "") -> Assignment:
    """Change the target, the due semester (within the due year) and the note of an open assignment."""
    locked = _lock_for_admin(assignment, user)
    if due_semester not in (1, 2) or target_recipients < 1:
        raise WorkflowError("Semester harus 1 atau 2 dan target penerima minimal 1.")
    clash = (
        Assignment.objects.filter(
            program=locked.program_id,
            agency=locked.agency_id,
            village=locked.village_id,
            due_year=locked.due_year,
            due_semester=due_semester,
        )
        .exclude(pk=locked.pk)
        .exists()
    )
    if clash:
        raise WorkflowError(
            f"Sudah ada penugasan program ini untuk {locked.agency} di {locked.village} "
            f"pada semester {due_semester} {locked.due_year}."
        )
    locked.target_recipients, locked.due_semester, locked.notes = target_recipients, due_semester, notes.strip()
    locked.updated_by, locked.updated_at = user, timezone.now()
    locked.save(update_fields=["target_recipients", "due_semester", "notes", "updated_by", "updated_at"])
    return locked


@transaction.atomic
def cancel(*, assignment: Assignment, user, reason: str) -> Assignment:
    """Cancel an open assignment with a reason; an intervention already made from it stays as it is."""
    locked = _lock_for_admin(assignment, user)
    if not reason.strip():
        raise WorkflowError("Tuliskan alasan pembatalan penugasan.")
    locked.status, locked.cancel_reason = AssignmentStatus.CANCELLED, reason.strip()
    locked.cancelled_by, locked.cancelled_at = user, timezone.now()
    locked.save(update_fields=["status", "cancel_reason", "cancelled_by", "cancelled_at"])
    return locked


@dataclass
class SummaryRow:
    key: int
    label: str
    detail: str = ""
    code: str = ""
    assignments: int = 0
    target: int = 0
    started: int = 0
    delivered: int = 0
    reached: int = 0


# What names a row of each grouping: (label, detail, code).
GROUP_FIELDS = {
    "agency": ("agency__short_name", "agency__name", "agency__short_name"),
    "village": ("village__name", "village__district__name", "village__code"),
}


def summarise(*, assignments, by: str) -> list[SummaryRow]:
    """Assigned vs delivered per ``by`` ("agency" or "village") over an already scoped queryset.

    Recipients are counted in a second query: joining them in would multiply the target sums."""
    label, detail, code = GROUP_FIELDS[by]
    grouped = (
        assignments.order_by()
        .values(by, label, detail, code)
        .annotate(
            n=Count("pk"),
            target=Sum("target_recipients"),
            started=Count("intervention"),
            delivered=Count("pk", filter=Assignment.objects.done_q()),
        )
    )
    rows = {
        row[by]: SummaryRow(
            key=row[by],
            label=row[label],
            detail=row[detail],
            code=row[code],
            assignments=row["n"],
            target=row["target"] or 0,
            started=row["started"],
            delivered=row["delivered"],
        )
        for row in grouped
    }
    reached = (
        Recipient.objects.filter(intervention__assignment__in=assignments.order_by().values("pk"))
        .values(f"intervention__assignment__{by}")
        .annotate(n=Count("pk"))
    )
    for row in reached:
        rows[row[f"intervention__assignment__{by}"]].reached = row["n"]
    return sorted(rows.values(), key=lambda row: (row.label, row.code))


def totals(rows: list[SummaryRow]) -> SummaryRow:
    total = SummaryRow(key=0, label="Jumlah")
    for row in rows:
        for name in ("assignments", "target", "started", "delivered", "reached"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
    return total
