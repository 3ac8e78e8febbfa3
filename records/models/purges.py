"""What the retention sweep removed, and when (SECURITY-CHECKLIST PII-05). Append-only."""

from django.db import models


class PurgeKind(models.TextChoices):
    UPLOAD = "unggahan", "Berkas unggahan BNBA"
    PROBLEMS = "masalah", "Daftar masalah unggahan"
    STAGED = "baris_antara", "Baris antara unggahan"
    EXPORT = "ekspor", "Berkas ekspor"
    REPORT = "laporan", "Berkas laporan"
    TEMPORARY = "sementara", "Berkas sementara"


class PurgeRecord(models.Model):
    kind = models.CharField("jenis", max_length=15, choices=PurgeKind.choices)
    object_type = models.CharField("jenis data", max_length=60, blank=True, help_text="app_label.model")
    object_id = models.BigIntegerField("id data", null=True, blank=True)
    count = models.PositiveIntegerField("jumlah dihapus", help_text="Berkas atau baris.")
    size = models.PositiveBigIntegerField("ukuran (byte)", default=0)
    kept_for = models.CharField("masa simpan", max_length=40, blank=True)
    created_at = models.DateTimeField("waktu", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "catatan penghapusan"
        verbose_name_plural = "catatan penghapusan"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.count} · {self.created_at:%Y-%m-%d %H:%M}"
