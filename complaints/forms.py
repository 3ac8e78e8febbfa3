"""The public complaint form and status lookup, and the small forms of the staff ticket page."""

import re

from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.conf import settings
from django.core.validators import validate_email
from django.urls import reverse_lazy

from beneficiaries.forms import BLANK_LABEL, _label_blank_choices
from beneficiaries.validators import check_nik
from villages.models import District, Subdistrict, Village

from .attachments import clean_attachment
from .models import Category, Status

PHONE = re.compile(r"^0\d{8,13}$")
DESCRIPTION_MAX = 2000


def normalise_contact(value: str) -> str:
    """An e-mail address in lower case, or a phone number as 08…; ValidationError for anything else."""
    value = value.strip()
    if "@" in value:
        validate_email(value)
        return value.lower()
    digits = re.sub(r"[\s\-().]", "", value)
    digits = "0" + digits[3:] if digits.startswith("+62") else digits
    digits = "0" + digits[2:] if digits.startswith("62") else digits
    if not PHONE.match(digits):
        raise forms.ValidationError("Isi nomor HP (mis. 0812 3456 7890) atau alamat e-mail yang benar.")
    return digits


class CaptchaPastLimitForm(forms.Form):
    """A public form that, past a rate limit (complaints.ratelimit), also asks for the letters of an image.

    One mechanism for the complaint form and the status page: people go on, scripts do not.
    """

    def __init__(self, *args, with_captcha: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_captcha:
            self.fields["captcha"] = CaptchaField(
                widget=CaptchaTextInput(attrs={"class": "form-control", "inputmode": "text"}),
                label="Kode pada gambar",
                help_text="Ketik huruf yang tampak pada gambar (besar kecil huruf tidak berpengaruh).",
                error_messages={
                    "required": "Ketik huruf yang tampak pada gambar.",
                    "invalid": "Huruf yang diketik tidak sesuai dengan gambar; coba lagi dengan gambar yang baru.",
                },
            )

    @property
    def captcha_solved(self) -> bool:
        return "captcha" in self.cleaned_data


class ComplaintForm(CaptchaPastLimitForm):
    """Everything optional but the category, the village and the description; ``website`` is a honeypot."""

    category = forms.ChoiceField(label="Jenis pengaduan", choices=[("", BLANK_LABEL), *Category.choices])
    district = forms.ModelChoiceField(
        District.objects.all(),
        label="Kabupaten/Kota",
        empty_label=BLANK_LABEL,
        widget=forms.Select(
            attrs={"hx-get": reverse_lazy("complaints:subdistrict_options"), "hx-target": "#id_subdistrict"}
        ),
    )
    subdistrict = forms.ModelChoiceField(
        Subdistrict.objects.none(),
        label="Kecamatan",
        empty_label=BLANK_LABEL,
        widget=forms.Select(
            attrs={
                "hx-get": reverse_lazy("complaints:village_options"),
                "hx-target": "#id_village",
                # Reloaded with the kecamatan list, so that no village of the previous kecamatan stays.
                "hx-trigger": "change, htmx:afterSwap",
            }
        ),
    )
    village = forms.ModelChoiceField(Village.objects.none(), label="Desa/Kelurahan", empty_label=BLANK_LABEL)
    description = forms.CharField(
        label="Uraian",
        max_length=DESCRIPTION_MAX,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Ceritakan apa yang terjadi atau data apa yang perlu diperbaiki (maks. 2.000 karakter).",
    )
    nik = forms.CharField(
        label="NIK (opsional)",
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text="16 digit, bila pengaduan menyangkut data Anda sendiri.",
    )
    reporter_name = forms.CharField(label="Nama (opsional)", required=False, max_length=150)
    contact = forms.CharField(
        label="No. HP atau e-mail (opsional)",
        required=False,
        max_length=100,
        help_text="Hanya untuk menghubungi Anda bila perlu; tidak ditampilkan di halaman status.",
    )
    attachment = forms.FileField(
        label="Lampiran (opsional)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )
    website = forms.CharField(
        label="Situs web",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label_blank_choices(self)
        district = self.data.get("district", "") if self.is_bound else ""
        subdistrict = self.data.get("subdistrict", "") if self.is_bound else ""
        if district.isdigit():
            self.fields["subdistrict"].queryset = Subdistrict.objects.filter(district=district)
        if subdistrict.isdigit():
            self.fields["village"].queryset = Village.objects.filter(subdistrict=subdistrict)
        self.fields["village"].label_from_instance = lambda village: village.name
        max_mb = settings.COMPLAINT_ATTACHMENT_MAX_MB
        self.fields["attachment"].help_text = f"Foto (JPG/PNG) atau PDF, maks. {max_mb} MB."

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def clean_nik(self):
        nik = "".join(self.cleaned_data["nik"].split())
        if nik and (errors := check_nik(nik).errors):
            raise forms.ValidationError(errors)
        return nik

    def clean_contact(self):
        contact = self.cleaned_data["contact"]
        return normalise_contact(contact) if contact.strip() else ""

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        return clean_attachment(upload) if upload else None


class StatusLookupForm(CaptchaPastLimitForm):
    kode = forms.CharField(label="Kode tiket", max_length=30, widget=forms.TextInput(attrs={"placeholder": "ADU-…"}))


class StatusChangeForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices)
    reply = forms.CharField(label="Tanggapan untuk pelapor", required=False, max_length=DESCRIPTION_MAX)


class NoteForm(forms.Form):
    text = forms.CharField(label="Isi", max_length=DESCRIPTION_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    public = forms.BooleanField(
        label="Tampilkan kepada pelapor (tanggapan publik)",
        required=False,
        help_text="Tanpa centang: catatan internal, hanya untuk petugas.",
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(None, label="Petugas", required=False, empty_label="— tidak ada —")

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = candidates
        self.fields["assignee"].label_from_instance = lambda user: user.get_full_name() or user.username


class InterventionLinkForm(forms.Form):
    intervention = forms.ModelChoiceField(None, label="Intervensi terkait", empty_label=BLANK_LABEL)

    def __init__(self, *args, interventions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intervention"].queryset = interventions
        self.fields["intervention"].label_from_instance = lambda i: f"{i.program.name} ({i.agency.short_name})"
