from django import forms
from django.conf import settings
from django.utils import timezone

from desakumaju.lib.spreadsheets import SpreadsheetError, detect_type

from ..models import DesilSource


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Berkas BNBA (.xlsx atau .csv)",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    desil_source = forms.ChoiceField(
        label="Sumber desil", choices=DesilSource.choices, initial=DesilSource.DTSEN,
        help_text="Untuk baris tanpa kolom Sumber Desil.",
    )  # fmt: skip
    desil_as_of = forms.DateField(
        label="Desil per tanggal",
        initial=timezone.localdate,
        # <input type=date> takes ISO dates only, whatever the locale's format.
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        help_text="Untuk baris tanpa kolom Tanggal Desil.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.BNBA_MAX_UPLOAD_MB
        if upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(
                f"Berkas terlalu besar ({upload.size / 1048576:.0f} MB; paling besar {limit} MB)."
            )
        upload.seek(0)
        try:
            detect_type(upload.name, upload.read(8))
        except SpreadsheetError as error:
            raise forms.ValidationError(str(error)) from error
        finally:
            upload.seek(0)
        return upload

    def clean_desil_as_of(self):
        value = self.cleaned_data["desil_as_of"]
        if value > timezone.localdate():
            raise forms.ValidationError("Tanggal desil tidak boleh di masa depan.")
        return value
