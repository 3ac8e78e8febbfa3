from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone

from villages.models import IdmStatus, Subdistrict, Village, VillageYear


def home(request):
    """The landing page: what part of Lampung the user works on, in numbers."""
    year = timezone.localdate().year
    villages = Village.objects.visible_to(request.user)
    years = VillageYear.objects.visible_to(request.user).filter(year=year)
    idm = dict(years.values_list("idm_status").annotate(n=Count("*")).values_list("idm_status", "n"))
    context = {
        "year": year,
        "subdistricts": Subdistrict.objects.visible_to(request.user).count(),
        "villages": villages.aggregate(
            desa=Count("pk", filter=Q(kind="desa")), kelurahan=Count("pk", filter=Q(kind="kelurahan"))
        ),
        "districts": villages.values("district").distinct().count(),
        "locus": years.filter(is_locus=True).count(),
        "idm": [(status.label, idm.get(status.value, 0)) for status in IdmStatus],
    }
    return render(request, "home.html", context)
