"""Interventions: what an agency delivers, where, to whom and for how much, and their workflow."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.functions import Coalesce, ExtractMonth
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone

from accounts.scoping import ScopedQuerySet
from desakumaju.lib.storage import private_storage
from records.audit import tracked


def semester_happened(prefix: str = ""):
    """1 or 2: the semester an intervention happened, or is planned to while it has not (its
    ``semester``), as SQL; ``prefix`` reaches the intervention from another model. The one rule of the
    list's filter, the semester lock, the dashboards and the LP2KD reports; indexed, so that
    PostgreSQL knows how many interventions each semester holds."""
    month = ExtractMonth(Coalesce(F(f"{prefix}actual_date"), F(f"{prefix}planned_date")))
    return Case(When(LessThanOrEqual(month, 6), then=Value(1)), default=Value(2), output_field=IntegerField())


class InterventionStatus(models.TextChoices):
    PLANNED = "planned", "Direncanakan"
    IN_PROGRESS = "in_progress", "Sedang berjalan"
    COMPLETED = "completed", "Selesai"
    VERIFIED = "verified", "Terverifikasi Bappeda"
    CANCELLED = "cancelled", "Dibatalkan"


# The workflow: planned → in progress → completed → verified (Bappeda only); cancelled with a reason.
TRANSITIONS = {
    InterventionStatus.PLANNED: {InterventionStatus.IN_PROGRESS, InterventionStatus.CANCELLED},
    InterventionStatus.IN_PROGRESS: {InterventionStatus.COMPLETED, InterventionStatus.CANCELLED},
    InterventionStatus.COMPLETED: {InterventionStatus.VERIFIED, InterventionStatus.IN_PROGRESS},
    InterventionStatus.VERIFIED: set(),
    InterventionStatus.CANCELLED: set(),
}


class InterventionQuerySet(ScopedQuerySet):
    """``visible_to``: agency staff their agency's interventions; district users those in their district."""

    district_lookup = "village__district"
    agency_lookup = "agency"

    def editable_by(self, user):
        """Only the delivering agency's staff enter and edit interventions (Bappeda admins verify);
        outside an approved (locked) semester unless the user is a Bappeda admin (``programs.locking``)."""
        if user.is_bappeda_admin:
            return self.visible_to(user)
        if not user.is_agency_staff:
            return self.none()
        from ..locking import excluding_approved_periods  # locking imports these models

        return excluding_approved_periods(self.visible_to(user))

    def in_year(self, year: int):
        return self.filter(program__fiscal_year=year)


@tracked("InterventionChange")
class Intervention(models.Model):
    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="interventions")
    agency = models.ForeignKey(
        "programs.Agency", verbose_name="perangkat daerah pelaksana", on_delete=models.PROTECT, related_name="+"
    )
    village = models.ForeignKey("villages.Village", verbose_name="desa/kelurahan", on_delete=models.PROTECT)
    institution = models.ForeignKey(
        "villages.Institution", verbose_name="kelembagaan desa", on_delete=models.PROTECT, null=True, blank=True
    )
    commodity = models.ForeignKey(
        "villages.Commodity", verbose_name="komoditas", on_delete=models.PROTECT, null=True, blank=True
    )
    description = models.TextField("uraian kegiatan")
    quantity = models.DecimalField("volume", max_digits=12, decimal_places=2, default=0)
    unit = models.CharField("satuan", max_length=40, blank=True)
    planned_budget = models.PositiveBigIntegerField("anggaran rencana (Rp)", default=0)
    realised_spending = models.PositiveBigIntegerField("realisasi anggaran (Rp)", default=0)
    overspend_note = models.TextField(
        "catatan kelebihan realisasi", blank=True, help_text="Wajib bila realisasi melebihi anggaran rencana."
    )
    planned_date = models.DateField("tanggal rencana")
    actual_date = models.DateField("tanggal pelaksanaan", null=True, blank=True)
    status = models.CharField(
        "status", max_length=12, choices=InterventionStatus.choices, default=InterventionStatus.PLANNED
    )
    cancel_reason = models.TextField("alasan pembatalan", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InterventionQuerySet.as_manager()

    class Meta:
        ordering = ["-planned_date", "-pk"]
        indexes = [
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["village", "status"]),
            # The list's default order: its first page is read from this index, not sorted (bench-web).
            models.Index(fields=["-planned_date", "-id"], name="intervention_planned_idx"),
            # Its statistics tell the planner how many interventions a semester filter keeps (bench-web).
            models.Index(semester_happened(), name="intervention_semester_idx"),
        ]
        verbose_name = "intervensi"
        verbose_name_plural = "intervensi"

    def __str__(self):
        return f"{self.program.name} di {self.village}"

    def get_absolute_url(self):
        return reverse("programs:intervention_detail", kwargs={"pk": self.pk})

    @property
    def semester(self) -> int:
        month = (self.actual_date or self.planned_date).month
        return 1 if month <= 6 else 2

    def may_become(self, status: str) -> bool:
        return status in TRANSITIONS[self.status]


@tracked("RecipientChange")
class Recipient(models.Model):
    """A person or a household that received an intervention, with the date they received it."""

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="recipients")
    person = models.ForeignKey(
        "beneficiaries.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="receipts"
    )
    household = models.ForeignKey(
        "beneficiaries.Household", on_delete=models.PROTECT, null=True, blank=True, related_name="receipts"
    )
    received_on = models.DateField("tanggal diterima", null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, household__isnull=True)
                | models.Q(person__isnull=True, household__isnull=False),
                name="recipient_is_a_person_or_a_household",
            ),
            models.UniqueConstraint(
                fields=["intervention", "person"], condition=models.Q(person__isnull=False), name="person_once"
            ),
            models.UniqueConstraint(
                fields=["intervention", "household"],
                condition=models.Q(household__isnull=False),
                name="household_once",
            ),
        ]
        verbose_name = "penerima"
        verbose_name_plural = "penerima"

    def __str__(self):
        return str(self.person or self.household)


class StatusChange(models.Model):
    """One step of an intervention's workflow: who moved it, when, from what to what."""

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=InterventionStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=InterventionStatus.choices)
    note = models.TextField(blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = "perubahan status"
        verbose_name_plural = "perubahan status"

    def __str__(self):
        return f"{self.get_from_status_display() or '—'} → {self.get_to_status_display()}"


def _evidence_path(evidence, filename: str) -> str:
    return f"bukti/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{evidence.extension}"


@tracked("EvidenceChange")
class Evidence(models.Model):
    """A photo or document proving an intervention; stored privately, served through a view."""

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField("berkas", storage=private_storage, upload_to=_evidence_path, max_length=200)
    extension = models.CharField(max_length=6)
    original_name = models.CharField("nama berkas", max_length=255)
    size = models.PositiveIntegerField("ukuran (byte)")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = "bukti"
        verbose_name_plural = "bukti"

    def __str__(self):
        return self.original_name
