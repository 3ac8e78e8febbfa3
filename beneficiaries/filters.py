"""Filters of the household registry. Region choices are limited to the user's scope.

The search text may be a NIK or No KK, which must never travel in a URL (SECURITY-CHECKLIST
PII-03): the filter form is POSTed, the text is kept in the session, and the list URL carries only
an opaque token (``cari``) that pagination and sorting links keep.
"""

import secrets

import django_filters
from django import forms
from django.db.models import Q
from django.urls import reverse_lazy

from villages.models import District, Subdistrict, Village

from .models import DesilSource, Household, HouseholdStatus, Person, Relationship, mask_identity_number
from .validators import SIXTEEN_DIGITS

NO_DESIL = "kosong"
DESIL_CHOICES = [*((str(d), f"Desil {d}") for d in range(1, 11)), (NO_DESIL, "Belum ada")]
SEARCHES = "bnba_searches"
SEARCHES_KEPT = 10


def shown_search(text: str) -> str:
    """The search text as the page may show it: a NIK or No KK masked."""
    return mask_identity_number(text) if SIXTEEN_DIGITS.fullmatch(text) else text


def remember_search(session, text: str) -> str:
    """Keep a search text in the session and return the token that stands for it in URLs."""
    token = secrets.token_urlsafe(6)
    kept = list(session.get(SEARCHES, {}).items())[-(SEARCHES_KEPT - 1) :]
    session[SEARCHES] = {**dict(kept), token: text}
    return token


def recall_search(session, token: str) -> str:
    return session.get(SEARCHES, {}).get(token, "")


class MaskedSearchInput(forms.TextInput):
    """Shows a NIK or No KK search masked, so that the list page never carries a full number."""

    def format_value(self, value):
        return super().format_value(shown_search(value) if value else value)


class HouseholdFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label="Cari nama kepala keluarga, NIK atau No. KK",
        widget=MaskedSearchInput(attrs={"autocomplete": "off"}),
    )
    district = django_filters.ModelChoiceFilter(
        field_name="village__district",
        queryset=District.objects.none(),
        label="Kabupaten/Kota",
        empty_label="Semua",
        widget=forms.Select(
            attrs={"hx-get": reverse_lazy("villages:subdistrict_options"), "hx-target": "#id_subdistrict"}
        ),
    )
    subdistrict = django_filters.ModelChoiceFilter(
        field_name="village__subdistrict",
        queryset=Subdistrict.objects.none(),
        label="Kecamatan",
        empty_label="Semua",
        widget=forms.Select(
            attrs={"hx-get": reverse_lazy("beneficiaries:village_options"), "hx-target": "#id_village"}
        ),
    )
    village = django_filters.ModelChoiceFilter(
        queryset=Village.objects.none(), label="Desa/Kelurahan", empty_label="Semua"
    )
    desil = django_filters.ChoiceFilter(
        choices=DESIL_CHOICES, label="Desil", empty_label="Semua", method="filter_desil"
    )
    status = django_filters.ChoiceFilter(choices=HouseholdStatus.choices, label="Status", empty_label="Semua")
    desil_source = django_filters.ChoiceFilter(choices=DesilSource.choices, label="Sumber desil", empty_label="Semua")
    kk = django_filters.ChoiceFilter(
        choices=[(NO_DESIL, "Belum ada No KK (keluarga P3KE)")], label="No. KK", empty_label="Semua",
        method="filter_no_kk",
    )  # fmt: skip

    class Meta:
        model = Household
        fields = ["q", "district", "subdistrict", "village", "desil", "status", "desil_source", "kk"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["district"].queryset = District.objects.visible_to(user)
        subdistricts = Subdistrict.objects.visible_to(user)
        if (district := self.data.get("district", "")).isdigit():
            subdistricts = subdistricts.filter(district=district)
        self.filters["subdistrict"].queryset = subdistricts
        # A village is picked within a kecamatan: listing all 2,651 in one <select> helps no one.
        if (subdistrict := self.data.get("subdistrict", "")).isdigit():
            self.filters["village"].queryset = Village.objects.visible_to(user).filter(subdistrict=subdistrict)

    def search(self, queryset, name, value):
        value = value.strip()
        if SIXTEEN_DIGITS.fullmatch(value):
            members = Person.objects.filter(nik=value)
            return queryset.filter(Q(no_kk=value) | Q(pk__in=members.values("household")))
        heads = Person.objects.filter(relationship=Relationship.HEAD, name__icontains=value)
        return queryset.filter(pk__in=heads.values("household"))

    def filter_no_kk(self, queryset, name, value):
        return queryset.filter(no_kk__isnull=True)

    def filter_desil(self, queryset, name, value):
        return queryset.filter(desil__isnull=True) if value == NO_DESIL else queryset.filter(desil=value)
