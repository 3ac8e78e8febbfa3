"""The kabupaten/kota boundaries drawn by the dashboard's map, matched to District rows.

The browser loads the GeoJSON from static files; the server only needs each feature's ``kode`` and
``nama`` to say which district a feature draws. Matched by Kemendagri code, or else by name (so a
boundary file with other codes or spellings still finds its districts).
"""

import json
import re
from functools import cache

from django.conf import settings

GEOJSON = settings.BASE_DIR / "static" / "geo" / "lampung_kabupaten.geojson"
GEOJSON_STATIC = "geo/lampung_kabupaten.geojson"


@cache
def features() -> tuple[tuple[str, str], ...]:
    """``(kode, nama)`` of every feature of the boundary file."""
    with GEOJSON.open(encoding="utf-8") as handle:
        collection = json.load(handle)
    return tuple((f["properties"].get("kode", ""), f["properties"].get("nama", "")) for f in collection["features"])


def name_key(name: str) -> str:
    """``"Kab. Lampung  Selatan"`` and ``"Kabupaten Lampung Selatan"`` → ``"kabupaten lampungselatan"``."""
    name = re.sub(r"^kab(upaten)?\.?\s+", "kabupaten ", name.strip().lower())
    kind, _, rest = name.partition(" ")
    if kind not in ("kabupaten", "kota"):
        kind, rest = "kabupaten", name
    return f"{kind} {re.sub(r'[^a-z0-9]', '', rest)}"


def match_features(districts: dict[str, str]) -> dict[str, str]:
    """Feature ``kode`` → the code of the district it draws, among ``districts`` (code → name)."""
    by_name = {name_key(name): code for code, name in districts.items()}
    matched = {}
    for code, name in features():
        found = code if code in districts else by_name.get(name_key(name))
        if found is not None:
            matched[code] = found
    return matched
