from django import forms

from .models import Institution, VillageYear


class VillageYearForm(forms.ModelForm):
    class Meta:
        model = VillageYear
        fields = ["idm_status", "commodities", "is_locus"]
        widgets = {"commodities": forms.CheckboxSelectMultiple}

    def __init__(self, *args, may_designate_locus: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_designate_locus:
            # Locus villages are designated by Bappeda only.
            del self.fields["is_locus"]


class InstitutionForm(forms.ModelForm):
    class Meta:
        model = Institution
        fields = ["kind", "name", "active"]

    def __init__(self, *args, village, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.village = village

    def clean(self):
        cleaned = super().clean()
        duplicates = Institution.objects.filter(
            village=self.instance.village, kind=cleaned.get("kind"), name__iexact=cleaned.get("name", "")
        ).exclude(pk=self.instance.pk)
        if duplicates.exists():
            self.add_error("name", "Lembaga dengan jenis dan nama ini sudah ada di desa ini.")
        return cleaned
