import django_filters
from django import forms
from django.db.models import Q
from django.urls import reverse_lazy

from .models import District, IdmStatus, Subdistrict, Village, VillageKind


class VillageFilter(django_filters.FilterSet):
    """Filters of the village browser. Region choices are limited to the user's scope."""

    q = django_filters.CharFilter(method="search", label="Cari nama atau kode")
    district = django_filters.ModelChoiceFilter(
        queryset=District.objects.none(),
        label="Kabupaten/Kota",
        empty_label="Semua",
        # Picking a kabupaten reloads the kecamatan choices (htmx).
        widget=forms.Select(
            attrs={"hx-get": reverse_lazy("villages:subdistrict_options"), "hx-target": "#id_subdistrict"}
        ),
    )
    subdistrict = django_filters.ModelChoiceFilter(
        queryset=Subdistrict.objects.none(), label="Kecamatan", empty_label="Semua"
    )
    kind = django_filters.ChoiceFilter(choices=VillageKind.choices, label="Jenis", empty_label="Semua")
    idm_status = django_filters.ChoiceFilter(choices=IdmStatus.choices, label="Status IDM", empty_label="Semua")
    is_locus = django_filters.ChoiceFilter(
        choices=[("1", "Desa lokus"), ("0", "Bukan lokus")],
        label="Lokus Desaku Maju",
        empty_label="Semua",
        method="filter_locus",
    )

    class Meta:
        model = Village
        fields = ["q", "district", "subdistrict", "kind", "idm_status", "is_locus"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["district"].queryset = District.objects.visible_to(user)
        subdistricts = Subdistrict.objects.visible_to(user)
        district = self.data.get("district")
        if district and district.isdigit():
            subdistricts = subdistricts.filter(district=district)
        self.filters["subdistrict"].queryset = subdistricts

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(code__startswith=value))

    def filter_locus(self, queryset, name, value):
        return queryset.filter(is_locus=True) if value == "1" else queryset.exclude(is_locus=True)
