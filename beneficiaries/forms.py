"""Hand edits of the registry. Desil, No KK and the import batch are never form fields here."""

from django import forms
from django.core.validators import RegexValidator
from django.urls import reverse_lazy
from django.utils import timezone

from villages.models import Subdistrict, Village

from .models import DesilRecord, DesilSource, Household, HouseholdStatus, Person, Relationship
from .validators import check_nik

# Leaving the registry must be dated and explained: reports count who left, when and why.
STATUSES_NEEDING_REASON = {
    HouseholdStatus.GRADUATED,
    HouseholdStatus.MOVED,
    HouseholdStatus.DECEASED,
    HouseholdStatus.INACTIVE,
}
RT_RW = RegexValidator(r"^\d{1,3}$", "Isi dengan 1–3 digit angka, misalnya 003.")
BLANK_LABEL = "— pilih —"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _not_in_future(value, label: str):
    if value and value > timezone.localdate():
        raise forms.ValidationError(f"{label} tidak boleh melewati hari ini.")
    return value


def _label_blank_choices(form: forms.BaseForm) -> None:
    """Django 6.1's blank choice ("- Select an option -") has no Indonesian translation yet."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            field.empty_label = BLANK_LABEL if field.empty_label is not None else None
        elif isinstance(field, forms.ChoiceField) and field.choices and field.choices[0][0] == "":
            field.choices = [("", BLANK_LABEL), *field.choices[1:]]


class VersionedForm(forms.ModelForm):
    """Carries the ``updated_at`` the form was opened with, for the optimistic lock in services."""

    versi = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label_blank_choices(self)
        if self.instance.pk:
            self.fields["versi"].initial = self.instance.updated_at.isoformat()


class HouseholdForm(VersionedForm):
    subdistrict = forms.ModelChoiceField(
        Subdistrict.objects.none(),
        label="Kecamatan",
        widget=forms.Select(
            attrs={
                "hx-get": reverse_lazy("beneficiaries:village_options"),
                "hx-target": "#id_village",
                "hx-vals": '{"wajib": "1"}',
            }
        ),
    )

    class Meta:
        model = Household
        fields = ["village", "address", "dusun", "rt", "rw", "status", "status_date", "status_reason"]
        widgets = {"status_date": DateInput}
        help_texts = {
            "village": "Hanya desa/kelurahan di wilayah kerja Anda.",
            "status_reason": "Wajib untuk status selain Aktif.",
        }

    field_order = ["subdistrict", "village"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rt"].validators.append(RT_RW)
        self.fields["rw"].validators.append(RT_RW)
        subdistricts = Subdistrict.objects.editable_by(user).select_related("district")
        self.fields["subdistrict"].queryset = subdistricts
        self.fields["subdistrict"].label_from_instance = lambda s: f"{s.name} ({s.district.name})"
        chosen = self.data.get("subdistrict", "") if self.is_bound else ""
        if not self.is_bound:
            self.fields["subdistrict"].initial = self.instance.village.subdistrict_id
        # Only villages the user may edit, in the chosen kecamatan: another district is no choice.
        self.fields["village"].queryset = Village.objects.editable_by(user).filter(
            subdistrict=chosen if chosen.isdigit() else self.instance.village.subdistrict_id
        )

    def clean_status_date(self):
        return _not_in_future(self.cleaned_data["status_date"], "Tanggal status")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") in STATUSES_NEEDING_REASON:
            if not cleaned.get("status_date") and "status_date" not in self.errors:
                self.add_error("status_date", "Wajib diisi untuk status ini.")
            if not cleaned.get("status_reason"):
                self.add_error("status_reason", "Wajib diisi untuk status ini.")
        return cleaned


class PersonForm(VersionedForm):
    """A member, checked by the same NIK rules as the importer; ``warnings`` are shown after saving."""

    class Meta:
        model = Person
        fields = [
            *("name", "nik", "sex", "birth_place", "birth_date", "relationship"),
            *("marital_status", "education", "occupation", "has_disability", "disability_kind"),
        ]
        widgets = {
            "birth_date": DateInput,
            "nik": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }
        help_texts = {"nik": "16 digit angka, tanpa spasi."}

    KEEP_NIK = "Kosongkan bila NIK tidak berubah; untuk memperbaikinya, isi 16 digit NIK yang benar."

    def __init__(self, *args, household: Household, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.household = household
        self.warnings: list[str] = []
        if self.instance.pk:
            # The form never shows the full NIK (PII-01): an empty field keeps it, a typed one replaces it. Who
            # needs to read it reveals it on the household page, with a reason.
            self.initial["nik"] = ""
            self.fields["nik"].required = False
            self.fields["nik"].help_text = self.KEEP_NIK
            self.fields["nik"].widget.attrs["placeholder"] = self.instance.masked_nik

    def clean_birth_date(self):
        return _not_in_future(self.cleaned_data["birth_date"], "Tanggal lahir")

    def clean_nik(self):
        nik = self.cleaned_data["nik"] or (self.instance.nik if self.instance.pk else "")
        # Said without naming where: the NIK may belong to a household outside the user's scope.
        if Person.objects.filter(nik=nik).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                "NIK ini sudah terdaftar untuk orang lain di registri BNBA. Bila orang ini pindah "
                "keluarga, ubah datanya di keluarga asal atau hubungi admin Bappeda."
            )
        return nik

    def clean(self):
        cleaned = super().clean()
        if "nik" in cleaned:
            self._check_nik(cleaned)
        if cleaned.get("relationship") == Relationship.HEAD:
            self._check_single_head()
        elif self.instance.relationship == Relationship.HEAD:
            # Allowed, so that the head can change hands: demote the old head, then name the new.
            self.warnings.append("Keluarga ini belum punya kepala keluarga; tetapkan kepala keluarga yang baru.")
        return cleaned

    def _check_nik(self, cleaned):
        result = check_nik(
            cleaned["nik"],
            sex=cleaned.get("sex"),
            birth_date=cleaned.get("birth_date"),
            kecamatan_code=self.instance.household.village.subdistrict.code,
        )
        for error in result.errors:
            self.add_error("nik", error)
        self.warnings.extend(result.warnings)

    def _check_single_head(self):
        head = self.instance.household.members.filter(relationship=Relationship.HEAD)
        if head.exclude(pk=self.instance.pk).exists():
            self.add_error(
                "relationship",
                "Keluarga ini sudah punya kepala keluarga. Ubah dulu hubungan kepala keluarga yang "
                "lama, lalu tetapkan kepala keluarga yang baru.",
            )


class DesilForm(forms.Form):
    """A desil found by local verification; DTKS, P3KE and DTSEN desil come from imports."""

    desil = forms.TypedChoiceField(label="Desil", choices=[(d, f"Desil {d}") for d in range(1, 11)], coerce=int)
    as_of = forms.DateField(label="Per tanggal", widget=DateInput, help_text="Tanggal verifikasi lapangan.")

    ALREADY_RECORDED = "Desil verifikasi lokal per tanggal ini sudah tercatat."

    def __init__(self, *args, household: Household, **kwargs):
        super().__init__(*args, **kwargs)
        self.household = household

    def clean_as_of(self):
        as_of = _not_in_future(self.cleaned_data["as_of"], "Tanggal")
        records = DesilRecord.objects.filter(household=self.household, source=DesilSource.LOCAL)
        if records.filter(as_of=as_of).exists():
            raise forms.ValidationError(self.ALREADY_RECORDED)
        return as_of


class NoKkForm(forms.Form):
    """The No KK of a family known until now by its P3KE id alone."""

    no_kk = forms.CharField(
        label="No. KK", max_length=16, min_length=16,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text="16 digit, sesuai Kartu Keluarga.",
    )  # fmt: skip
    fold = forms.BooleanField(
        label="Gabungkan bila No KK ini sudah dipakai keluarga lain yang sama", required=False,
        help_text="Anggota keluarga ini dipindahkan ke keluarga ber-No KK tersebut; perpindahannya dicatat.",
    )  # fmt: skip
