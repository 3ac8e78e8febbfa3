"""The recipients page of an intervention: the list and its totals, and three ways to pick recipients.

Searches and lists of NIKs are POSTed (htmx), so no NIK enters a URL (SECURITY-CHECKLIST PII-03).
Every change answers with the recipients panel (feedback, totals, table) that htmx swaps in; the
table is paginated (newest first, its page links fetch the panel by htmx) while the totals count all.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_POST

from desakumaju.lib.spreadsheets import SpreadsheetError

from .. import services
from ..models import Intervention, InterventionStatus
from ..recipients import (
    MAX_LIST_MB,
    add_recipients_from_list,
    read_uploaded_nik_list,
    search_persons,
    totals_of,
)

LOCKED = {InterventionStatus.VERIFIED, InterventionStatus.CANCELLED}
SHOWN_REJECTIONS = 200
RECIPIENTS_PER_PAGE = 50


class ReceivedOnForm(forms.Form):
    received_on = forms.DateField(label="Tanggal diterima", required=False)

    def __init__(self, *args, intervention: Intervention, **kwargs):
        super().__init__(*args, **kwargs)
        self.intervention = intervention

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value and value > timezone.localdate():
            raise forms.ValidationError("Tanggal diterima tidak boleh di masa depan.")
        year = self.intervention.program.fiscal_year
        if value and value.year != year:
            raise forms.ValidationError(f"Tanggal diterima harus dalam tahun anggaran {year}.")
        return value


class PickForm(ReceivedOnForm):
    person = forms.IntegerField(required=False)
    household = forms.IntegerField(required=False)

    def clean(self):
        data = super().clean()
        if (data.get("person") is None) == (data.get("household") is None):
            raise forms.ValidationError("Pilih satu orang atau satu keluarga.")
        return data


class NikListForm(ReceivedOnForm):
    file = forms.FileField(label="Daftar NIK (.xlsx atau .csv)")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_LIST_MB * 1024 * 1024:
            raise forms.ValidationError(f"Berkas terlalu besar (paling besar {MAX_LIST_MB} MB).")
        return upload


def _may_edit(user, intervention: Intervention) -> bool:
    return (
        intervention.status not in LOCKED and Intervention.objects.editable_by(user).filter(pk=intervention.pk).exists()
    )


def _get_intervention_for_user(user, pk: int, *, edit: bool = False) -> Intervention:
    """The intervention if the user may see it (404 otherwise); with ``edit``, 403 unless they may pick."""
    related = ("program", "agency", "village__subdistrict", "village__district")
    intervention = get_object_or_404(Intervention.objects.visible_to(user).select_related(*related), pk=pk)
    if edit and not _may_edit(user, intervention):
        raise PermissionDenied
    return intervention


def _context(user, intervention: Intervention, *, page=None, **extra) -> dict:
    """The page's context; the table shows one page of recipients (newest first), the totals all of them."""
    can_edit = _may_edit(user, intervention)
    recipients = intervention.recipients.select_related(
        "person__household__village", "household__village"
    ).prefetch_related("household__members")
    page_obj = Paginator(recipients.order_by("-added_at", "-pk"), RECIPIENTS_PER_PAGE).get_page(page)
    return {
        "intervention": intervention,
        "recipients": page_obj,
        "page_obj": page_obj,
        "totals": totals_of(intervention),
        "can_edit": can_edit,
        "unreached": services.unreached_desil1_households(intervention=intervention, user=user).count()
        if can_edit
        else 0,
        **extra,
    }


def _respond(request, intervention: Intervention, **extra):
    """The panel for htmx (with the desil-1 count swapped out of band), else the whole page."""
    # A removal keeps the page it was made on (its form sends the page); an addition shows the newest.
    context = _context(request.user, intervention, page=request.POST.get("page"), **extra)
    if request.htmx:
        return render(request, "programs/_recipients_panel.html", {**context, "oob": True})
    return render(request, "programs/recipients.html", context)


def _notes(result: services.RecipientResult, *, what: str = "penerima") -> list[tuple[str, str]]:
    notes = [("success", f"{result.added} {what} ditambahkan.")] if result.added else []
    if result.already:
        notes.append(("info", f"{result.already} sudah menjadi penerima intervensi ini."))
    notes.extend(("danger", refusal) for refusal in result.refused)
    return notes or [("info", f"Tidak ada {what} yang ditambahkan.")]


def _form_notes(form) -> list[tuple[str, str]]:
    return [("danger", error) for errors in form.errors.values() for error in errors]


@require_GET
def recipients(request, pk):
    """The page; for htmx (the table's page links) only the panel of the requested page."""
    intervention = _get_intervention_for_user(request.user, pk)
    context = _context(request.user, intervention, page=request.GET.get("page"))
    if request.htmx:
        return render(request, "programs/_recipients_panel.html", {**context, "oob": True})
    return render(request, "programs/recipients.html", context)


@sensitive_post_parameters("q")
@require_POST
def recipient_search(request, pk):
    intervention = _get_intervention_for_user(request.user, pk, edit=True)
    found = search_persons(intervention=intervention, user=request.user, text=request.POST.get("q", ""))
    chosen = intervention.recipients.values_list("person", "household")
    results = {
        "found": found,
        "searched": True,
        "chosen_persons": {person for person, _ in chosen if person},
        "chosen_households": {household for _, household in chosen if household},
    }
    if request.htmx:
        return render(request, "programs/_recipient_search_results.html", {"intervention": intervention, **results})
    return render(request, "programs/recipients.html", _context(request.user, intervention, **results))


@require_POST
def recipient_add(request, pk):
    intervention = _get_intervention_for_user(request.user, pk, edit=True)
    form = PickForm(request.POST, intervention=intervention)
    if not form.is_valid():
        return _respond(request, intervention, notes=_form_notes(form))
    data = form.cleaned_data
    # Looked up among those the user may pick here: an id from anywhere else, or of no one, gets the same
    # answer, which names no one (SECURITY-CHECKLIST AC-09).
    here = {"user": request.user, "intervention": intervention}
    if data["person"] is not None:
        who = {"persons": list(services.pickable_persons(**here).filter(pk=data["person"]))}
    else:
        who = {"households": list(services.pickable_households(**here).filter(pk=data["household"]))}
    if not any(who.values()):
        return _respond(request, intervention, notes=[("danger", services.NOT_HERE)])
    result = services.add_recipients(
        intervention=intervention, user=request.user, received_on=data["received_on"], **who
    )
    return _respond(request, intervention, notes=_notes(result))


@require_POST
def recipient_add_desil1(request, pk):
    intervention = _get_intervention_for_user(request.user, pk, edit=True)
    form = ReceivedOnForm(request.POST, intervention=intervention)
    if not form.is_valid():
        return _respond(request, intervention, notes=_form_notes(form))
    households = list(services.unreached_desil1_households(intervention=intervention, user=request.user))
    if not households:
        return _respond(request, intervention, notes=[("info", "Tidak ada keluarga desil 1 yang belum terjangkau.")])
    result = services.add_recipients(
        intervention=intervention,
        user=request.user,
        households=households,
        received_on=form.cleaned_data["received_on"],
    )
    return _respond(request, intervention, notes=_notes(result, what="keluarga desil 1"))


@require_POST
def recipient_upload(request, pk):
    intervention = _get_intervention_for_user(request.user, pk, edit=True)
    form = NikListForm(request.POST, request.FILES, intervention=intervention)
    if not form.is_valid():
        return _respond(request, intervention, notes=_form_notes(form))
    try:
        nik_list = read_uploaded_nik_list(form.cleaned_data["file"])
    except SpreadsheetError as error:
        return _respond(request, intervention, notes=[("danger", f"Berkas tidak dapat dibaca: {error}")])
    result = add_recipients_from_list(
        intervention=intervention,
        user=request.user,
        nik_list=nik_list,
        received_on=form.cleaned_data["received_on"],
    )
    return _respond(request, intervention, upload=result, rejected=result.rejected[:SHOWN_REJECTIONS])


@require_POST
def recipient_remove(request, pk, recipient_pk):
    intervention = _get_intervention_for_user(request.user, pk, edit=True)
    recipient = get_object_or_404(intervention.recipients.select_related("person", "household"), pk=recipient_pk)
    recipient.delete()
    return _respond(request, intervention, notes=[("success", f"{recipient} dihapus dari daftar penerima.")])
