"""Forms of the reports page and of the semester close."""

from django import forms
from django.utils import timezone

from villages.models import District

from .reports_models import ReportKind

SEMESTERS = [(1, "Semester I (Januari–Juni)"), (2, "Semester II (Juli–Desember)")]


def _years() -> list[tuple[int, int]]:
    this_year = timezone.localdate().year
    return [(year, year) for year in range(this_year + 1, 2019, -1)]


class ReportRequestForm(forms.Form):
    """Bappeda admins choose the province or a district; a district officer's report is their district's."""

    kind = forms.ChoiceField(label="Jenis laporan", choices=ReportKind.choices)
    year = forms.TypedChoiceField(label="Tahun anggaran", coerce=int, choices=_years)
    district = forms.ModelChoiceField(
        District.objects.all(), label="Wilayah", required=False, empty_label="Seluruh Provinsi Lampung"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        if not user.is_bappeda_admin:
            del self.fields["district"]


class ApproveForm(forms.Form):
    district = forms.ModelChoiceField(District.objects.all(), label="Kabupaten/Kota")
    year = forms.TypedChoiceField(label="Tahun anggaran", coerce=int, choices=_years)
    semester = forms.TypedChoiceField(label="Semester", coerce=int, choices=SEMESTERS)
    note = forms.CharField(label="Catatan hasil reviu", required=False, max_length=500)


class UnlockForm(forms.Form):
    reason = forms.CharField(label="Alasan membuka kembali", max_length=500)
