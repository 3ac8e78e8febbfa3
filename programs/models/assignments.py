"""Assignments: Bappeda asks an agency to deliver a planned intervention in a village by a semester."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.scoping import Scope
from records.audit import tracked

from .interventions import InterventionStatus


class AssignmentStatus(models.TextChoices):
    """The steps the assignment itself takes; "done" and "overdue" are derived (see ``Stage``)."""

    NEW = "new", "Baru"
    ACCEPTED = "accepted", "Diterima"
    IN_PROGRESS = "in_progress", "Sedang dikerjakan"
    DONE = "done", "Selesai"
    CANCELLED = "cancelled", "Dibatalkan"


class Stage(models.TextChoices):
    """Where an assignment stands in the work queue, as its agency sees it."""

    NEW = "new", "Baru"
    ACCEPTED = "accepted", "Diterima"
    IN_PROGRESS = "in_progress", "Sedang dikerjakan"
    DONE = "done", "Selesai"
    OVERDUE = "overdue", "Terlambat"
    CANCELLED = "cancelled", "Dibatalkan"


# An assignment is done once the intervention made from it is completed or verified.
DELIVERED = [InterventionStatus.COMPLETED, InterventionStatus.VERIFIED]


def semester_of(day: date) -> int:
    return 1 if day.month <= 6 else 2


def semester_start(year: int, semester: int) -> date:
    return date(year, 1 if semester == 1 else 7, 1)


class AssignmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Admins see all; agency staff their agency's; district users those in their district."""
        scope = Scope.of(user)
        if scope.agency_id:
            return self.filter(agency=scope.agency_id)
        if user.is_bappeda_admin:
            return self
        if scope.district_id:
            return self.filter(village__district=scope.district_id)
        return self.none()

    @staticmethod
    def done_q() -> models.Q:
        """Recorded done, or (not cancelled) its intervention completed or verified."""
        delivered = models.Q(intervention__status__in=DELIVERED) & ~models.Q(status=AssignmentStatus.CANCELLED)
        return models.Q(status=AssignmentStatus.DONE) | delivered

    @staticmethod
    def overdue_q(today: date) -> models.Q:
        """The due semester has ended: an earlier year, or semester 1 of this year once July begins.
        A cancelled assignment is never overdue."""
        ended = models.Q(due_year__lt=today.year) | models.Q(due_year=today.year, due_semester__lt=semester_of(today))
        return ended & ~models.Q(status=AssignmentStatus.CANCELLED) & ~AssignmentQuerySet.done_q()

    def active(self):
        """Assignments not cancelled: what was asked and still stands."""
        return self.exclude(status=AssignmentStatus.CANCELLED)

    def done(self):
        return self.filter(self.done_q())

    def overdue(self, today: date):
        return self.filter(self.overdue_q(today))

    def with_stage(self, today: date):
        # Not "stage": that is the model's property (the same rule for one loaded row).
        return self.annotate(
            queue_stage=models.Case(
                models.When(status=AssignmentStatus.CANCELLED, then=models.Value(Stage.CANCELLED)),
                models.When(self.done_q(), then=models.Value(Stage.DONE)),
                models.When(self.overdue_q(today), then=models.Value(Stage.OVERDUE)),
                default=models.F("status"),
                output_field=models.CharField(),
            )
        )

    def in_stage(self, stage: str, today: date):
        return self.with_stage(today).filter(queue_stage=stage)


@tracked("AssignmentChange")
class Assignment(models.Model):
    """One agency, one program, one village and a target of recipients, due by a semester."""

    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="assignments")
    agency = models.ForeignKey(
        "programs.Agency", verbose_name="perangkat daerah", on_delete=models.PROTECT, related_name="assignments"
    )
    village = models.ForeignKey(
        "villages.Village", verbose_name="desa/kelurahan", on_delete=models.PROTECT, related_name="assignments"
    )
    commodity = models.ForeignKey(
        "villages.Commodity", verbose_name="komoditas", on_delete=models.PROTECT, null=True, blank=True
    )
    description = models.TextField("uraian penugasan")
    target_recipients = models.PositiveIntegerField(
        "target penerima", help_text="Per desa; desa lokus wajib mendapat intervensi bagi minimal 20 warga miskin."
    )
    due_year = models.PositiveSmallIntegerField("tahun tenggat")
    due_semester = models.PositiveSmallIntegerField("semester tenggat", choices=[(1, "Semester 1"), (2, "Semester 2")])
    status = models.CharField("status", max_length=12, choices=AssignmentStatus.choices, default=AssignmentStatus.NEW)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(default=timezone.now)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    intervention = models.OneToOneField(
        "programs.Intervention",
        verbose_name="intervensi",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignment",
        help_text="Diisi saat perangkat daerah membuat intervensi dari penugasan ini.",
    )
    notes = models.TextField("catatan", blank=True)
    cancel_reason = models.TextField("alasan pembatalan", blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField("dibatalkan", null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField("terakhir diubah", null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_year", "due_semester", "agency", "village__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "agency", "village", "due_year", "due_semester"], name="one_assignment_per_semester"
            ),
            models.CheckConstraint(condition=models.Q(due_semester__in=[1, 2]), name="assignment_semester_1_or_2"),
        ]
        indexes = [models.Index(fields=["agency", "status"])]
        verbose_name = "penugasan"
        verbose_name_plural = "penugasan"

    def __str__(self):
        return f"{self.agency}: {self.program.name} di {self.village}"

    @property
    def due_label(self) -> str:
        return f"Semester {self.due_semester} {self.due_year}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == AssignmentStatus.CANCELLED

    @property
    def is_done(self) -> bool:
        if self.status == AssignmentStatus.DONE:
            return True
        if self.is_cancelled:
            return False
        return self.intervention_id is not None and self.intervention.status in DELIVERED

    @property
    def may_be_marked_done(self) -> bool:
        """Delivered (its intervention completed or verified) but not yet recorded done."""
        delivered = self.intervention_id is not None and self.intervention.status in DELIVERED
        return delivered and self.status not in (AssignmentStatus.DONE, AssignmentStatus.CANCELLED)

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        ended = (self.due_year, self.due_semester) < (today.year, semester_of(today))
        return ended and not self.is_done and not self.is_cancelled

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    @property
    def stage(self) -> str:
        if self.is_cancelled:
            return Stage.CANCELLED
        if self.is_done:
            return Stage.DONE
        return Stage.OVERDUE if self.overdue else self.status

    @property
    def stage_label(self) -> str:
        return Stage(self.stage).label
