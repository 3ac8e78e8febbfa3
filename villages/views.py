from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET
from django_tables2 import RequestConfig

from .filters import VillageFilter
from .forms import InstitutionForm, VillageYearForm
from .models import Institution, Subdistrict, Village, VillageYear
from .tables import VillageTable


def _selected_year(request) -> int:
    year = request.GET.get("tahun", "")
    return int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else timezone.localdate().year


def _get_village_for_user(user, code: str, *, edit: bool = False) -> Village:
    """The village if the user may see it (404 otherwise); with ``edit``, 403 if they may not edit it."""
    village = get_object_or_404(Village.objects.visible_to(user).select_related("subdistrict", "district"), code=code)
    if edit and not Village.objects.editable_by(user).filter(pk=village.pk).exists():
        raise PermissionDenied
    return village


@require_GET
def village_list(request):
    year = _selected_year(request)
    villages = Village.objects.visible_to(request.user).with_year(year).select_related("subdistrict", "district")
    village_filter = VillageFilter(request.GET, queryset=villages, user=request.user)
    table = VillageTable(village_filter.qs)
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    context = {"filter": village_filter, "table": table, "year": year, "years": _year_choices()}
    return render(request, "villages/village_list.html", context)


def _year_choices() -> list[int]:
    this_year = timezone.localdate().year
    return sorted({this_year, this_year + 1, *VillageYear.objects.values_list("year", flat=True).distinct()})


@require_GET
def subdistrict_options(request):
    """The <option>s of the kecamatan filter for the chosen kabupaten (htmx cascade)."""
    subdistricts = Subdistrict.objects.visible_to(request.user)
    district = request.GET.get("district", "")
    if district.isdigit():
        subdistricts = subdistricts.filter(district=district)
    return render(request, "villages/_subdistrict_options.html", {"subdistricts": subdistricts})


@require_GET
def village_detail(request, code):
    village = _get_village_for_user(request.user, code)
    context = {
        "village": village,
        "years": village.years.prefetch_related("commodities"),
        "institutions": village.institutions.all(),
        "this_year": timezone.localdate().year,
        "can_edit": Village.objects.editable_by(request.user).filter(pk=village.pk).exists(),
    }
    return render(request, "villages/village_detail.html", context)


def village_year_edit(request, code, year):
    village = _get_village_for_user(request.user, code, edit=True)
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise Http404
    village_year = VillageYear.objects.filter(village=village, year=year).first() or VillageYear(
        village=village, year=year
    )
    form = VillageYearForm(
        request.POST or None, instance=village_year, may_designate_locus=request.user.is_bappeda_admin
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Data tahun {year} untuk {village} disimpan.")
        return redirect(village)
    return render(request, "villages/village_year_form.html", {"village": village, "year": year, "form": form})


def institution_add(request, code):
    village = _get_village_for_user(request.user, code, edit=True)
    return _institution_form(request, village, Institution())


def institution_edit(request, code, pk):
    village = _get_village_for_user(request.user, code, edit=True)
    return _institution_form(request, village, get_object_or_404(village.institutions, pk=pk))


def _institution_form(request, village, institution):
    form = InstitutionForm(request.POST or None, instance=institution, village=village)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{form.instance} disimpan.")
        return redirect(village)
    return render(request, "villages/institution_form.html", {"village": village, "form": form})
