"""The personal-data access log (SECURITY-CHECKLIST PII-02): who saw whose data, when, from where and why.

One ``AccessRecord`` per page view of a household, person or complaint, per full-number reveal, per export,
per bulk look-up and per data-subject search; logins and 404s of logged-in users are kept here too, for the
breach signals (``records.alerts``). Records point to what they concern by generic ids (this app imports no
domain app). An access concerning many households (an export, a bulk look-up) lists them as
``AccessSubject`` rows, so that a data subject's request finds it.
"""

from django.conf import settings
from django.db import models


class AccessAction(models.TextChoices):
    VIEW_HOUSEHOLD = "lihat_keluarga", "Membuka halaman keluarga"
    VIEW_PERSON = "lihat_anggota", "Membuka formulir anggota keluarga"
    VIEW_TICKET = "lihat_pengaduan", "Membuka halaman pengaduan"
    REVEAL = "tampilkan", "Menampilkan NIK/No. KK lengkap"
    EXPORT = "ekspor", "Mengunduh daftar"
    BULK_LOOKUP = "cari_massal", "Pencarian NIK massal"
    SUBJECT_SEARCH = "cari_subjek", "Penelusuran subjek data"
    LOGIN = "masuk", "Masuk ke portal"
    NOT_FOUND = "tidak_ditemukan", "Halaman tidak ditemukan"


# Actions that concern people; logins and 404s are kept only for the breach signals.
PERSONAL_DATA_ACTIONS = [a for a in AccessAction if a not in (AccessAction.LOGIN, AccessAction.NOT_FOUND)]


class Purpose(models.TextChoices):
    """Why a full NIK or No KK is needed (DOC-01: a purpose from an enumerated list)."""

    VERIFICATION = "verifikasi", "Verifikasi"
    CORRECTION = "koreksi", "Koreksi data"
    COMPLAINT = "pengaduan", "Pengaduan"
    OTHER = "lainnya", "Lainnya"


class AccessRecord(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="pengguna", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField("peran saat itu", max_length=20)
    district = models.ForeignKey(
        "villages.District", verbose_name="kabupaten/kota pengguna", on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    action = models.CharField("tindakan", max_length=20, choices=AccessAction.choices)
    object_type = models.CharField("jenis data", max_length=60, blank=True, help_text="app_label.model")
    object_id = models.BigIntegerField("id data", null=True, blank=True)
    household_id = models.BigIntegerField("id keluarga", null=True, blank=True, db_index=True)
    person_id = models.BigIntegerField("id anggota", null=True, blank=True, db_index=True)
    subject_hash = models.CharField(
        "hash nomor", max_length=64, blank=True, db_index=True,
        help_text="HMAC-SHA256 NIK/No. KK yang dibuka atau dicari; nomornya sendiri tidak disimpan.",
    )  # fmt: skip
    subject_count = models.PositiveIntegerField("jumlah orang", default=0)
    purpose = models.CharField("tujuan", max_length=12, choices=Purpose.choices, blank=True)
    reason = models.CharField("keterangan", max_length=300, blank=True)
    address = models.GenericIPAddressField("alamat IP", null=True, blank=True)
    path = models.CharField("halaman", max_length=200, blank=True)
    created_at = models.DateTimeField("waktu", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "catatan akses data pribadi"
        verbose_name_plural = "catatan akses data pribadi"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "action", "created_at"])]

    def __str__(self):
        return f"{self.get_action_display()} · pengguna #{self.user_id} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def role_label(self) -> str:
        from accounts.models import Role  # accounts' models use records: imported when read

        return Role(self.role).label if self.role in Role.values else self.role


class AccessSubject(models.Model):
    """One household an export or a bulk look-up concerned."""

    access = models.ForeignKey(AccessRecord, on_delete=models.PROTECT, related_name="subjects")
    household_id = models.BigIntegerField(db_index=True)

    class Meta:
        verbose_name = "keluarga dalam akses"
        verbose_name_plural = "keluarga dalam akses"

    def __str__(self):
        return f"keluarga #{self.household_id} dalam akses #{self.access_id}"
