"""Programs: what an agency runs in a fiscal year, in one of the three clusters."""

from django.db import models

from accounts.scoping import Scope
from records.audit import tracked


class Cluster(models.IntegerChoices):
    BASIC_SERVICES = 1, "Klaster 1: pelayanan dasar"
    EMPOWERMENT = 2, "Klaster 2: pemberdayaan masyarakat"
    MICRO_ENTERPRISE = 3, "Klaster 3: pemberdayaan usaha mikro dan kecil"


class TargetKind(models.TextChoices):
    PERSON = "person", "Orang"
    HOUSEHOLD = "household", "Keluarga"
    VILLAGE = "village", "Desa/kelurahan"
    INSTITUTION = "institution", "Kelembagaan desa"


class FundingSource(models.TextChoices):
    APBD_PROVINCE = "apbd_provinsi", "APBD Provinsi"
    APBD_DISTRICT = "apbd_kabkota", "APBD Kabupaten/Kota"
    APBN = "apbn", "APBN"
    DANA_DESA = "dana_desa", "Dana Desa"
    CSR = "csr", "CSR"
    OTHER = "lainnya", "Lainnya"


@tracked("ProgramKindChange")
class ProgramKind(models.Model):
    """A kind of program the province coordinates (house repair, scholarships, …): two programs of the
    same kind for one household in a year are duplicate aid."""

    code = models.SlugField("kode", max_length=40, unique=True)
    name = models.CharField("nama", max_length=150)
    cluster = models.PositiveSmallIntegerField("klaster", choices=Cluster.choices)

    class Meta:
        ordering = ["cluster", "name"]
        verbose_name = "jenis program"
        verbose_name_plural = "jenis program"

    def __str__(self):
        return self.name


class ProgramQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Programs are public to every portal role; agency staff see their own agency's."""
        scope = Scope.of(user)
        if scope.agency_id:
            return self.filter(lead_agency=scope.agency_id)
        return self if (scope.whole_province or scope.district_id) else self.none()

    def editable_by(self, user):
        if user.is_bappeda_admin:
            return self
        return self.visible_to(user) if user.is_agency_staff else self.none()


@tracked("ProgramChange")
class Program(models.Model):
    name = models.CharField("nama program", max_length=255)
    code = models.CharField(
        "kode nomenklatur", max_length=60, help_text="Kode program/kegiatan/sub-kegiatan; unik dalam satu tahun."
    )
    fiscal_year = models.PositiveSmallIntegerField("tahun anggaran")
    kind = models.ForeignKey(ProgramKind, verbose_name="jenis program", on_delete=models.PROTECT)
    cluster = models.PositiveSmallIntegerField("klaster", choices=Cluster.choices)
    lead_agency = models.ForeignKey(
        "programs.Agency", verbose_name="perangkat daerah pengampu", on_delete=models.PROTECT, related_name="programs"
    )
    target_kind = models.CharField("sasaran", max_length=12, choices=TargetKind.choices)
    target_count = models.PositiveIntegerField("jumlah sasaran")
    budget_ceiling = models.PositiveBigIntegerField("pagu anggaran (Rp)")
    funding_source = models.CharField("sumber dana", max_length=15, choices=FundingSource.choices)
    is_desaku_maju = models.BooleanField("bagian dari Desaku Maju", default=False)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year", "cluster", "code"]
        constraints = [models.UniqueConstraint(fields=["fiscal_year", "code"], name="program_code_unique_per_year")]
        verbose_name = "program"
        verbose_name_plural = "program"

    def __str__(self):
        return f"{self.code} {self.name} ({self.fiscal_year})"
