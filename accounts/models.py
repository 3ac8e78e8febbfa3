from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.db import models

from records.audit import tracked


class Role(models.TextChoices):
    BAPPEDA_ADMIN = "bappeda_admin", "Admin Bappeda"
    DISTRICT_OFFICER = "district_officer", "Petugas Kabupaten/Kota"
    AGENCY_STAFF = "agency_staff", "Staf Perangkat Daerah"
    VIEWER = "viewer", "Pimpinan/TKPK (hanya lihat)"


class UserManager(DjangoUserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.BAPPEDA_ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


# The password hash and the time of the last login stay out of the trail (logins are in the access log).
@tracked("UserChange", exclude=("password", "last_login"))
class User(AbstractUser):
    """A portal user. The role and the district or agency decide what they see (accounts.scoping)."""

    role = models.CharField("peran", max_length=20, choices=Role.choices, default=Role.VIEWER)
    district = models.ForeignKey(
        "villages.District",
        verbose_name="kabupaten/kota",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text="Wajib untuk petugas kabupaten/kota; untuk pimpinan, kosong berarti seluruh provinsi.",
    )
    agency = models.ForeignKey(
        "programs.Agency",
        verbose_name="perangkat daerah",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        help_text="Wajib untuk staf perangkat daerah.",
    )

    objects = UserManager()

    class Meta:
        verbose_name = "pengguna"
        verbose_name_plural = "pengguna"

    def clean(self):
        super().clean()
        if self.role == Role.DISTRICT_OFFICER and not self.district_id:
            raise ValidationError({"district": "Petugas kabupaten/kota harus punya kabupaten/kota."})
        if self.role == Role.AGENCY_STAFF and not self.agency_id:
            raise ValidationError({"agency": "Staf perangkat daerah harus punya perangkat daerah."})
        if self.role == Role.BAPPEDA_ADMIN and (self.district_id or self.agency_id):
            raise ValidationError("Admin Bappeda mencakup seluruh provinsi: kosongkan kabupaten dan OPD.")

    def save(self, *args, **kwargs):
        # Django admin is for Bappeda admins only (desakumaju.admin.PortalAdminSite).
        self.is_staff = self.role == Role.BAPPEDA_ADMIN
        super().save(*args, **kwargs)

    @property
    def is_bappeda_admin(self) -> bool:
        return self.is_active and self.role == Role.BAPPEDA_ADMIN

    @property
    def is_district_officer(self) -> bool:
        return self.is_active and self.role == Role.DISTRICT_OFFICER

    @property
    def is_agency_staff(self) -> bool:
        return self.is_active and self.role == Role.AGENCY_STAFF
