"""The region filter of the targeting pages and their exports: kabupaten → kecamatan → desa, and the year."""

from django import forms
from django.urls import reverse
from django.utils import timezone

from villages.models import District, Subdistrict, Village


def selected_year(params) -> int:
    """The year a targeting page or export is for (``tahun``); this year when absent or out of range."""
    year = params.get("tahun", "")
    return int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else timezone.localdate().year


class RegionForm(forms.Form):
    """Kabupaten → kecamatan → desa, each limited to the user's scope (htmx cascade)."""

    district = forms.ModelChoiceField(District.objects.none(), label="Kabupaten/Kota", required=False)
    subdistrict = forms.ModelChoiceField(Subdistrict.objects.none(), label="Kecamatan", required=False)
    village = forms.ModelChoiceField(Village.objects.none(), label="Desa/Kelurahan", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        district, subdistrict = self.data.get("district", ""), self.data.get("subdistrict", "")
        subdistricts, villages = Subdistrict.objects.visible_to(user), Village.objects.visible_to(user)
        self.fields["district"].queryset = District.objects.visible_to(user)
        self.fields["subdistrict"].queryset = (
            subdistricts.filter(district=district) if district.isdigit() else subdistricts
        )
        # Villages are offered once a kecamatan is chosen (or the one asked for by a link): all 2,651 as
        # options would take longer to render than the list itself.
        village = self.data.get("village", "")
        if subdistrict.isdigit():
            villages = villages.filter(subdistrict=subdistrict)
        else:
            villages = villages.filter(pk=village) if village.isdigit() else villages.none()
        self.fields["village"].queryset = villages
        cascade = {"district": ("villages:subdistrict_options", "#id_subdistrict"),
                   "subdistrict": ("beneficiaries:village_options", "#id_village")}  # fmt: skip
        for name, (url_name, target) in cascade.items():
            self.fields[name].widget.attrs.update({"hx-get": reverse(url_name), "hx-target": target})
        for field in self.fields.values():
            field.empty_label = "Semua"

    def region(self) -> dict:
        """The chosen region as keyword arguments of the targeting queries; None when invalid."""
        return {key: value for key, value in self.cleaned_data.items() if value} if self.is_valid() else None
