"""A breach signal that fired (SECURITY-CHECKLIST PII-06): which rule, whose account, how far over. Append-only."""

from django.conf import settings
from django.db import models


class AlertRule(models.TextChoices):
    MASS_ACCESS = "akses_massal", "Membuka atau mengunduh data jauh lebih banyak orang dari biasanya"
    MANY_REVEALS = "banyak_tampilkan", "Banyak permintaan menampilkan NIK/No. KK lengkap"
    NOT_FOUND = "banyak_404", "Berulang kali membuka data di luar wilayahnya (404)"
    MANY_ADDRESSES = "banyak_alamat", "Masuk dari banyak alamat IP"


class Alert(models.Model):
    rule = models.CharField("aturan", max_length=20, choices=AlertRule.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="pengguna", on_delete=models.PROTECT, related_name="+"
    )
    observed = models.PositiveIntegerField("teramati")
    threshold = models.PositiveIntegerField("ambang")
    window_start = models.DateTimeField("sejak")
    message = models.TextField("pesan")
    created_at = models.DateTimeField("waktu", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "peringatan kebocoran"
        verbose_name_plural = "peringatan kebocoran"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["rule", "user", "created_at"])]

    def __str__(self):
        return f"{self.get_rule_display()} · pengguna #{self.user_id}"
