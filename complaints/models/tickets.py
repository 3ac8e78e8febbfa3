"""Complaints and data-correction requests (pengaduan) filed by the public, and their workflow."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.scoping import ScopedQuerySet
from desakumaju.lib.storage import private_storage
from records.audit import tracked

# UU PDP 27/2022 Pasal 30: a valid correction request is answered within 3×24 hours.
CORRECTION_DEADLINE = timedelta(hours=72)
# Who works the queue. Viewers (pimpinan/TKPK) read counts on dashboards, not the complaints themselves.
QUEUE_ROLES = frozenset({Role.BAPPEDA_ADMIN, Role.DISTRICT_OFFICER, Role.AGENCY_STAFF})


class Category(models.TextChoices):
    NOT_RECEIVED = "not_received", "Bantuan program tidak diterima"
    UNFAIR_TARGETING = "unfair_targeting", "Sasaran program tidak tepat/tidak adil"
    MISCONDUCT = "misconduct", "Penyimpangan atau pungutan dalam program"
    REQUEST_LISTING = "request_listing", "Mohon didata: miskin tetapi belum terdaftar"
    REPORT_NOT_POOR = "report_not_poor", "Warga terdaftar ternyata tidak miskin"
    REPORT_MOVED = "report_moved", "Warga terdaftar sudah pindah"
    REPORT_DIED = "report_died", "Warga terdaftar sudah meninggal"
    DATA_CORRECTION = "data_correction", "Perbaikan data diri saya"


class Status(models.TextChoices):
    RECEIVED = "received", "Diterima"
    IN_REVIEW = "in_review", "Sedang ditinjau"
    RESOLVED = "resolved", "Selesai"
    REJECTED = "rejected", "Ditolak"


OPEN = (Status.RECEIVED, Status.IN_REVIEW)
TRANSITIONS = {
    Status.RECEIVED: {Status.IN_REVIEW, Status.REJECTED},
    Status.IN_REVIEW: {Status.RESOLVED, Status.REJECTED},
    Status.RESOLVED: set(),
    Status.REJECTED: set(),
}


def deadline_for(category: str, filed_at):
    if category == Category.DATA_CORRECTION:
        return filed_at + CORRECTION_DEADLINE
    return filed_at + timedelta(days=settings.COMPLAINT_DEADLINE_DAYS)


class TicketQuerySet(ScopedQuerySet):
    """``visible_to``: Bappeda all; district users their district's villages'; agency staff those routed to them."""

    district_lookup = "village__district"
    agency_lookup = "agency"

    def workable_by(self, user):
        """Tickets the user may move, answer and assign: the queue roles, in their scope."""
        return self.visible_to(user) if user.is_active and user.role in QUEUE_ROLES else self.none()

    def open(self):
        return self.filter(status__in=OPEN)

    def overdue(self, *, now=None):
        """Open tickets past their deadline: what dashboards count and the queue highlights."""
        return self.open().filter(due_at__lt=now or timezone.now())


@tracked("TicketChange")
class Ticket(models.Model):
    code = models.CharField("kode tiket", max_length=16, unique=True, editable=False)
    category = models.CharField("jenis pengaduan", max_length=20, choices=Category.choices)
    village = models.ForeignKey("villages.Village", verbose_name="desa/kelurahan", on_delete=models.PROTECT)
    description = models.TextField("uraian")
    nik = models.CharField("NIK", max_length=16, blank=True, help_text="Opsional; tidak pernah ditampilkan ke publik.")
    reporter_name = models.CharField("nama pelapor", max_length=150, blank=True)
    contact = models.CharField("kontak pelapor", max_length=100, blank=True)
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.RECEIVED)
    agency = models.ForeignKey(
        "programs.Agency",
        verbose_name="perangkat daerah tujuan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Diisi dari intervensi terkait: staf perangkat daerah ini ikut menangani.",
    )
    intervention = models.ForeignKey(
        "programs.Intervention", verbose_name="intervensi terkait", on_delete=models.PROTECT, null=True, blank=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="petugas", on_delete=models.PROTECT, null=True, blank=True
    )
    due_at = models.DateTimeField("batas waktu")
    created_at = models.DateTimeField("diajukan", default=timezone.now)
    closed_at = models.DateTimeField("ditutup", null=True, blank=True)

    objects = TicketQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [models.Index(fields=["status", "due_at"]), models.Index(fields=["village", "status"])]
        verbose_name = "pengaduan"
        verbose_name_plural = "pengaduan"

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("complaints:ticket_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at < timezone.now()

    def may_become(self, status: str) -> bool:
        return status in TRANSITIONS[self.status]


class EventKind(models.TextChoices):
    FILED = "filed", "Pengaduan diterima"
    STATUS = "status", "Perubahan status"
    NOTE = "note", "Catatan internal"
    REPLY = "reply", "Tanggapan untuk pelapor"
    ASSIGNED = "assigned", "Penugasan petugas"
    ROUTED = "routed", "Dikaitkan dengan intervensi"
    PROPOSED = "proposed", "Usulan perbaikan data"
    APPROVED = "approved", "Perbaikan data disetujui"
    DECLINED = "declined", "Usulan perbaikan ditolak"


PUBLIC_EVENTS = (EventKind.FILED, EventKind.STATUS, EventKind.REPLY)


class TicketEvent(models.Model):
    """One step of a ticket: who did what, when, from which status to which. Append-only."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=EventKind.choices)
    from_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    text = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "langkah pengaduan"
        verbose_name_plural = "langkah pengaduan"

    def __str__(self):
        return self.get_kind_display()

    @property
    def is_public(self) -> bool:
        return self.kind in PUBLIC_EVENTS


def _attachment_path(attachment, filename: str) -> str:
    return f"pengaduan/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{attachment.extension}"


@tracked("AttachmentChange")
class Attachment(models.Model):
    """A photo or PDF sent with a ticket; stored privately (like programs.Evidence), served through a view."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("berkas", storage=private_storage, upload_to=_attachment_path, max_length=200)
    extension = models.CharField(max_length=6)
    original_name = models.CharField("nama berkas", max_length=255)
    size = models.PositiveIntegerField("ukuran (byte)")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = "lampiran"
        verbose_name_plural = "lampiran"

    def __str__(self):
        return self.original_name
