"""Semester close (DHIS2-style data approval): Bappeda approves a district's semester after review.

While an approval stands, the interventions of that period are locked (``programs.locking``).
Unlocking keeps the row with who unlocked it, when and why; approving again adds a new row.
"""

from django.conf import settings
from django.db import models

from accounts.scoping import RegionScopedQuerySet
from records.audit import tracked


class PeriodApprovalQuerySet(RegionScopedQuerySet):
    district_lookup = "district"

    def standing(self):
        """Approvals not unlocked: the periods that are locked now."""
        return self.filter(unlocked_at__isnull=True)


@tracked("PeriodApprovalChange")
class PeriodApproval(models.Model):
    district = models.ForeignKey(
        "villages.District", verbose_name="kabupaten/kota", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("tahun anggaran")
    semester = models.PositiveSmallIntegerField("semester", choices=[(1, "Semester I"), (2, "Semester II")])
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField("disetujui")
    note = models.TextField("catatan persetujuan", blank=True)
    unlocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unlocked_at = models.DateTimeField("dibuka kembali", null=True, blank=True)
    unlock_reason = models.TextField("alasan dibuka kembali", blank=True)

    objects = PeriodApprovalQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-semester", "district__code", "-approved_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "year", "semester"],
                condition=models.Q(unlocked_at__isnull=True),
                name="one_standing_approval_per_period",
            ),
            models.CheckConstraint(condition=models.Q(semester__in=[1, 2]), name="approval_semester_1_or_2"),
        ]
        verbose_name = "persetujuan periode"
        verbose_name_plural = "persetujuan periode"

    def __str__(self):
        return f"{self.district} semester {self.semester} {self.year}"

    @property
    def period_label(self) -> str:
        return f"Semester {'I' if self.semester == 1 else 'II'} {self.year}"

    @property
    def is_standing(self) -> bool:
        return self.unlocked_at is None
