"""The data-subject search: who saw and changed the data of one NIK or No KK (UU PDP: the right to know).

For Bappeda admins only; the number travels by POST (never in a URL); the search itself is recorded.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.validators import RegexValidator
from django.shortcuts import render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from . import history, subjects
from .access import AccessAction, record_access
from .masking import mask_numbers

SHOWN = 500


class SubjectSearchForm(forms.Form):
    nomor = forms.CharField(
        label="NIK atau No. KK", max_length=16, min_length=16,
        validators=[RegexValidator(r"^\d{16}$", "Isi 16 digit angka.")],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )  # fmt: skip
    keterangan = forms.CharField(
        label="Dasar permintaan", max_length=300,
        help_text="Misalnya nomor surat permohonan subjek data; dicatat bersama penelusuran ini.",
    )  # fmt: skip


@sensitive_post_parameters("nomor")
@require_http_methods(["GET", "POST"])
def subject_search(request):
    if not request.user.is_bappeda_admin:
        raise PermissionDenied
    form = SubjectSearchForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["nomor"]
        subject = subjects.find(number)
        found = list(subjects.accesses(subject)[:SHOWN])
        changes = history.entries(subjects.change_sources(subject)) if subject.found else []
        persons = len(subject.ids(subjects.PERSON))
        record_access(request, action=AccessAction.SUBJECT_SEARCH, number=number, count=persons,
                      reason=form.cleaned_data["keterangan"])  # fmt: skip
        context |= {"searched": mask_numbers(number), "subject": subject, "accesses": found, "entries": changes,
                    "shown": SHOWN, "persons": persons, "households": len(subject.ids(subjects.HOUSEHOLD))}  # fmt: skip
        context["form"] = SubjectSearchForm()
    return render(request, "records/subject_search.html", context)
