"""Dashboard numbers per district, cached under the district's freshness stamp.

A district's numbers are computed once per stamp and filter choice, for all districts missing from
the cache in one go (the same few queries for one district or fifteen). Two entries per district:
its total (all the province page needs) and its detail by kecamatan and village (for the drill-down).
"""

from dataclasses import dataclass, field

from django.core.cache import cache

from .dashboard_filters import Filters
from .dashboard_freshness import stamps
from .dashboard_numbers import Numbers, total
from .dashboard_queries import regions_of, village_numbers

# Entries under an old stamp are never read again; this only bounds how long they occupy the cache.
TIMEOUT = 24 * 60 * 60


@dataclass
class DistrictDetail:
    subdistricts: list[tuple] = field(default_factory=list)  # (pk, code, name, district pk)
    villages: list[tuple] = field(default_factory=list)  # (pk, code, name, subdistrict pk)
    subdistrict_numbers: dict[int, Numbers] = field(default_factory=dict)
    village_numbers: dict[int, Numbers] = field(default_factory=dict)


def _key(kind: str, district_id: int, stamp: str, filters: Filters) -> str:
    return f"dasbor:{kind}:{district_id}:{stamp}:{filters.key}"


def district_totals(district_ids, filters: Filters) -> dict[int, Numbers]:
    keys = {pk: _key("total", pk, stamp, filters) for pk, stamp in stamps(district_ids).items()}
    cached = cache.get_many(keys.values())
    missing = [pk for pk, key in keys.items() if key not in cached]
    computed = _compute(missing, filters, keys) if missing else {}
    return {pk: cached[key] if key in cached else computed[pk][0] for pk, key in keys.items()}


def district_detail(district_id: int, filters: Filters) -> tuple[Numbers, DistrictDetail]:
    stamp = stamps([district_id])[district_id]
    cached = cache.get_many([_key("total", district_id, stamp, filters), _key("detail", district_id, stamp, filters)])
    if len(cached) == 2:
        return tuple(cached.values())
    return _compute([district_id], filters, {district_id: _key("total", district_id, stamp, filters)})[district_id]


def _compute(district_ids, filters: Filters, total_keys: dict) -> dict[int, tuple[Numbers, DistrictDetail]]:
    """Compute and cache the numbers of ``district_ids``; the stamps were read before, so a change
    committed meanwhile is either counted here or has already given the district a new stamp."""
    numbers = village_numbers(district_ids, filters)
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
        entries[total_keys[pk]] = result[pk][0]
        entries[total_keys[pk].replace("dasbor:total:", "dasbor:detail:", 1)] = detail
    cache.set_many(entries, timeout=TIMEOUT)
    return result
