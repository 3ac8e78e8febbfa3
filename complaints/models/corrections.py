"""Corrections of the BNBA registry that come from a ticket: proposed by one user, approved by another."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from records.audit import tracked

from ..display import display_value, field_label
from .tickets import Ticket


class ProposalStatus(models.TextChoices):
    PENDING = "pending", "Menunggu persetujuan"
    APPROVED = "approved", "Disetujui dan diterapkan"
    DECLINED = "declined", "Ditolak"


@tracked("CorrectionProposalChange")
class CorrectionProposal(models.Model):
    """A proposed change of one household or one person (maker-checker: the proposer never approves).

    ``old_values`` and ``new_values`` hold form values ({field: value}) of the changed fields only;
    approval refuses when the record no longer has the old values. NIK and No KK are never among them.
    """

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="proposals")
    household = models.ForeignKey("beneficiaries.Household", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "beneficiaries.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    old_values = models.JSONField(default=dict)
    new_values = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["proposed_at", "pk"]
        verbose_name = "usulan perbaikan data"
        verbose_name_plural = "usulan perbaikan data"

    def __str__(self):
        return f"Usulan #{self.pk} ({self.ticket.code})"

    @property
    def target(self):
        return self.person or self.household

    @property
    def rows(self) -> list[tuple[str, str, str]]:
        """(label, old, new) of each proposed change, as people read them."""
        model = type(self.target)
        return [
            (
                field_label(model, name),
                display_value(model, name, self.old_values.get(name)),
                display_value(model, name, new),
            )
            for name, new in self.new_values.items()
        ]

    @property
    def is_pending(self) -> bool:
        return self.status == ProposalStatus.PENDING


class RecordChangeQuerySet(models.QuerySet):
    def of_household(self, household):
        return self.filter(household=household).select_related("ticket", "person", "proposed_by", "approved_by")


class RecordChange(models.Model):
    """One field of a registry record changed by an approved correction: the record's history."""

    proposal = models.ForeignKey(CorrectionProposal, on_delete=models.PROTECT, related_name="changes")
    ticket = models.ForeignKey(Ticket, on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey("beneficiaries.Household", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "beneficiaries.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    field_label = models.CharField("data", max_length=60)
    old_value = models.CharField("semula", max_length=255, blank=True)
    new_value = models.CharField("menjadi", max_length=255, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    applied_at = models.DateTimeField(default=timezone.now)

    objects = RecordChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-applied_at", "pk"]
        verbose_name = "riwayat perbaikan data"
        verbose_name_plural = "riwayat perbaikan data"

    def __str__(self):
        return f"{self.field_label}: {self.old_value} → {self.new_value}"
