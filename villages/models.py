"""Lampung's regions (Kemendagri codes) and what the portal knows of each village per year."""

from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse

from accounts.scoping import RegionScopedQuerySet
from records.audit import track_model, tracked


class DistrictKind(models.TextChoices):
    KABUPATEN = "kabupaten", "Kabupaten"
    KOTA = "kota", "Kota"


class VillageKind(models.TextChoices):
    DESA = "desa", "Desa"
    KELURAHAN = "kelurahan", "Kelurahan"


class IdmStatus(models.TextChoices):
    """Indeks Desa Membangun, from the least to the most developed."""

    SANGAT_TERTINGGAL = "sangat_tertinggal", "Sangat Tertinggal"
    TERTINGGAL = "tertinggal", "Tertinggal"
    BERKEMBANG = "berkembang", "Berkembang"
    MAJU = "maju", "Maju"
    MANDIRI = "mandiri", "Mandiri"


class InstitutionKind(models.TextChoices):
    KOPERASI = "koperasi", "Koperasi"
    BUMDES = "bumdes", "BUMDes"
    GAPOKTAN = "gapoktan", "Gapoktan"
    KELOMPOK_TANI = "kelompok_tani", "Kelompok Tani"


class DistrictQuerySet(RegionScopedQuerySet):
    district_lookup = "pk"


@tracked("DistrictChange")
class District(models.Model):
    code = models.CharField("kode Kemendagri", max_length=5, unique=True, help_text="Misalnya 18.01.")
    name = models.CharField("nama", max_length=100)
    kind = models.CharField("jenis", max_length=10, choices=DistrictKind.choices)

    objects = DistrictQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = "kabupaten/kota"
        verbose_name_plural = "kabupaten/kota"

    def __str__(self):
        return self.name


class SubdistrictQuerySet(RegionScopedQuerySet):
    district_lookup = "district"


@tracked("SubdistrictChange")
class Subdistrict(models.Model):
    code = models.CharField("kode Kemendagri", max_length=8, unique=True, help_text="Misalnya 18.01.04.")
    name = models.CharField("nama", max_length=100)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="subdistricts")

    objects = SubdistrictQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = "kecamatan"
        verbose_name_plural = "kecamatan"

    def __str__(self):
        return self.name


class VillageQuerySet(RegionScopedQuerySet):
    district_lookup = "district"

    def with_year(self, year: int):
        """Annotate each village with its IDM status and locus flag of ``year``."""
        return self.annotate(
            this_year=models.FilteredRelation("years", condition=models.Q(years__year=year)),
            idm_status=models.F("this_year__idm_status"),
            is_locus=Coalesce(models.F("this_year__is_locus"), False),
        )


@tracked("VillageChange")
class Village(models.Model):
    code = models.CharField("kode Kemendagri", max_length=13, unique=True, help_text="Misalnya 18.01.04.2001.")
    name = models.CharField("nama", max_length=100)
    kind = models.CharField("jenis", max_length=10, choices=VillageKind.choices)
    postal_code = models.CharField("kode pos", max_length=5, blank=True)
    subdistrict = models.ForeignKey(Subdistrict, on_delete=models.PROTECT, related_name="villages")
    # Copied from the subdistrict so that scoping and district counts need no extra join.
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="villages")

    objects = VillageQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = "desa/kelurahan"
        verbose_name_plural = "desa/kelurahan"

    def __str__(self):
        return f"{self.get_kind_display()} {self.name}"

    def get_absolute_url(self):
        return reverse("villages:detail", kwargs={"code": self.code})


@tracked("CommodityChange")
class Commodity(models.Model):
    """A main commodity of a village (padi, jagung, singkong, …); admins may add others."""

    code = models.SlugField("kode", max_length=30, unique=True)
    name = models.CharField("nama", max_length=60)

    class Meta:
        ordering = ["pk"]
        verbose_name = "komoditas"
        verbose_name_plural = "komoditas"

    def __str__(self):
        return self.name


class VillageYearQuerySet(RegionScopedQuerySet):
    district_lookup = "village__district"


@tracked("VillageYearChange")
class VillageYear(models.Model):
    """What a village is in a fiscal year: IDM status, Desaku Maju locus, main commodities."""

    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField("tahun")
    idm_status = models.CharField("status IDM", max_length=20, choices=IdmStatus.choices, blank=True)
    is_locus = models.BooleanField(
        "desa lokus Desaku Maju",
        default=False,
        help_text=("Ditetapkan oleh Bappeda; desa lokus wajib mendapat intervensi bagi minimal 20 warga miskin."),
    )
    commodities = models.ManyToManyField(
        Commodity, verbose_name="komoditas utama", blank=True, related_name="village_years"
    )

    objects = VillageYearQuerySet.as_manager()

    class Meta:
        ordering = ["village__code", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["village", "year"], name="one_village_year"),
        ]
        indexes = [models.Index(fields=["year", "is_locus"])]
        verbose_name = "data tahunan desa"
        verbose_name_plural = "data tahunan desa"

    def __str__(self):
        return f"{self.village} ({self.year})"


class InstitutionQuerySet(RegionScopedQuerySet):
    district_lookup = "village__district"

    def active(self):
        return self.filter(active=True)


@tracked("InstitutionChange")
class Institution(models.Model):
    """A village institution that programs work through: koperasi, BUMDes, gapoktan, kelompok tani."""

    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="institutions")
    kind = models.CharField("jenis", max_length=20, choices=InstitutionKind.choices)
    name = models.CharField("nama", max_length=150)
    active = models.BooleanField("aktif", default=True)

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["village", "kind", "name"], name="unique_institution_per_village"),
        ]
        verbose_name = "kelembagaan desa"
        verbose_name_plural = "kelembagaan desa"

    def __str__(self):
        return f"{self.get_kind_display()} {self.name}"


# The main commodities of a village year live in Django's m2m table, which no decorator reaches.
track_model(VillageYear.commodities.through, model_name="VillageYearCommodityChange")
