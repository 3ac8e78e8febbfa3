"""Bulk look-ups of persons by identity number: who looked up how many, never which (AC-09, PII-02).

Written by ``records.lookups.record_bulk_lookup`` only, so that the personal-data access log can take
these rows over without touching their callers.
"""

from django.conf import settings
from django.db import models


class BulkLookup(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="pengguna", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField("peran", max_length=20)
    kind = models.CharField("jenis", max_length=40, help_text="Misalnya daftar NIK penerima intervensi.")
    count = models.PositiveIntegerField("jumlah NIK dicari")
    created_at = models.DateTimeField("waktu", auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "pencarian massal"
        verbose_name_plural = "pencarian massal"

    def __str__(self):
        return f"{self.kind} · {self.count} · {self.user_id}"
