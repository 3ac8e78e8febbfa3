"""A generated LP2KD report (laporan semester/tahunan): its period, scope, build status and files."""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from accounts.scoping import Scope
from desakumaju.lib.storage import private_storage

PROVINCE_CODE = "18"


class ReportKind(models.TextChoices):
    SEMESTER_1 = "semester1", "Semester I (Januari–Juni)"
    SEMESTER_2 = "semester2", "Semester II (Juli–Desember)"
    ANNUAL = "annual", "Tahunan"


SEMESTER_OF_KIND = {ReportKind.SEMESTER_1: 1, ReportKind.SEMESTER_2: 2, ReportKind.ANNUAL: None}


class ReportStatus(models.TextChoices):
    QUEUED = "queued", "Dalam antrean"
    BUILDING = "building", "Sedang disusun"
    READY = "ready", "Siap diunduh"
    FAILED = "failed", "Gagal"
    CANCELLED = "cancelled", "Dibatalkan"


RUNNING = (ReportStatus.QUEUED, ReportStatus.BUILDING)


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Province-wide users (Bappeda, province viewers) see every report; district officers and
        district viewers their district's; agency staff none (reports show the whole registry)."""
        scope = Scope.of(user)
        if scope.agency_id:
            return self.none()
        if scope.whole_province:
            return self
        if scope.district_id:
            return self.filter(district=scope.district_id)
        return self.none()

    def running(self):
        return self.filter(status__in=RUNNING)


def _report_path(report, filename: str) -> str:
    return f"laporan/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{filename[filename.rfind('.') :]}"


class Report(models.Model):
    kind = models.CharField("jenis", max_length=10, choices=ReportKind.choices)
    year = models.PositiveSmallIntegerField("tahun anggaran")
    district = models.ForeignKey(
        "villages.District",
        verbose_name="kabupaten/kota",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="Kosong: laporan seluruh Provinsi Lampung.",
    )
    scope_code = models.CharField(
        "kode wilayah", max_length=5, help_text="Kode kabupaten/kota, atau 18 untuk seluruh provinsi."
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField("diminta", default=timezone.now)
    status = models.CharField("status", max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField("kemajuan (%)", default=0)
    step = models.CharField("tahap", max_length=100, blank=True)
    message = models.TextField("pesan kesalahan", blank=True)
    attempts = models.PositiveSmallIntegerField("percobaan", default=0)
    started_at = models.DateTimeField("mulai disusun", null=True, blank=True)
    finished_at = models.DateTimeField("selesai", null=True, blank=True)
    xlsx_file = models.FileField("berkas xlsx", storage=private_storage, upload_to=_report_path, blank=True)
    pdf_file = models.FileField("berkas PDF", storage=private_storage, upload_to=_report_path, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # Requests are safe to repeat: one build at a time per period and scope.
            models.UniqueConstraint(
                fields=["kind", "year", "scope_code"],
                condition=models.Q(status__in=RUNNING),
                name="one_running_report_per_period_and_scope",
            ),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="report_progress_is_a_percentage"),
        ]
        verbose_name = "laporan LP2KD"
        verbose_name_plural = "laporan LP2KD"

    def __str__(self):
        return f"Laporan {self.get_kind_display()} {self.year} {self.scope_name}"

    def get_absolute_url(self):
        return reverse("reports:report_detail", kwargs={"pk": self.pk})

    @property
    def scope_name(self) -> str:
        return self.district.name if self.district_id else "Provinsi Lampung"

    @property
    def semester(self) -> int | None:
        return SEMESTER_OF_KIND[ReportKind(self.kind)]

    @property
    def period_start(self) -> date:
        return date(self.year, 7 if self.semester == 2 else 1, 1)

    @property
    def period_end(self) -> date:
        return date(self.year, 6, 30) if self.semester == 1 else date(self.year, 12, 31)

    @property
    def is_running(self) -> bool:
        return self.status in RUNNING

    @property
    def file_stem(self) -> str:
        scope = self.district.code.replace(".", "") if self.district_id else PROVINCE_CODE
        return f"lp2kd-{self.kind}-{self.year}-{scope}"
