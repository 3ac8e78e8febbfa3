"""Forms for programs, interventions and evidence. Agency, status and authors are never form fields
for agency staff: the view sets them, so a POSTed ``agency`` or ``status`` changes nothing."""

from pathlib import Path

from django import forms
from django.core.validators import MinValueValidator
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils import timezone

from beneficiaries.forms import DateInput, _label_blank_choices
from villages.models import District, Institution, Subdistrict, Village

from .locking import refusal
from .models import Agency, Intervention, Program

NEGATIVE = "Jumlah tidak boleh negatif."
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
# The first bytes of each accepted evidence type; the file's name alone proves nothing.
EVIDENCE_MAGIC = {".jpg": b"\xff\xd8\xff", ".png": b"\x89PNG\r\n\x1a\n", ".pdf": b"%PDF-"}
EVIDENCE_SUFFIXES = {".jpg": ".jpg", ".jpeg": ".jpg", ".png": ".png", ".pdf": ".pdf"}


def _refuse_negative(form: forms.BaseForm, *names: str) -> None:
    for name in names:
        field = form.fields[name]
        field.validators = [v for v in field.validators if not isinstance(v, MinValueValidator)]
        field.validators.append(MinValueValidator(0, NEGATIVE))
        field.widget.attrs["min"] = 0


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = [
            *("fiscal_year", "code", "name", "kind", "cluster", "lead_agency"),
            *("target_kind", "target_count", "budget_ceiling", "funding_source", "is_desaku_maju"),
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _label_blank_choices(self)
        _refuse_negative(self, "target_count", "budget_ceiling")
        this_year = timezone.localdate().year
        self.fields["fiscal_year"].min_value, self.fields["fiscal_year"].max_value = 2020, this_year + 1
        self.fields["fiscal_year"].initial = self.fields["fiscal_year"].initial or this_year
        if user.is_bappeda_admin:
            self.fields["lead_agency"].queryset = Agency.objects.active()
        else:  # agency staff: always their own agency, set by the view
            del self.fields["lead_agency"]

    def clean(self):
        cleaned = super().clean()
        code, year = cleaned.get("code"), cleaned.get("fiscal_year")
        if code and year and Program.objects.filter(code=code, fiscal_year=year).exclude(pk=self.instance.pk).exists():
            self.add_error("code", f"Kode {code} sudah dipakai program lain pada tahun anggaran {year}.")
        return cleaned

    def validate_constraints(self, exclude=None):
        pass  # the code-per-year rule is checked in clean() with a clearer message


class InterventionForm(forms.ModelForm):
    """The village is picked kabupaten → kecamatan → desa (htmx), or found by name or code."""

    district = forms.ModelChoiceField(
        District.objects.none(),
        label="Kabupaten/Kota",
        required=False,
        widget=forms.Select(
            attrs={"hx-get": reverse_lazy("villages:subdistrict_options"), "hx-target": "#id_subdistrict"}
        ),
    )
    subdistrict = forms.ModelChoiceField(
        Subdistrict.objects.none(),
        label="Kecamatan",
        required=False,
        widget=forms.Select(
            attrs={
                "hx-get": reverse_lazy("beneficiaries:village_options"),
                "hx-target": "#id_village",
                "hx-vals": '{"wajib": "1"}',
            }
        ),
    )

    class Meta:
        model = Intervention
        fields = [
            *("program", "agency", "district", "subdistrict", "village", "institution", "commodity"),
            *("description", "quantity", "unit", "planned_budget", "realised_spending", "overspend_note"),
            *("planned_date", "actual_date"),
        ]
        widgets = {
            "planned_date": DateInput,
            "actual_date": DateInput,
            "description": forms.Textarea(attrs={"rows": 3}),
            "overspend_note": forms.Textarea(attrs={"rows": 2}),
            "village": forms.Select(
                attrs={"hx-get": reverse_lazy("programs:institution_options"), "hx-target": "#id_institution"}
            ),
        }
        help_texts = {
            "planned_date": "Dalam tahun anggaran program.",
            "actual_date": "Dalam tahun anggaran program; wajib sebelum ditandai selesai.",
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        _refuse_negative(self, "quantity", "planned_budget", "realised_spending")
        self._limit_programs(user)
        if user.is_bappeda_admin:
            self.fields["agency"].queryset = Agency.objects.active()
            self.fields["agency"].help_text = "Kosongkan untuk perangkat daerah pengampu program."
            self.fields["agency"].required = False
        else:  # agency staff: always their own agency, set by the view
            del self.fields["agency"]
        self._limit_places(user)
        _label_blank_choices(self)

    def _limit_programs(self, user):
        this_year = timezone.localdate().year
        years = Q(fiscal_year__in=[this_year, this_year + 1]) | Q(pk=self.instance.program_id)
        programs = Program.objects.visible_to(user).filter(years).select_related("lead_agency")
        self.fields["program"].queryset = programs

    def _limit_places(self, user):
        """Only villages in the user's scope; the desa <select> lists one kecamatan, not all 2,651."""
        villages = Village.objects.visible_to(user)
        chosen = self._chosen("village", self.instance.village_id)
        self.fields["district"].queryset = District.objects.visible_to(user)
        self.fields["subdistrict"].queryset = Subdistrict.objects.visible_to(user)
        village = villages.select_related("subdistrict").filter(pk=chosen).first() if chosen else None
        subdistrict = self._chosen("subdistrict", village.subdistrict_id if village else None)
        self.fields["village"].queryset = villages.filter(Q(subdistrict=subdistrict) | Q(pk=chosen or None))
        self.fields["village"].label_from_instance = lambda v: v.name
        if village and not self.is_bound:
            self.initial.update(district=village.district_id, subdistrict=village.subdistrict_id)
        institutions = Institution.objects.filter(Q(active=True) | Q(pk=self.instance.institution_id))
        self.fields["institution"].queryset = institutions.filter(village=village) if village else institutions.none()

    def _chosen(self, name: str, default):
        value = self.data.get(name, "") if self.is_bound else ""
        return int(value) if value.isdigit() else default

    def clean(self):
        cleaned = super().clean()
        program = cleaned.get("program")
        for name in ("planned_date", "actual_date"):
            day = cleaned.get(name)
            if program and day and day.year != program.fiscal_year:
                self.add_error(name, f"Tanggal harus dalam tahun anggaran {program.fiscal_year}.")
        planned, realised = cleaned.get("planned_budget"), cleaned.get("realised_spending")
        overspent = planned is not None and realised is not None and realised > planned
        if overspent and not cleaned.get("overspend_note", "").strip():
            self.add_error("overspend_note", "Realisasi melebihi anggaran rencana: tuliskan penjelasannya.")
        village, day = cleaned.get("village"), cleaned.get("actual_date") or cleaned.get("planned_date")
        # Only Bappeda admins put an intervention into an approved (locked) semester (programs.locking).
        period = {"district_id": village.district_id, "year": program.fiscal_year} if village and program else {}
        if day and period and (locked := refusal(user=self.user, day=day, **period)):
            self.add_error(None, locked)
        return cleaned


class StatusForm(forms.Form):
    status = forms.CharField()
    note = forms.CharField(required=False, label="Catatan / alasan")


class EvidenceForm(forms.Form):
    file = forms.FileField(label="Berkas bukti (JPG, PNG atau PDF, maks. 5 MB)")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > EVIDENCE_MAX_BYTES:
            raise forms.ValidationError("Berkas terlalu besar: maksimal 5 MB.")
        extension = EVIDENCE_SUFFIXES.get(Path(upload.name).suffix.lower())
        if extension is None:
            raise forms.ValidationError("Jenis berkas tidak diterima: unggah JPG, PNG atau PDF.")
        upload.seek(0)
        head = upload.read(8)
        upload.seek(0)
        if not head.startswith(EVIDENCE_MAGIC[extension]):
            raise forms.ValidationError("Isi berkas tidak sesuai jenisnya: unggah foto JPG/PNG atau dokumen PDF asli.")
        upload.extension = extension
        return upload
