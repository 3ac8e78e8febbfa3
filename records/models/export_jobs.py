"""A large list export built by a worker (SECURITY-CHECKLIST EXP-03): its filter, progress and file.

Only its requester sees it and downloads its file, which lives in private storage and is deleted once
it expires (``RETENTION_EXPORT_HOURS``). At most one export per user and list runs at a time.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from desakumaju.lib.storage import private_storage


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "Dalam antrean"
    BUILDING = "building", "Sedang disusun"
    READY = "ready", "Siap diunduh"
    FAILED = "failed", "Gagal"
    EXPIRED = "expired", "Kedaluwarsa"


RUNNING = (ExportStatus.QUEUED, ExportStatus.BUILDING)


class ExportJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The requester's own: a file holds what their scope showed them, for nobody else."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(user=user)

    def running(self):
        return self.filter(status__in=RUNNING)


def _export_path(job, filename: str) -> str:
    return f"ekspor/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{job.file_format}"


class ExportJob(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="pengguna", on_delete=models.PROTECT, related_name="export_jobs"
    )
    list_name = models.CharField("daftar", max_length=20)
    file_format = models.CharField("format", max_length=4)
    params = models.TextField(
        "saringan", blank=True, help_text="Saringan daftar (query string) yang dipakai pekerja; tanpa NIK/No. KK."
    )
    filename = models.CharField("nama berkas", max_length=100)
    # Full NIK and No KK only when asked for with a reason (records.reveal.ReasonForm); masked otherwise.
    full_identity_numbers = models.BooleanField("NIK/No. KK lengkap", default=False)
    purpose = models.CharField("tujuan", max_length=20, blank=True)
    reason = models.CharField("keterangan tujuan", max_length=300, blank=True)
    status = models.CharField("status", max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    expected_rows = models.PositiveIntegerField("perkiraan baris", default=0)
    rows_written = models.PositiveIntegerField("baris tertulis", default=0)
    file = models.FileField("berkas", storage=private_storage, upload_to=_export_path, blank=True, max_length=200)
    error = models.TextField("keterangan gagal", blank=True)
    attempts = models.PositiveSmallIntegerField("percobaan", default=0)
    created_at = models.DateTimeField("diminta", auto_now_add=True)
    started_at = models.DateTimeField("mulai disusun", null=True, blank=True)
    finished_at = models.DateTimeField("selesai", null=True, blank=True)
    expires_at = models.DateTimeField("berkas dihapus", null=True, blank=True, db_index=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "list_name"], condition=models.Q(status__in=RUNNING), name="one_running_export_per_list"
            )
        ]
        verbose_name = "ekspor besar"
        verbose_name_plural = "ekspor besar"

    def __str__(self):
        return f"{self.list_name}.{self.file_format} #{self.pk}"

    def get_absolute_url(self):
        return reverse("exports:job", kwargs={"pk": self.pk})

    @property
    def is_running(self) -> bool:
        return self.status in RUNNING

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.READY:
            return 100
        return min(99, self.rows_written * 100 // self.expected_rows) if self.expected_rows else 0

    @property
    def download_name(self) -> str:
        return f"{self.filename}.{self.file_format}"
