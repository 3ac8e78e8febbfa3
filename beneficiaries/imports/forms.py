from django import forms
from django.conf import settings
from django.utils import timezone

from desakumaju.lib.spreadsheets import HEAD_BYTES, SpreadsheetError, detect_type

from ..models import BatchKind, DesilSource

ACCEPTED = ".xlsx,.xls,.ods,.csv,.txt"


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="Jenis unggahan", choices=BatchKind.choices, initial=BatchKind.BNBA, widget=forms.RadioSelect,
        required=False,
        help_text="Pemeringkatan desil: berkas berisi No KK (atau NIK kepala keluarga), desil, sumber dan tanggal "
        "saja; hanya riwayat desil yang berubah.",
    )  # fmt: skip
    file = forms.FileField(
        label="Berkas (.xlsx, .xls, .ods, .csv atau .txt)",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED}),
    )
    sheet_name = forms.CharField(
        label="Lembar", required=False, max_length=100,
        help_text="Kosongkan: portal mencari lembar yang berisi judul kolom. Isi nama lembar bila berkas punya "
        "beberapa lembar data.",
    )  # fmt: skip
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
            detect_type(upload.name, upload.read(HEAD_BYTES))
        except SpreadsheetError as error:
            raise forms.ValidationError(str(error)) from error
        finally:
            upload.seek(0)
        return upload

    def clean_kind(self):
        return self.cleaned_data["kind"] or BatchKind.BNBA

    def clean_desil_as_of(self):
        value = self.cleaned_data["desil_as_of"]
        if value > timezone.localdate():
            raise forms.ValidationError("Tanggal desil tidak boleh di masa depan.")
        return value


class SheetForm(forms.Form):
    """The sheet to check again, among those the validation found holding data."""

    sheet_name = forms.ChoiceField(label="Lembar")

    def __init__(self, *args, sheets: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sheet_name"].choices = [(name, name) for name in sheets]
