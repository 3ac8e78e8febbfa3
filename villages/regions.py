"""Loading the shipped Kemendagri region list into District, Subdistrict and Village."""

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .models import District, DistrictKind, Subdistrict, Village

REGIONS_CSV = Path(__file__).parent / "data" / "wilayah_lampung.csv"


@dataclass
class LoadSummary:
    levels: Counter = field(default_factory=Counter)
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())


def read_regions(path: Path = REGIONS_CSV) -> dict[str, list[dict]]:
    """The CSV's rows grouped by level (provinsi, kabupaten, kecamatan, desa, kelurahan)."""
    by_level: dict[str, list[dict]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            by_level.setdefault(row["tingkat"], []).append(row)
    return by_level


def _upsert(model, wanted: dict[str, dict], summary: LoadSummary) -> dict[str, int]:
    """Create or update ``model`` rows keyed by code so that they equal ``wanted``; return code → pk."""
    existing = {obj.code: obj for obj in model.objects.filter(code__in=wanted)}
    to_create, to_update = [], []
    for code, values in wanted.items():
        obj = existing.get(code)
        if obj is None:
            to_create.append(model(code=code, **values))
        elif any(getattr(obj, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(obj, name, value)
            to_update.append(obj)
    model.objects.bulk_create(to_create, batch_size=500)
    model.objects.bulk_update(to_update, fields=list(next(iter(wanted.values()))), batch_size=500)
    label = model._meta.verbose_name_plural
    summary.created[label] += len(to_create)
    summary.updated[label] += len(to_update)
    return dict(model.objects.filter(code__in=wanted).values_list("code", "pk"))


def _parent(code: str) -> str:
    return code.rsplit(".", 1)[0]


@transaction.atomic
def load_regions(*, path: Path = REGIONS_CSV) -> LoadSummary:
    """Load the region list; running it again changes nothing."""
    rows = read_regions(path)
    summary = LoadSummary(levels=Counter({level: len(items) for level, items in rows.items()}))
    districts = _upsert(
        District,
        {r["kode"]: {"name": r["nama"], "kind": _district_kind(r["nama"])} for r in rows["kabupaten"]},
        summary,
    )
    subdistricts = _upsert(
        Subdistrict,
        {r["kode"]: {"name": r["nama"], "district_id": districts[_parent(r["kode"])]} for r in rows["kecamatan"]},
        summary,
    )
    villages = {
        r["kode"]: {
            "name": r["nama"],
            "kind": r["tingkat"],
            "postal_code": r["kodepos"],
            "subdistrict_id": subdistricts[_parent(r["kode"])],
            "district_id": districts[_parent(_parent(r["kode"]))],
        }
        for r in rows["desa"] + rows["kelurahan"]
    }
    _upsert(Village, villages, summary)
    return summary


def _district_kind(name: str) -> str:
    return DistrictKind.KOTA if name.startswith("Kota ") else DistrictKind.KABUPATEN
