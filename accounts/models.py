from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.crypto import salted_hmac

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

    session_generation = models.PositiveIntegerField(
        "generasi sesi",
        default=0,
        editable=False,
        help_text=(
            "Naik setiap kali pengguna dinonaktifkan atau mengaktifkan verifikasi dua langkah: "
            "sesi yang dibuat sebelumnya tidak berlaku lagi."
        ),
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
        if self._is_being_deactivated():
            self.session_generation += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "session_generation"}
        super().save(*args, **kwargs)

    def end_sessions(self) -> None:
        """End every session of the user made so far (the current request's may be kept with Django's
        update_session_auth_hash)."""
        self.session_generation += 1
        self.save(update_fields=["session_generation"])

    def _is_being_deactivated(self) -> bool:
        return not self.is_active and type(self).objects.filter(pk=self.pk, is_active=True).exists()

    def _get_session_auth_hash(self, secret=None):
        """Django's hash of the password, which every session carries, plus the session generation.

        A session made before the user was deactivated no longer matches, so Django ends it at its next
        request even after the user is reactivated (SECURITY-CHECKLIST AC-05, AUTH-03). Generation 0 keeps
        Django's own hash, so sessions made before this field existed stay valid.
        """
        if not self.session_generation:
            return super()._get_session_auth_hash(secret=secret)
        key_salt = "accounts.User.get_session_auth_hash"
        value = f"{self.password}|{self.session_generation}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()

    @property
    def is_bappeda_admin(self) -> bool:
        return self.is_active and self.role == Role.BAPPEDA_ADMIN

    @property
    def is_district_officer(self) -> bool:
        return self.is_active and self.role == Role.DISTRICT_OFFICER

    @property
    def is_agency_staff(self) -> bool:
        """Active staff of an active agency: staff of a deactivated agency act for no one, as
        ``Scope.of`` gives them nothing to see (SECURITY-CHECKLIST AC-05)."""
        return self.is_active and self.role == Role.AGENCY_STAFF and self.agency_id is not None and self.agency.active
