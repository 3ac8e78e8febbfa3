"""Synthetic village data for demos: invented, reproducible, never real designations."""

import random

from django.db import transaction

from .models import Commodity, IdmStatus, Institution, InstitutionKind, Village, VillageYear

IDM_WEIGHTS = {
    IdmStatus.SANGAT_TERTINGGAL: 3,
    IdmStatus.TERTINGGAL: 12,
    IdmStatus.BERKEMBANG: 45,
    IdmStatus.MAJU: 30,
    IdmStatus.MANDIRI: 10,
}
LOCUS_SHARE = 0.05
INSTITUTION_NAMES = {
    InstitutionKind.BUMDES: "BUMDes {} Sejahtera",
    InstitutionKind.KOPERASI: "Koperasi Tani {} Makmur",
    InstitutionKind.GAPOKTAN: "Gapoktan {} Jaya",
    InstitutionKind.KELOMPOK_TANI: "Kelompok Tani Sumber Rezeki {}",
}


@transaction.atomic
def generate_demo_villages(*, year: int, seed: int) -> dict[str, int]:
    """Give every village without data for ``year`` a random profile; keep what already exists."""
    rng = random.Random(seed + year)  # noqa: S311 - reproducible demo data, not security
    commodities = list(Commodity.objects.filter(code__in=["padi", "jagung", "singkong"]))
    done = set(VillageYear.objects.filter(year=year).values_list("village_id", flat=True))
    villages = list(Village.objects.exclude(pk__in=done).order_by("code"))
    years = VillageYear.objects.bulk_create(
        VillageYear(
            village=village,
            year=year,
            idm_status=rng.choices(list(IDM_WEIGHTS), weights=IDM_WEIGHTS.values())[0],
            is_locus=village.kind == "desa" and rng.random() < LOCUS_SHARE,
        )
        for village in villages
    )
    through = VillageYear.commodities.through
    through.objects.bulk_create(
        through(villageyear_id=vy.pk, commodity_id=commodity.pk)
        for vy in years
        for commodity in rng.sample(commodities, rng.randint(1, 2))
    )
    institutions = Institution.objects.bulk_create(
        [
            Institution(village=village, kind=kind, name=INSTITUTION_NAMES[kind].format(village.name))
            for village in villages
            if village.kind == "desa"
            for kind in rng.sample(list(INSTITUTION_NAMES), rng.randint(0, 3))
        ],
        ignore_conflicts=True,
    )
    return {"years": len(years), "institutions": len(institutions)}
