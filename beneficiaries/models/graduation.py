"""Graduations: a household leaving poverty (keluar dari kemiskinan), by hand with evidence or by a desil import."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.scoping import RegionScopedQuerySet
from desakumaju.lib.storage import private_storage
from records.audit import tracked

from .registry import batch_pointer


class GraduationSource(models.TextChoices):
    MANUAL = "manual", "Ditetapkan petugas"
    DESIL = "desil", "Impor desil"


class GraduationQuerySet(RegionScopedQuerySet):
    district_lookup = "household__village__district"


def _evidence_path(graduation, filename: str) -> str:
    return f"graduasi/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{graduation.evidence_extension}"


@tracked("GraduationChange")
class Graduation(models.Model):
    """One household's graduation: when, why, on what evidence, and what its desil was before and after."""

    household = models.ForeignKey("beneficiaries.Household", on_delete=models.CASCADE, related_name="graduations")
    graduated_on = models.DateField("tanggal graduasi")
    source = models.CharField("dasar", max_length=10, choices=GraduationSource.choices)
    reason = models.CharField("alasan", max_length=255)
    evidence = models.FileField(
        "bukti", storage=private_storage, upload_to=_evidence_path, max_length=200, blank=True,
        help_text="Wajib bila ditetapkan petugas: JPG, PNG atau PDF, paling besar 5 MB.",
    )  # fmt: skip
    evidence_extension = models.CharField(max_length=6, blank=True)
    evidence_name = models.CharField("nama berkas bukti", max_length=255, blank=True)
    desil_before = models.PositiveSmallIntegerField("desil sebelum", null=True, blank=True)
    desil_after = models.PositiveSmallIntegerField("desil sesudah", null=True, blank=True)
    import_batch = batch_pointer(db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = GraduationQuerySet.as_manager()

    class Meta:
        ordering = ["-graduated_on", "-pk"]
        verbose_name = "graduasi"
        verbose_name_plural = "graduasi"

    def __str__(self):
        return f"{self.household} graduasi {self.graduated_on:%d/%m/%Y}"
