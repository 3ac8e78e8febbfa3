"""Who exported which list, with which filter, how many rows, and why when full numbers were asked for
(SECURITY-CHECKLIST PII-02/PII-06). Append-only (``records.append_only``).

Written by ``desakumaju.lib.exports.export_response`` for every xlsx or csv export of a list, with an
``AccessRecord`` listing the households the file held; read by Bappeda admins in Django admin. The filter
is the list's query string (a household search travels as an opaque token, never as a NIK or No KK).
Moved here from ``reporting`` (same table, renamed).
"""

from django.conf import settings
from django.db import models

from .access import Purpose


class ExportList(models.TextChoices):
    HOUSEHOLDS = "keluarga", "Keluarga (BNBA)"
    PERSONS = "anggota", "Anggota keluarga (BNBA)"
    INTERVENTIONS = "intervensi", "Intervensi"
    LOCUS_VILLAGES = "desa_lokus", "Desa lokus"
    PRIORITY = "prioritas", "Daftar prioritas"
    COMPLAINTS = "pengaduan", "Antrean pengaduan"


class ExportRecord(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="pengguna", on_delete=models.PROTECT, related_name="exports"
    )
    role = models.CharField("peran saat mengunduh", max_length=20)
    district = models.ForeignKey(
        "villages.District", verbose_name="kabupaten/kota pengguna", on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    list_name = models.CharField("daftar", max_length=20, choices=ExportList.choices)
    file_format = models.CharField("format", max_length=4)
    query = models.TextField("saringan", blank=True, help_text="Parameter saringan daftar saat diunduh.")
    row_count = models.PositiveIntegerField("jumlah baris")
    full_identity_numbers = models.BooleanField(
        "NIK/No. KK lengkap", default=False, help_text="Berkas memuat NIK dan No. KK tanpa disamarkan."
    )
    purpose = models.CharField("tujuan", max_length=12, choices=Purpose.choices, blank=True)
    reason = models.CharField("keterangan", max_length=300, blank=True)
    created_at = models.DateTimeField("waktu", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "catatan unduhan"
        verbose_name_plural = "catatan unduhan"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "created_at"], name="records_export_user_time")]

    def __str__(self):
        return f"{self.get_list_name_display()} · {self.row_count} baris · {self.user_id}"
