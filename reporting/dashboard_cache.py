"""Dashboard numbers per district, cached under the district's freshness stamp.

A district's numbers are computed once per stamp and filter choice, for all districts missing from
the cache in one go (the same few queries for one district or fifteen). Two entries per district and
filter choice: its total (all the province page needs) and its detail by kecamatan and village (for
the drill-down); and one per district whatever the filters: the registry's counts, the heaviest
query, so that another filter choice only counts the filtered work and reach. With the cache down
(``soft_cache``) the numbers are counted for each page: slower, never an error page.
"""

from dataclasses import dataclass, field

from desakumaju.lib import soft_cache as cache

from .dashboard_filters import Filters
from .dashboard_freshness import stamps
from .dashboard_numbers import Numbers, total
from .dashboard_queries import regions_of, registry_rows, village_numbers

# Entries under an old stamp are never read again; this only bounds how long they occupy the cache.
TIMEOUT = 24 * 60 * 60


@dataclass
class DistrictDetail:
    subdistricts: list[tuple] = field(default_factory=list)  # (pk, code, name, district pk)
    villages: list[tuple] = field(default_factory=list)  # (pk, code, name, subdistrict pk)
    subdistrict_numbers: dict[int, Numbers] = field(default_factory=dict)
    village_numbers: dict[int, Numbers] = field(default_factory=dict)


def _key(kind: str, district_id: int, stamp: str, filters: Filters | None = None) -> str:
    return f"dasbor:{kind}:{district_id}:{stamp}" + (f":{filters.key}" if filters else "")


def district_totals(district_ids, filters: Filters) -> dict[int, Numbers]:
    current = stamps(district_ids)
    keys = {pk: _key("total", pk, stamp, filters) for pk, stamp in current.items()}
    cached = cache.get_many(keys.values())
    missing = {pk: current[pk] for pk, key in keys.items() if key not in cached}
    computed = _compute(missing, filters) if missing else {}
    return {pk: cached[key] if key in cached else computed[pk][0] for pk, key in keys.items()}


def district_detail(district_id: int, filters: Filters) -> tuple[Numbers, DistrictDetail]:
    stamp = stamps([district_id])[district_id]
    cached = cache.get_many([_key("total", district_id, stamp, filters), _key("detail", district_id, stamp, filters)])
    if len(cached) == 2:
        return tuple(cached.values())
    return _compute({district_id: stamp}, filters)[district_id]


def _registry(current: dict[int, str]) -> dict[int, list[tuple]]:
    keys = {pk: _key("registry", pk, stamp) for pk, stamp in current.items()}
    cached = cache.get_many(keys.values())
    found = {pk: cached[key] for pk, key in keys.items() if key in cached}
    missing = [pk for pk in current if pk not in found]
    if missing:
        counted = registry_rows(missing)
        cache.set_many({keys[pk]: rows for pk, rows in counted.items()}, timeout=TIMEOUT)
        found.update(counted)
    return found


def _compute(current: dict[int, str], filters: Filters) -> dict[int, tuple[Numbers, DistrictDetail]]:
    """Compute and cache the numbers of the districts in ``current`` (pk: stamp); the stamps were read
    before, so a change committed meanwhile is either counted here or has already given the district
    a new stamp."""
    district_ids = list(current)
    numbers = village_numbers(district_ids, filters, _registry(current))
    subdistricts, villages = regions_of(district_ids)
    details = {pk: DistrictDetail() for pk in district_ids}
    district_of = {pk: district for pk, _, _, district in subdistricts}
    for row in subdistricts:
        details[row[3]].subdistricts.append(row)
    for row in villages:
        detail = details[district_of[row[3]]]
        detail.villages.append(row)
        detail.village_numbers[row[0]] = numbers.get(row[0]) or Numbers()
    result, entries = {}, {}
    for pk, detail in details.items():
        for sub_pk, *_ in detail.subdistricts:
            detail.subdistrict_numbers[sub_pk] = total(
                detail.village_numbers[v_pk] for v_pk, _, _, parent in detail.villages if parent == sub_pk
            )
        result[pk] = (total(detail.subdistrict_numbers.values()), detail)
        entries[_key("total", pk, current[pk], filters)] = result[pk][0]
        entries[_key("detail", pk, current[pk], filters)] = detail
    cache.set_many(entries, timeout=TIMEOUT)
    return result
