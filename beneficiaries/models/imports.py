"""An uploaded BNBA spreadsheet and its life: validate, preview, confirm, import."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from accounts.scoping import Scope
from desakumaju.lib.storage import private_storage
from villages.models import District


class BatchStatus(models.TextChoices):
    UPLOADED = "uploaded", "Diunggah"
    VALIDATING = "validating", "Sedang diperiksa"
    INVALID = "invalid", "Tidak dapat diimpor"
    READY = "ready", "Siap diimpor"
    IMPORTING = "importing", "Sedang diimpor"
    IMPORTED = "imported", "Selesai diimpor"
    FAILED = "failed", "Gagal"
    CANCELLED = "cancelled", "Dibatalkan"


RUNNING = (BatchStatus.UPLOADED, BatchStatus.VALIDATING, BatchStatus.IMPORTING)
ACTIVE = (*RUNNING, BatchStatus.READY)


class BatchKind(models.TextChoices):
    BNBA = "bnba", "Data BNBA (keluarga dan anggota)"
    RANKING = "desil", "Pemeringkatan desil (DTSEN)"


class ImportBatchQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Admins see every batch; district officers those of their district; others none."""
        scope = Scope.of(user)
        if user.is_bappeda_admin:
            return self
        if user.is_district_officer and scope.district_id:
            return self.filter(district=scope.district_id)
        return self.none()


def _upload_path(batch, filename: str) -> str:
    # Server-generated name: the officer's file name is kept in original_name only.
    return f"bnba/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{batch.file_type}"


def _problems_path(batch, filename: str) -> str:
    return f"bnba/{timezone.now():%Y/%m}/{uuid.uuid4().hex}-masalah.xlsx"


class ImportBatch(models.Model):
    kind = models.CharField("jenis unggahan", max_length=5, choices=BatchKind.choices, default=BatchKind.BNBA)
    status = models.CharField("status", max_length=12, choices=BatchStatus.choices, default=BatchStatus.UPLOADED)
    file = models.FileField("berkas", storage=private_storage, upload_to=_upload_path, max_length=200)
    file_type = models.CharField("jenis berkas", max_length=4)
    original_name = models.CharField("nama berkas", max_length=255)
    sheet_name = models.CharField(
        "lembar", max_length=100, blank=True, help_text="Lembar buku kerja yang dibaca; kosong: dipilih otomatis."
    )
    problems_file = models.FileField(
        "berkas masalah", storage=private_storage, upload_to=_problems_path, max_length=200, blank=True,
        help_text="Baris yang ditolak dengan isi aslinya dan alasannya, untuk diperbaiki dan diunggah lagi.",
    )  # fmt: skip
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField("ukuran (byte)")
    district = models.ForeignKey(
        District,
        verbose_name="kabupaten/kota",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="Wilayah petugas pengunggah; kosong bila diunggah admin Bappeda untuk seluruh provinsi.",
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    desil_source = models.CharField(
        "sumber desil", max_length=10, help_text="Untuk baris yang tidak punya kolom Sumber Desil."
    )
    desil_as_of = models.DateField("desil per tanggal", help_text="Untuk baris yang tidak punya kolom Tanggal Desil.")
    created_at = models.DateTimeField("diunggah", auto_now_add=True)
    validated_at = models.DateTimeField("diperiksa", null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    queued_at = models.DateTimeField(
        "masuk antrean", default=timezone.now, help_text="Kapan tugas pemeriksaan atau impornya terakhir dikirim."
    )
    started_at = models.DateTimeField("mulai diproses", null=True, blank=True)
    imported_at = models.DateTimeField("diimpor", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("percobaan impor", default=0)
    total_rows = models.PositiveIntegerField("jumlah baris", default=0)
    progress = models.PositiveIntegerField("baris diproses", default=0)
    summary = models.JSONField(
        "ringkasan",
        default=dict,
        help_text="Jumlah keluarga/anggota baru, diubah, tetap, ditolak; kolom yang diabaikan; hasil impor.",
    )
    message = models.TextField("pesan", blank=True, help_text="Kesalahan tingkat berkas atau proses.")

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "unggahan BNBA"
        verbose_name_plural = "unggahan BNBA"
        constraints = [
            # IMP-02: one batch of a file in progress per district (or for the province's admins), whoever
            # uploads it and however many requests race; a cancelled, failed or imported batch frees it.
            models.UniqueConstraint(
                Coalesce("district", models.Value(0)), "sha256", "kind",
                condition=models.Q(status__in=ACTIVE), name="one_running_batch_per_file",
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"Unggahan #{self.pk} ({self.original_name})"

    def get_absolute_url(self):
        return reverse("beneficiaries:batch_detail", kwargs={"pk": self.pk})

    @property
    def is_running(self) -> bool:
        return self.status in RUNNING

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.progress / self.total_rows)) if self.total_rows else 0


class PersonMove(models.Model):
    """A person moved from one household to another by an import (audit of cross-household moves)."""

    person = models.ForeignKey("Person", on_delete=models.CASCADE, related_name="moves")
    from_household = models.ForeignKey("Household", on_delete=models.PROTECT, related_name="+")
    to_household = models.ForeignKey("Household", on_delete=models.PROTECT, related_name="+")
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.PROTECT, null=True, blank=True, related_name="moves",
        help_text="Kosong: dipindahkan lewat penyuntingan, bukan unggahan.",
    )  # fmt: skip
    moved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    moved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-moved_at"]
        verbose_name = "perpindahan anggota"
        verbose_name_plural = "perpindahan anggota"

    def __str__(self):
        return f"{self.person} pindah keluarga (unggahan #{self.batch_id})"


class ProblemLevel(models.TextChoices):
    ERROR = "error", "Kesalahan"
    WARNING = "warning", "Peringatan"


class ImportProblem(models.Model):
    """One problem found while validating: the row as the officer numbers it, the column, the message."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="problems")
    row = models.PositiveIntegerField("baris", null=True, blank=True, help_text="Kosong: masalah seluruh berkas.")
    column = models.CharField("kolom", max_length=60, blank=True)
    message = models.CharField("pesan", max_length=300)
    level = models.CharField(max_length=7, choices=ProblemLevel.choices, default=ProblemLevel.ERROR)

    class Meta:
        ordering = ["batch", "row", "pk"]
        indexes = [models.Index(fields=["batch", "level", "row"])]

    def __str__(self):
        return f"baris {self.row or '-'}, {self.column or 'berkas'}: {self.message}"


class StagedRow(models.Model):
    """A valid, normalised row of a batch, waiting for the import (never read by registry pages)."""

    # No foreign-key check per copied row; staged rows are deleted with their batch by the services.
    batch = models.ForeignKey(ImportBatch, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False)
    row = models.PositiveIntegerField()
    nik = models.CharField(max_length=16)
    # NULL, not "": the registry's No KK and P3KE id are NULL when unknown, and staged rows join on them.
    no_kk = models.CharField(max_length=16, null=True)  # noqa: DJ001
    p3ke_family_id = models.CharField(max_length=40, null=True)  # noqa: DJ001
    # The family the row belongs to within the file: its No KK, else "P3KE:" and its P3KE family id.
    family = models.CharField(max_length=46)
    village_id = models.BigIntegerField()
    name = models.CharField(max_length=150)
    sex = models.CharField(max_length=1)
    birth_place = models.CharField(max_length=100)
    birth_date = models.DateField(null=True)
    relationship = models.CharField(max_length=10)
    marital_status = models.CharField(max_length=12)
    education = models.CharField(max_length=15)
    occupation = models.CharField(max_length=20)
    has_disability = models.BooleanField(null=True)
    disability_kind = models.CharField(max_length=15)
    address = models.CharField(max_length=255)
    dusun = models.CharField(max_length=100)
    rt = models.CharField(max_length=3)
    rw = models.CharField(max_length=3)
    desil = models.PositiveSmallIntegerField(null=True)
    desil_source = models.CharField(max_length=10)
    desil_as_of = models.DateField(null=True)
    # The row whose address and desil stand for its household: the head's, else the first.
    is_household_row = models.BooleanField(default=False)

    class Meta:
        # Rows arrive in order, so this index costs the COPY little; the checks join whole batches by hash.
        indexes = [models.Index(fields=["batch", "row"])]

    def __str__(self):
        return f"baris {self.row} dari unggahan #{self.batch_id}"


class StagedRanking(models.Model):
    """A valid row of a desil re-ranking upload: which household, which desil, from which source and date."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False)
    row = models.PositiveIntegerField()
    household_id = models.BigIntegerField()
    desil = models.PositiveSmallIntegerField()
    source = models.CharField(max_length=10)
    as_of = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["batch", "row"])]

    def __str__(self):
        return f"baris {self.row} dari unggahan #{self.batch_id}"
