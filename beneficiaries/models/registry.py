"""The BNBA registry: households (No KK), their members (NIK) and the history of their desil."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from accounts.scoping import RegionScopedQuerySet
from records.audit import tracked
from villages.models import Village

from ..validators import validate_nik_format, validate_no_kk
from .choices import (
    DesilSource,
    DisabilityKind,
    Education,
    HouseholdStatus,
    MaritalStatus,
    Occupation,
    Relationship,
    Sex,
)

DESIL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(10)]


def batch_pointer(*, db_index: bool = False, **options) -> models.ForeignKey:
    """The import batch that last wrote a registry row.

    Batches are the import audit trail and are never deleted, so the pointer has no database
    constraint: checking it for every imported row cost ~3 s per million rows. Should a batch ever be
    deleted through the ORM, Django still sets the pointers to NULL. It is indexed only where rows are
    looked up by batch (desil records, graduations); every index slows every imported row.
    """
    return models.ForeignKey(
        "beneficiaries.ImportBatch", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        db_constraint=False, db_index=db_index, **options,
    )  # fmt: skip


class ImportedRecord(models.Model):
    """What a household and a person both keep: the upload that last changed them, and when."""

    import_batch = batch_pointer(verbose_name="unggahan terakhir")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class HouseholdQuerySet(RegionScopedQuerySet):
    district_lookup = "village__district"
    village_lookup = "village"

    def in_desil(self, desil: int):
        return self.filter(desil=desil)

    def active(self):
        return self.filter(status=HouseholdStatus.ACTIVE)


@tracked("HouseholdChange")
class Household(ImportedRecord):
    """A family card (Kartu Keluarga). Never deleted: it leaves the registry through its status."""

    # Unique through Meta.constraints. NULL (not "") until known: a family may arrive by its P3KE id alone,
    # and NULLs never clash in a unique constraint.
    no_kk = models.CharField(  # noqa: DJ001
        "No. KK", max_length=16, null=True, blank=True, validators=[validate_no_kk]
    )
    p3ke_family_id = models.CharField(  # noqa: DJ001
        "ID keluarga P3KE", max_length=40, null=True, blank=True,
        help_text="Dari berkas P3KE individu; keluarga tanpa No. KK dikenali dengan ID ini sampai No. KK-nya "
        "diketahui.",
    )  # fmt: skip
    # Indexed by Meta.indexes (village, desil): a second index on village alone would only slow imports.
    village = models.ForeignKey(Village, verbose_name="desa/kelurahan", on_delete=models.PROTECT, db_index=False)
    address = models.CharField("alamat", max_length=255, blank=True)
    dusun = models.CharField("dusun/lingkungan", max_length=100, blank=True)
    rt = models.CharField("RT", max_length=3, blank=True)
    rw = models.CharField("RW", max_length=3, blank=True)
    desil = models.PositiveSmallIntegerField(
        "desil",
        null=True,
        blank=True,
        validators=DESIL_VALIDATORS,
        help_text="Desil terbaru dari riwayat desil.",
    )
    desil_source = models.CharField("sumber desil", max_length=10, choices=DesilSource.choices, blank=True)
    desil_as_of = models.DateField("desil per tanggal", null=True, blank=True)
    status = models.CharField("status", max_length=10, choices=HouseholdStatus.choices, default=HouseholdStatus.ACTIVE)
    status_date = models.DateField("tanggal status", null=True, blank=True)
    status_reason = models.CharField("alasan status", max_length=255, blank=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = "keluarga"
        verbose_name_plural = "keluarga"
        indexes = [models.Index(fields=["village", "desil"]), models.Index(fields=["desil", "status"])]
        # A constraint rather than unique=True: no extra LIKE index (NIK and No KK are only matched whole),
        # which every imported row would otherwise pay for.
        constraints = [
            models.UniqueConstraint(fields=["no_kk"], name="household_no_kk_unique"),
            models.UniqueConstraint(fields=["p3ke_family_id"], name="household_p3ke_family_unique"),
            models.CheckConstraint(
                condition=models.Q(no_kk__isnull=False)
                | models.Q(p3ke_family_id__isnull=False)
                | models.Q(status=HouseholdStatus.MERGED),
                name="household_known_by_no_kk_or_p3ke_id",
            ),
        ]

    def __str__(self):
        return f"KK {self.masked_no_kk}" if self.no_kk else f"Keluarga P3KE {self.p3ke_family_id}"

    def get_absolute_url(self):
        return reverse("beneficiaries:household_detail", kwargs={"pk": self.pk})

    @property
    def masked_no_kk(self) -> str:
        return mask_identity_number(self.no_kk) if self.no_kk else "belum diketahui"

    @property
    def head(self):
        return next((m for m in self.members.all() if m.relationship == Relationship.HEAD), None)


class DesilRecordQuerySet(RegionScopedQuerySet):
    district_lookup = "household__village__district"


@tracked("DesilRecordChange")
class DesilRecord(models.Model):
    """One ranking of a household into a desil, as a source published it (DTSEN re-ranks quarterly)."""

    # Indexed by the (household, source, as_of) constraint.
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="desil_history", db_index=False)
    desil = models.PositiveSmallIntegerField("desil", validators=DESIL_VALIDATORS)
    source = models.CharField("sumber", max_length=10, choices=DesilSource.choices)
    as_of = models.DateField("per tanggal")
    import_batch = batch_pointer(db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = DesilRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-as_of", "-pk"]
        verbose_name = "riwayat desil"
        verbose_name_plural = "riwayat desil"
        constraints = [
            models.UniqueConstraint(fields=["household", "source", "as_of"], name="one_desil_per_source_date"),
        ]

    def __str__(self):
        return f"desil {self.desil} ({self.get_source_display()}, {self.as_of:%d/%m/%Y})"


class PersonQuerySet(RegionScopedQuerySet):
    district_lookup = "household__village__district"
    village_lookup = "household__village"


@tracked("PersonChange")
class Person(ImportedRecord):
    nik = models.CharField("NIK", max_length=16, validators=[validate_nik_format])  # unique: Meta.constraints
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="members")
    name = models.CharField("nama", max_length=150)
    sex = models.CharField("jenis kelamin", max_length=1, choices=Sex.choices)
    birth_place = models.CharField("tempat lahir", max_length=100, blank=True)
    birth_date = models.DateField("tanggal lahir", null=True, blank=True)
    relationship = models.CharField("hubungan dengan kepala keluarga", max_length=10, choices=Relationship.choices)
    marital_status = models.CharField("status perkawinan", max_length=12, choices=MaritalStatus.choices, blank=True)
    education = models.CharField("pendidikan", max_length=15, choices=Education.choices, blank=True)
    occupation = models.CharField("pekerjaan", max_length=20, choices=Occupation.choices, blank=True)
    has_disability = models.BooleanField(
        "penyandang disabilitas", null=True, blank=True, help_text="Kosong: tidak diketahui."
    )
    disability_kind = models.CharField(
        "jenis disabilitas", max_length=15, choices=DisabilityKind.choices, blank=True, db_default=""
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["household", "pk"]
        verbose_name = "anggota keluarga"
        verbose_name_plural = "anggota keluarga"
        constraints = [
            models.UniqueConstraint(fields=["nik"], name="person_nik_unique"),
            models.UniqueConstraint(
                fields=["household"], condition=models.Q(relationship="kepala"), name="one_head_per_household"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.masked_nik})"

    @property
    def masked_nik(self) -> str:
        return mask_identity_number(self.nik)


def mask_identity_number(value: str) -> str:
    """``1801044107900001`` → ``1801••••••••0001``: the region and serial, never the birth date."""
    return f"{value[:4]}{'•' * 8}{value[-4:]}" if len(value) == 16 else "••••"
