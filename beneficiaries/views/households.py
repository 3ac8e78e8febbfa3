"""The BNBA registry pages: browse households, read one, and correct it by hand."""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_tables2 import RequestConfig

from desakumaju.lib.exports import FORMATS, list_query
from desakumaju.lib.list_exports import export_list, export_params
from records.access import AccessAction, record_access
from records.models import ExportList
from records.reveal import ReasonForm, may_see_full_numbers, reveal_response
from villages.models import Village

from .. import services
from ..access import REGISTRY_ROLES, registry_households
from ..family_numbers import give_no_kk
from ..filters import HouseholdFilter, recall_search, remember_search, shown_search
from ..forms import DesilForm, HouseholdForm, NoKkForm, PersonForm
from ..models import DesilSource, Household, Person, Relationship
from ..tables import HouseholdTable, with_head_and_size

logger = logging.getLogger(__name__)

STALE = "Data ini telah diubah orang lain sejak Anda membukanya. Periksa data terbaru lalu simpan lagi."


def _get_household_for_user(user, pk: int, *, edit: bool = False) -> Household:
    """The household if the user may see it (404 otherwise); with ``edit``, 403 if they may not edit it."""
    related = ("village__subdistrict", "village__district")
    household = registry_households(user).select_related(*related).filter(pk=pk).first()
    if household is None:
        logger.warning("Keluarga #%s di luar wilayah pengguna #%s (atau tidak ada)", pk, user.pk)
        raise Http404
    if edit and not Household.objects.editable_by(user).filter(pk=pk).exists():
        raise PermissionDenied
    return household


@sensitive_post_parameters("q")
@require_http_methods(["GET", "POST"])
def household_list(request):
    if request.user.role not in REGISTRY_ROLES:
        raise PermissionDenied
    if request.method == "POST":
        return redirect(_list_url_for_search(request))
    household_filter, found = _filtered(request)
    table = HouseholdTable(with_head_and_size(found).order_by("village__code", "no_kk"))
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    query = list_query(request)
    context = {"filter": household_filter, "table": table, "query": query, **_full_exports(request, query)}
    return render(request, "beneficiaries/household_list.html", context)


def _full_exports(request, query: str) -> dict:
    """The full-number export buttons (asked with a reason) for those who may see full numbers."""
    if not may_see_full_numbers(request.user):
        return {}
    lists = [("Keluarga", "beneficiaries:household_export"), ("Anggota", "beneficiaries:person_export")]
    prefix = f"{query}&" if query else ""
    buttons = [(f"{label} .{fmt}", f"{reverse(name)}?{prefix}format={fmt}") for label, name in lists for fmt in FORMATS]
    return {"full_exports": buttons, "reason_form": ReasonForm()}


def _filtered(request):
    """The list's filter and the households it finds, within the user's scope."""
    data = request.GET.copy()
    data["q"] = recall_search(request.session, request.GET.get("cari", ""))
    household_filter = HouseholdFilter(data, queryset=registry_households(request.user), user=request.user)
    # An invalid filter (e.g. a kabupaten outside the scope) finds nothing rather than everything.
    found = household_filter.qs if household_filter.is_valid() else Household.objects.none()
    return household_filter, found


def _export_params(request):
    """The list's filter for its export: the search text recalled from the session in place of its token."""
    params = export_params(request)
    params.pop("q", None)  # as on the page: the search comes from the session only, never from the URL
    if token := params.pop("cari", None):
        params["q"] = recall_search(request.session, token[-1])
    return params


@require_http_methods(["GET", "POST"])
def household_export(request):
    """The filtered household list as xlsx or csv (``?format=``), with the same filter as the page."""
    if request.user.role not in REGISTRY_ROLES:
        raise PermissionDenied
    return export_list(request, ExportList.HOUSEHOLDS, params=_export_params(request))


@require_http_methods(["GET", "POST"])
def person_export(request):
    """Every member of the filtered households as xlsx or csv (``?format=``)."""
    if request.user.role not in REGISTRY_ROLES:
        raise PermissionDenied
    return export_list(request, ExportList.PERSONS, params=_export_params(request))


def _list_url_for_search(request) -> str:
    """The list URL for a POSTed filter form: the filters as they are, the search text as a token."""
    params = {key: value for key, value in request.POST.items() if value and key in HouseholdFilter.base_filters}
    text, token = params.pop("q", "").strip(), request.POST.get("cari", "")
    if text and text != shown_search(recall_search(request.session, token)):
        token = remember_search(request.session, text)
    if text:
        params["cari"] = token
    if sort := request.GET.get("sort"):
        params["sort"] = sort
    return f"{reverse('beneficiaries:household_list')}?{urlencode(params)}"


@require_GET
def village_options(request):
    """The <option>s of the desa field for the chosen kecamatan (htmx cascade), within the scope."""
    villages = Village.objects.none()
    if (subdistrict := request.GET.get("subdistrict", "")).isdigit():
        villages = Village.objects.visible_to(request.user).filter(subdistrict=subdistrict)
    context = {"villages": villages, "required": "wajib" in request.GET}
    return render(request, "beneficiaries/_village_options.html", context)


@require_GET
def household_detail(request, pk):
    household = _get_household_for_user(request.user, pk)
    head_first = Case(When(relationship=Relationship.HEAD, then=Value(0)), default=1, output_field=IntegerField())
    members = list(household.members.order_by(head_first, "birth_date", "name", "pk"))
    can_edit = Household.objects.editable_by(request.user).filter(pk=pk).exists()
    record_access(request, action=AccessAction.VIEW_HOUSEHOLD, obj=household, household_id=pk, count=len(members))
    context = {
        "household": household,
        "members": members,
        "desil_history": household.desil_history.select_related("recorded_by"),
        "can_edit": can_edit,
        # Numbers are masked for everyone; those who may correct them may reveal one, with a reason.
        "can_reveal": can_edit and may_see_full_numbers(request.user),
        "reveal_url": reverse("beneficiaries:household_reveal", args=[pk]),
    }
    return render(request, "beneficiaries/household_detail.html", context)


@require_POST
def household_reveal(request, pk):
    """The full No KK (``sasaran=kk``) or a member's NIK (``sasaran=anggota-<id>``), with a reason, recorded."""
    household = _get_household_for_user(request.user, pk, edit=True)
    if not may_see_full_numbers(request.user):
        raise PermissionDenied
    target = request.POST.get("sasaran", "")
    if target == "kk":
        number, masked, person = household.no_kk, household.masked_no_kk, None
    elif target.startswith("anggota-") and target[8:].isdigit():
        person = get_object_or_404(household.members, pk=target[8:])
        number, masked = person.nik, person.masked_nik
    else:
        raise Http404
    return reveal_response(
        request, number=number, masked=masked, element_id=f"nomor-{target}", obj=person or household,
        household_id=pk, person_id=person.pk if person else None,
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def household_edit(request, pk):
    household = _get_household_for_user(request.user, pk, edit=True)
    form = HouseholdForm(request.POST or None, instance=household, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_household(household=household, version=form.cleaned_data["versi"], user=request.user)
        except services.EditConflict:
            messages.error(request, STALE)
            return redirect("beneficiaries:household_edit", pk=pk)
        messages.success(request, "Data keluarga disimpan.")
        return redirect(household)
    return render(request, "beneficiaries/household_form.html", {"household": household, "form": form})


@sensitive_post_parameters("no_kk")
@require_http_methods(["GET", "POST"])
def household_no_kk(request, pk):
    """Give a family known by its P3KE id alone its No KK (folding it into that No KK's family if asked)."""
    household = _get_household_for_user(request.user, pk, edit=True)
    if household.no_kk:
        return redirect(household)
    form = NoKkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            kept = give_no_kk(household=household, user=request.user, **form.cleaned_data)
        except ValidationError as refusal:
            form.add_error("no_kk", refusal)
        else:
            messages.success(request, "No KK disimpan." if kept == household else "Keluarga digabung.")
            return redirect(kept)
    return render(request, "beneficiaries/household_no_kk.html", {"household": household, "form": form})


@sensitive_post_parameters("nik")
@require_http_methods(["GET", "POST"])
def person_add(request, pk):
    household = _get_household_for_user(request.user, pk, edit=True)
    return _person_form(request, household, Person(household=household))


@sensitive_post_parameters("nik")
@require_http_methods(["GET", "POST"])
def person_edit(request, pk, person_pk):
    household = _get_household_for_user(request.user, pk, edit=True)
    return _person_form(request, household, get_object_or_404(household.members, pk=person_pk))


def _person_form(request, household, person):
    if person.pk and request.method == "GET":
        record_access(request, action=AccessAction.VIEW_PERSON, obj=person, household_id=household.pk,
                      person_id=person.pk, count=1)  # fmt: skip
    form = PersonForm(request.POST or None, instance=person, household=household)
    if request.method == "POST" and form.is_valid():
        try:
            _save_person(request.user, person, form.cleaned_data["versi"])
        except services.EditConflict:
            form.add_error(None, STALE)
        else:
            messages.success(request, f"Data {person.name} disimpan.")
            for warning in form.warnings:  # never the NIK itself (beneficiaries.validators)
                messages.warning(request, f"Periksa kembali: {warning}")
            return redirect(household)
    context = {"household": household, "person": person, "form": form}
    return render(request, "beneficiaries/person_form.html", context)


def _save_person(user, person: Person, version: str) -> None:
    if person.pk is None:
        services.add_person(person=person, user=user)
    else:
        services.update_person(person=person, version=version, user=user)


@require_http_methods(["GET", "POST"])
def desil_add(request, pk):
    household = _get_household_for_user(request.user, pk, edit=True)
    form = DesilForm(request.POST or None, household=household)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.record_desil(
                household=household, source=DesilSource.LOCAL, user=request.user, **form.cleaned_data
            )
        except services.EditConflict:
            form.add_error("as_of", DesilForm.ALREADY_RECORDED)
        else:
            messages.success(request, f"Desil {record.desil} per {record.as_of:%d/%m/%Y} dicatat.")
            return redirect(household)
    return render(request, "beneficiaries/household_desil_form.html", {"household": household, "form": form})
