"""The dashboard: province → kabupaten/kota → kecamatan → desa, the same numbers at each level."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from accounts.scoping import Scope
from complaints.dashboard import ticket_counts
from programs.models import Agency, Cluster
from programs.targeting import GRADUATION_TARGET, LOCUS_FLOOR
from villages.models import Commodity, District

from .dashboard_cache import district_detail, district_totals
from .dashboard_filters import FilterForm, Filters
from .dashboard_links import links_for
from .dashboard_map import GEOJSON_STATIC, match_features
from .dashboard_numbers import DESILS, total
from .dashboard_regions import DISTRICT, PROVINCE, SUBDISTRICT, VILLAGE, region_for

INDICATORS = [
    ("poor", "Keluarga miskin (desil 1–4)"),
    ("desil1_share", "Porsi desil 1 (%)"),
    ("reached", "Warga terjangkau"),
    ("graduated", "Warga graduasi"),
    ("realised", "Realisasi anggaran (Rp)"),
]


@require_GET
def overview(request):
    form = FilterForm(request.GET, user=request.user)
    filters, region = form.filters(), region_for(request)
    numbers, rows = _numbers_and_rows(request.user, region, filters)
    links = links_for(request.user, region, filters)
    context = {
        "form": form, "filters": filters, "region": region, "numbers": numbers, "rows": rows,
        "links": links, "breakdowns": _breakdowns(numbers, links),
        "desils": [(d, numbers.households[d], numbers.persons[d], links.get("by_desil", {}).get(d)) for d in DESILS],
        "breadcrumb": _breadcrumb(request.user, region, filters),
        "trend": sorted(numbers.trend.items()), "indicators": INDICATORS,
        "floor": LOCUS_FLOOR, "target": GRADUATION_TARGET, "geojson": GEOJSON_STATIC,
        "chart_data": _chart_data(numbers, rows, region),
        "complaints": ticket_counts(request.user, region),  # live, never cached: one COUNT query
    }  # fmt: skip
    return render(request, "reporting/dashboard.html", context)


def drill_url(filters: Filters, **region) -> str:
    params = {"tahun": filters.year, "semester": filters.semester, "program": filters.program,
              "cluster": filters.cluster, "agency": filters.agency, **region}  # fmt: skip
    return f"{reverse('dashboard:overview')}?{urlencode({k: v for k, v in params.items() if v})}"


def _numbers_and_rows(user, region, filters):
    """The region's numbers and one row per region below it: (code, name, numbers, drill-down URL)."""
    if region.level == PROVINCE:
        districts = list(District.objects.visible_to(user))
        totals = district_totals([d.pk for d in districts], filters)
        rows = [(d.code, d.name, totals[d.pk], drill_url(filters, district=d.pk)) for d in districts]
        return total(totals[d.pk] for d in districts), rows
    numbers, detail = district_detail(region.district.pk, filters)
    if region.level == DISTRICT:
        rows = [(code, name, detail.subdistrict_numbers[pk], drill_url(filters, subdistrict=pk))
                for pk, code, name, _ in detail.subdistricts]  # fmt: skip
        return numbers, rows
    if region.level == SUBDISTRICT:
        rows = [(code, name, detail.village_numbers[pk], drill_url(filters, village=pk))
                for pk, code, name, parent in detail.villages if parent == region.subdistrict.pk]  # fmt: skip
        return detail.subdistrict_numbers[region.subdistrict.pk], rows
    assert region.level == VILLAGE
    return detail.village_numbers[region.village.pk], []


def _breadcrumb(user, region, filters) -> list[tuple[str, str]]:
    """The regions above this one the user may open: (name, dashboard URL)."""
    above = [("Provinsi Lampung", drill_url(filters))] if Scope.of(user).whole_province else []
    if region.level in (SUBDISTRICT, VILLAGE):
        above.append((region.district.name, drill_url(filters, district=region.district.pk)))
    if region.level == VILLAGE:
        above.append((region.subdistrict.name, drill_url(filters, subdistrict=region.subdistrict.pk)))
    return above if region.level != PROVINCE else []


def _breakdowns(numbers, links) -> dict:
    """Work by cluster, agency and commodity: (label, work, list URL), largest budget first."""
    agencies = Agency.objects.in_bulk([pk for pk in numbers.by_agency if pk])
    commodities = Commodity.objects.in_bulk([pk for pk in numbers.by_commodity if pk])
    agency_rows = [(str(agencies.get(pk, "—")), work, links["agency"](pk)) for pk, work in numbers.by_agency.items()]
    commodity_rows = [
        (str(commodities.get(pk, "Tanpa komoditas")), work, links["commodity"](pk) if pk else None)
        for pk, work in numbers.by_commodity.items()
    ]
    cluster_rows = [(label, numbers.by_cluster[c], links["by_cluster"][c]) for c, label in Cluster.choices
                    if c in numbers.by_cluster]  # fmt: skip
    return {
        "cluster": cluster_rows,
        "agency": sorted(agency_rows, key=_by_budget),
        "commodity": sorted(commodity_rows, key=_by_budget),
    }


def _by_budget(row) -> int:
    return -row[1].planned


def _chart_data(numbers, rows, region) -> dict:
    """What static/js/dashboard.js draws (passed with json_script)."""
    data = {
        "desil": {"labels": [f"Desil {d}" for d in DESILS], "households": numbers.households[1:]},
        "trend": {
            "labels": [f"S{semester} {year}" for (year, semester) in sorted(numbers.trend)],
            "realised": [numbers.trend[key].realised for key in sorted(numbers.trend)],
            "interventions": [numbers.trend[key].interventions for key in sorted(numbers.trend)],
        },
        "indicators": [{"key": key, "label": label} for key, label in INDICATORS],
    }
    if region.level == PROVINCE:
        by_code = {code: (name, n, url) for code, name, n, url in rows}
        matched = match_features({code: name for code, (name, _, _) in by_code.items()})
        data["map"] = [
            {"name": feature_code, "district": by_code[code][0], "url": by_code[code][2],
             "values": by_code[code][1].indicators()}
            for feature_code, code in matched.items()
        ]  # fmt: skip
    return data
