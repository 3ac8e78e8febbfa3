"""Filters of the staff queue; region choices stay in the user's scope."""

import django_filters
from django.utils import timezone

from villages.models import District, Subdistrict, Village

from .models import OPEN, Category, Status, Ticket

ASSIGNED = [("saya", "Ditugaskan kepada saya"), ("belum", "Belum ditugaskan")]


class TicketFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=[("terbuka", "Masih terbuka"), *Status.choices], label="Status", empty_label="Semua",
        method="filter_status",
    )  # fmt: skip
    category = django_filters.ChoiceFilter(choices=Category.choices, label="Jenis", empty_label="Semua")
    district = django_filters.ModelChoiceFilter(
        field_name="village__district", queryset=District.objects.none(), label="Kabupaten/Kota", empty_label="Semua"
    )
    # Not on the queue's form: the dashboard's complaints tile links a kecamatan's or a village's tickets.
    subdistrict = django_filters.ModelChoiceFilter(
        field_name="village__subdistrict", queryset=Subdistrict.objects.none(), label="Kecamatan", empty_label="Semua"
    )
    village = django_filters.ModelChoiceFilter(
        queryset=Village.objects.none(), label="Desa/Kelurahan", empty_label="Semua"
    )
    overdue = django_filters.BooleanFilter(
        label="Lewat batas waktu", method="filter_overdue", widget=django_filters.widgets.BooleanWidget()
    )
    assigned = django_filters.ChoiceFilter(
        choices=ASSIGNED, label="Petugas", empty_label="Semua", method="filter_assigned"
    )
    code = django_filters.CharFilter(field_name="code", lookup_expr="icontains", label="Kode tiket")

    class Meta:
        model = Ticket
        fields = ["status", "category", "district", "subdistrict", "village", "overdue", "assigned", "code"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.filters["district"].queryset = District.objects.visible_to(user)
        self.filters["subdistrict"].queryset = Subdistrict.objects.visible_to(user)
        self.filters["village"].queryset = Village.objects.visible_to(user)

    def filter_status(self, queryset, name, value):
        return queryset.filter(status__in=OPEN) if value == "terbuka" else queryset.filter(status=value)

    def filter_overdue(self, queryset, name, value):
        overdue = queryset.overdue(now=timezone.now())
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))

    def filter_assigned(self, queryset, name, value):
        return queryset.filter(assignee=self.user) if value == "saya" else queryset.filter(assignee__isnull=True)
