"""Finding a row's village by its Kemendagri code or, for DTKS-style files, by its names."""

from typing import NamedTuple

from villages.models import Village

from .columns import normalise
from .values import CellError

NAME_PREFIXES = ("kabupaten", "kab", "kota", "kecamatan", "kec", "desa", "kelurahan", "kel")


class VillageRef(NamedTuple):
    id: int
    district_id: int
    district_name: str
    subdistrict_code: str


def _plain(name: str) -> str:
    key = normalise(name)
    for prefix in NAME_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix) + 2:
            return key.removeprefix(prefix)
    return key


class VillageIndex:
    """All 2,651 villages in memory: a dict lookup per row instead of a query."""

    def __init__(self):
        self.by_code: dict[str, VillageRef] = {}
        self.by_names: dict[tuple[str, str], list[tuple[str, VillageRef]]] = {}
        rows = Village.objects.values_list(
            "pk", "code", "name", "district_id", "district__name", "subdistrict__code", "subdistrict__name"
        )
        for pk, code, name, district_id, district_name, subdistrict_code, subdistrict_name in rows:
            ref = VillageRef(pk, district_id, district_name, subdistrict_code)
            self.by_code[code.replace(".", "")] = ref
            key = (_plain(subdistrict_name), _plain(name))
            self.by_names.setdefault(key, []).append((_plain(district_name), ref))

    def find(self, record: dict) -> VillageRef:
        if code := record.get("village_code"):
            try:
                return self.by_code[code]
            except KeyError:
                raise CellError("Kode desa tidak ditemukan di daftar desa/kelurahan Lampung.") from None
        return self._find_by_names(record)

    def _find_by_names(self, record: dict) -> VillageRef:
        key = (_plain(record.get("subdistrict_name", "")), _plain(record.get("village_name", "")))
        candidates = self.by_names.get(key, [])
        if district := _plain(record.get("district_name", "")):
            candidates = [c for c in candidates if c[0] == district]
        if len(candidates) == 1:
            return candidates[0][1]
        if not candidates:
            raise CellError("Desa/kelurahan dengan nama kecamatan dan desa ini tidak ditemukan di Lampung.")
        raise CellError("Nama desa ini ada di lebih dari satu kabupaten: isi kolom Kabupaten/Kota atau Kode Desa.")
