"""Which region a dashboard page shows: the province, a kabupaten/kota, a kecamatan or a village.

Chosen with ``district``, ``subdistrict`` or ``village`` (pks, as the lists filter); each read through
``visible_to(user)``, so a region outside the user's scope is a 404. A user scoped to one district
opens on it and has no province level.
"""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.scoping import Scope
from villages.models import District, Subdistrict, Village

PROVINCE, DISTRICT, SUBDISTRICT, VILLAGE = "province", "district", "subdistrict", "village"


@dataclass(frozen=True)
class Region:
    level: str
    district: District | None = None
    subdistrict: Subdistrict | None = None
    village: Village | None = None

    @property
    def params(self) -> dict[str, int]:
        """The list filters' parameters for this region (``district``, ``subdistrict``, ``village``)."""
        chosen = {"district": self.district, "subdistrict": self.subdistrict, "village": self.village}
        return {name: region.pk for name, region in chosen.items() if region is not None}

    @property
    def name(self) -> str:
        shown = self.village or self.subdistrict or self.district
        return str(shown) if shown else "Provinsi Lampung"


def _pk(request, name: str) -> int | None:
    value = request.GET.get(name, "")
    if value and not value.isdigit():
        raise Http404
    return int(value) if value else None


def region_for(request) -> Region:
    user = request.user
    if pk := _pk(request, "village"):
        village = get_object_or_404(Village.objects.visible_to(user).select_related("subdistrict", "district"), pk=pk)
        return Region(VILLAGE, village.district, village.subdistrict, village)
    if pk := _pk(request, "subdistrict"):
        subdistrict = get_object_or_404(Subdistrict.objects.visible_to(user).select_related("district"), pk=pk)
        return Region(SUBDISTRICT, subdistrict.district, subdistrict)
    if pk := _pk(request, "district"):
        return Region(DISTRICT, get_object_or_404(District.objects.visible_to(user), pk=pk))
    scope = Scope.of(user)
    if scope.district_id and not scope.whole_province:
        return Region(DISTRICT, get_object_or_404(District.objects.visible_to(user), pk=scope.district_id))
    return Region(PROVINCE)
