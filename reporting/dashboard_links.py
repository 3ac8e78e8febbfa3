"""Links from each dashboard number to the list behind it, with the lists' own query parameters.

Registry lists (households, locus villages, convergence) are not for agency staff: they get no links there.
"""

from django.urls import reverse
from django.utils.http import urlencode

from accounts.models import Role
from beneficiaries.models import HouseholdStatus

from .dashboard_filters import Filters
from .dashboard_numbers import DESILS
from .dashboard_regions import Region

REGISTRY_ROLES = frozenset({Role.BAPPEDA_ADMIN, Role.DISTRICT_OFFICER, Role.VIEWER})


def _url(name: str, **params) -> str:
    return f"{reverse(name)}?{urlencode({k: v for k, v in params.items() if v not in (None, '')})}"


def links_for(user, region: Region, filters: Filters) -> dict:
    work = {"tahun": filters.year, "semester": filters.semester, "cluster": filters.cluster,
            "agency": filters.agency, "district": region.district.pk if region.district else None}  # fmt: skip
    links = {
        "interventions": _url("programs:intervention_list", **work),
        "by_cluster": {c: _url("programs:intervention_list", **{**work, "cluster": c}) for c in (1, 2, 3)},
        "agency": lambda pk: _url("programs:intervention_list", **{**work, "agency": pk}),
        "commodity": lambda pk: _url("programs:intervention_list", **{**work, "commodity": pk}),
        "graduation": reverse("programs:graduation"),
    }
    if user.role not in REGISTRY_ROLES:
        return links
    households = {**region.params, "status": HouseholdStatus.ACTIVE}
    return {
        **links,
        "households": _url("beneficiaries:household_list", **households),
        "by_desil": {d: _url("beneficiaries:household_list", **households, desil=d) for d in DESILS},
        "graduated": _url("beneficiaries:household_list", **region.params, status=HouseholdStatus.GRADUATED),
        "reached": _url("programs:convergence", tahun=filters.year, **region.params),
        "locus": _url("programs:locus_villages", tahun=filters.year, district=work["district"]),
        "locus_below": _url("programs:locus_villages", tahun=filters.year, district=work["district"], di_bawah=1),
    }
