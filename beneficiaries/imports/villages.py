"""Finding a row's village by its Kemendagri code or, for DTKS-style files, by its names.

A name may carry its level as a prefix ("DESA KECAPI", "KEC. NATAR", "KAB. LAMPUNG SELATAN"); the
prefix is removed only as a whole word, and the name is tried as written first (some villages are
called "Pekon Balak" or "Kampung Baru"). When no village matches, the error suggests the closest name
in the same kecamatan; the suggestion is never applied by itself.
"""

import difflib
import re
from functools import lru_cache
from typing import NamedTuple

from villages.models import Village

from .columns import normalise
from .values import CellError

PREFIXES = {
    "district": ("kabupaten", "kab", "kota", "kab/kota"),
    "subdistrict": ("kecamatan", "kec"),
    "village": ("desa", "ds", "kelurahan", "kel", "pekon", "tiyuh", "kampung", "kampong"),
}
WORDS = re.compile(r"[\w/]+")


class VillageRef(NamedTuple):
    id: int
    district_id: int
    district_name: str
    subdistrict_code: str


@lru_cache(maxsize=16384)
def name_keys(name: str, level: str) -> tuple[str, ...]:
    """The name as written, and without its level's prefix word ("DESA KECAPI" → "kecapi", never "api")."""
    words = WORDS.findall(str(name).casefold())
    keys = [normalise(name)]
    if len(words) > 1 and words[0].rstrip(".") in PREFIXES[level]:
        keys.append(normalise(" ".join(words[1:])))
    return tuple(dict.fromkeys(key for key in keys if key))


class VillageIndex:
    """All 2,651 villages in memory: a dict lookup per row instead of a query."""

    def __init__(self):
        self.by_code: dict[str, VillageRef] = {}
        self.by_names: dict[tuple[str, str], list[tuple[tuple[str, ...], VillageRef]]] = {}
        self.names_in_subdistrict: dict[str, set[str]] = {}
        rows = Village.objects.values_list(
            "pk", "code", "name", "district_id", "district__name", "subdistrict__code", "subdistrict__name"
        )
        for pk, code, name, district_id, district_name, subdistrict_code, subdistrict_name in rows:
            ref = VillageRef(pk, district_id, district_name, subdistrict_code)
            self.by_code[code.replace(".", "")] = ref
            district_keys = name_keys(district_name, "district")
            for subdistrict_key in name_keys(subdistrict_name, "subdistrict"):
                self.names_in_subdistrict.setdefault(subdistrict_key, set()).add(name)
                for village_key in name_keys(name, "village"):
                    self.by_names.setdefault((subdistrict_key, village_key), []).append((district_keys, ref))

    def find(self, record: dict) -> VillageRef:
        if code := record.get("village_code"):
            try:
                return self.by_code[code]
            except KeyError:
                raise CellError("Kode desa tidak ditemukan di daftar desa/kelurahan Lampung.") from None
        return self._find_by_names(record)

    def _find_by_names(self, record: dict) -> VillageRef:
        subdistricts = name_keys(record.get("subdistrict_name", ""), "subdistrict")
        villages = name_keys(record.get("village_name", ""), "village")
        districts = set(name_keys(record.get("district_name", ""), "district"))
        found = {}
        for key in ((s, v) for s in subdistricts for v in villages):
            for district_keys, ref in self.by_names.get(key, []):
                if not districts or districts & set(district_keys):
                    found[ref.id] = ref
        if len(found) == 1:
            return next(iter(found.values()))
        if found:
            raise CellError("Nama desa ini ada di lebih dari satu kabupaten: isi kolom Kabupaten/Kota atau Kode Desa.")
        raise CellError(self._not_found(record, subdistricts))

    def _not_found(self, record: dict, subdistricts: tuple[str, ...]) -> str:
        written = record.get("village_name", "")
        names = set().union(*(self.names_in_subdistrict.get(key, set()) for key in subdistricts))
        if not names:
            return f"Kecamatan '{record.get('subdistrict_name', '')}' tidak ditemukan di Lampung."
        plain = {normalise(name): name for name in names}
        keys = name_keys(written, "village")
        close = difflib.get_close_matches(keys[-1] if keys else "", list(plain), n=1, cutoff=0.6)
        hint = f" Mungkin maksudnya '{plain[close[0]]}'? Perbaiki nama atau isi Kode Desa." if close else ""
        return f"Desa/kelurahan '{written}' tidak ditemukan di Kecamatan {record.get('subdistrict_name', '')}.{hint}"
