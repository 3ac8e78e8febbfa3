"""The dashboard's filters: fiscal year, semester, program, cluster, agency; agency staff are held to theirs."""

from dataclasses import dataclass

from django import forms
from django.db.models import Q
from django.utils import timezone

from accounts.scoping import Scope
from programs.filters import SEMESTERS, year_choices
from programs.models import Agency, Cluster, InterventionStatus, Program


@dataclass(frozen=True)
class Filters:
    year: int
    semester: int | None = None
    program: int | None = None
    cluster: int | None = None
    agency: int | None = None

    @property
    def key(self) -> str:
        return f"{self.year}-{self.semester}-{self.program}-{self.cluster}-{self.agency}"

    def interventions_q(self, prefix: str = "") -> Q:
        """Interventions not cancelled, of the program, cluster and agency chosen, in every year (the
        trend needs them all); ``prefix`` leads from the queried model to the intervention."""
        q = ~Q(**{f"{prefix}status": InterventionStatus.CANCELLED})
        for lookup, value in (("program", self.program), ("program__cluster", self.cluster), ("agency", self.agency)):
            if value:
                q &= Q(**{f"{prefix}{lookup}": value})
        return q


class FilterForm(forms.Form):
    tahun = forms.TypedChoiceField(label="Tahun anggaran", coerce=int, required=False)
    semester = forms.TypedChoiceField(
        label="Semester", choices=[("", "Setahun"), *SEMESTERS], coerce=int, required=False, empty_value=None
    )
    program = forms.ModelChoiceField(Program.objects.none(), label="Program", required=False, empty_label="Semua")
    cluster = forms.TypedChoiceField(
        label="Klaster", choices=[("", "Semua"), *Cluster.choices], coerce=int, required=False, empty_value=None
    )
    agency = forms.ModelChoiceField(
        Agency.objects.none(), label="Perangkat daerah", required=False, empty_label="Semua"
    )

    def __init__(self, data, *, user):
        super().__init__(data)
        self.scope = Scope.of(user)
        self.fields["tahun"].choices = year_choices()
        year = data.get("tahun", "")
        year = int(year) if year.isdigit() else timezone.localdate().year
        self.fields["program"].queryset = Program.objects.visible_to(user).filter(fiscal_year=year).order_by("code")
        self.fields["agency"].queryset = Agency.objects.visible_to(user)

    def filters(self) -> Filters:
        """The valid choices; a choice outside the user's reach is dropped. Agency staff always see their agency's."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        program, agency = data.get("program"), data.get("agency")
        return Filters(
            year=data.get("tahun") or timezone.localdate().year,
            semester=data.get("semester"),
            program=program.pk if program else None,
            cluster=data.get("cluster"),
            agency=self.scope.agency_id or (agency.pk if agency else None),
        )
