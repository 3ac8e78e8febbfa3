from django.core.exceptions import ValidationError
from django.db import models

from accounts.scoping import Scope
from records.audit import tracked


class AgencyLevel(models.TextChoices):
    PROVINCE = "province", "Provinsi"
    DISTRICT = "district", "Kabupaten/Kota"


class AgencyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def visible_to(self, user):
        """Province-wide users see every agency; agency staff their own; district users the
        province's agencies and their own district's."""
        scope = Scope.of(user)
        if scope.agency_id:
            return self.filter(pk=scope.agency_id)
        if scope.whole_province:
            return self
        if scope.district_id:
            return self.filter(models.Q(district__isnull=True) | models.Q(district=scope.district_id))
        return self.none()


@tracked("AgencyChange")
class Agency(models.Model):
    """A regional agency (perangkat daerah, OPD) that delivers poverty programs."""

    name = models.CharField("nama", max_length=200, unique=True)
    short_name = models.CharField("singkatan", max_length=40)
    level = models.CharField("tingkat", max_length=10, choices=AgencyLevel.choices)
    district = models.ForeignKey(
        "villages.District",
        verbose_name="kabupaten/kota",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        help_text="Hanya untuk perangkat daerah kabupaten/kota.",
    )
    active = models.BooleanField("aktif", default=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["level", "name"]
        verbose_name = "perangkat daerah"
        verbose_name_plural = "perangkat daerah"
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(level="province", district__isnull=True))
                | models.Q(level="district", district__isnull=False),
                name="agency_district_matches_level",
            ),
        ]

    def __str__(self):
        return self.short_name

    def clean(self):
        if self.level == AgencyLevel.DISTRICT and not self.district_id:
            raise ValidationError({"district": "Perangkat daerah kabupaten/kota harus punya kabupaten/kota."})
        if self.level == AgencyLevel.PROVINCE and self.district_id:
            raise ValidationError({"district": "Perangkat daerah provinsi tidak punya kabupaten/kota."})
