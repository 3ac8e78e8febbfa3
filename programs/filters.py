"""Filters of the program and intervention lists; agency and region choices stay in the user's scope."""

import django_filters
from django.utils import timezone

from villages.models import Commodity, District

from .models import Agency, Cluster, Intervention, InterventionStatus, Program, ProgramKind, semester_happened

SEMESTERS = [("1", "Semester 1 (Jan–Jun)"), ("2", "Semester 2 (Jul–Des)")]


def year_choices() -> list[tuple[int, int]]:
    this_year = timezone.localdate().year
    years = {this_year, this_year + 1, *Program.objects.values_list("fiscal_year", flat=True).distinct()}
    return [(year, year) for year in sorted(years, reverse=True)]


def with_default_year(data) -> dict:
    """The list opens on this year; choosing "Semua" (an empty ``tahun``) shows every year."""
    data = data.copy()
    data.setdefault("tahun", str(timezone.localdate().year))
    return data


class ProgramFilter(django_filters.FilterSet):
    tahun = django_filters.ChoiceFilter(
        field_name="fiscal_year", choices=year_choices, label="Tahun anggaran", empty_label="Semua"
    )
    cluster = django_filters.ChoiceFilter(choices=Cluster.choices, label="Klaster", empty_label="Semua")
    agency = django_filters.ModelChoiceFilter(
        field_name="lead_agency", queryset=Agency.objects.none(), label="Perangkat daerah", empty_label="Semua"
    )
    kind = django_filters.ModelChoiceFilter(
        queryset=ProgramKind.objects.all(), label="Jenis program", empty_label="Semua"
    )
    desaku_maju = django_filters.BooleanFilter(
        field_name="is_desaku_maju",
        label="Desaku Maju",
        widget=django_filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = Program
        fields = ["tahun", "cluster", "agency", "kind", "desaku_maju"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["agency"].queryset = Agency.objects.visible_to(user)


class InterventionFilter(django_filters.FilterSet):
    tahun = django_filters.ChoiceFilter(
        field_name="program__fiscal_year", choices=year_choices, label="Tahun", empty_label="Semua"
    )
    semester = django_filters.ChoiceFilter(
        choices=SEMESTERS, label="Semester", empty_label="Semua", method="filter_semester"
    )
    cluster = django_filters.ChoiceFilter(
        field_name="program__cluster", choices=Cluster.choices, label="Klaster", empty_label="Semua"
    )
    agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.none(), label="Perangkat daerah", empty_label="Semua"
    )
    district = django_filters.ModelChoiceFilter(
        field_name="village__district", queryset=District.objects.none(), label="Kabupaten/Kota", empty_label="Semua"
    )
    status = django_filters.ChoiceFilter(choices=InterventionStatus.choices, label="Status", empty_label="Semua")
    commodity = django_filters.ModelChoiceFilter(
        queryset=Commodity.objects.all(), label="Komoditas", empty_label="Semua"
    )

    class Meta:
        model = Intervention
        fields = ["tahun", "semester", "cluster", "agency", "district", "status", "commodity"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["agency"].queryset = Agency.objects.visible_to(user)
        self.filters["district"].queryset = District.objects.visible_to(user)

    def filter_semester(self, queryset, name, value):
        """Semester by the date it happened, or was planned to happen if it has not yet."""
        return queryset.alias(happened=semester_happened()).filter(happened=int(value))
