"""Assignment pages: Bappeda assigns, an agency works its queue, Bappeda compares assigned and delivered."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from villages.models import Commodity, District, Village

from .. import assignments as services
from ..models import Agency, Assignment, Program, Stage
from ..services import WorkflowError


class AssignmentForm(forms.Form):
    program = forms.ModelChoiceField(Program.objects.all(), label="Program")
    agency = forms.ModelChoiceField(Agency.objects.active(), label="Perangkat daerah")
    target_recipients = forms.IntegerField(
        label="Target penerima per desa", min_value=1, initial=20,
        error_messages={"min_value": "Target penerima minimal 1."},
    )  # fmt: skip
    due_year = forms.IntegerField(label="Tahun tenggat", min_value=2020, max_value=2100)
    due_semester = forms.TypedChoiceField(
        label="Semester tenggat", coerce=int, choices=[(1, "Semester 1"), (2, "Semester 2")]
    )
    commodity = forms.ModelChoiceField(Commodity.objects.all(), label="Komoditas", required=False)
    description = forms.CharField(label="Uraian penugasan", widget=forms.Textarea(attrs={"rows": 3}))
    district = forms.ModelChoiceField(District.objects.all(), label="Kabupaten/Kota")
    villages = forms.ModelMultipleChoiceField(
        Village.objects.none(), label="Desa/Kelurahan", error_messages={"required": "Pilih minimal satu desa."}
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_year"].initial = timezone.localdate().year
        self.fields["district"].queryset = District.objects.visible_to(user)
        district = self.data.get("district", "")
        if district.isdigit():
            self.fields["villages"].queryset = Village.objects.visible_to(user).filter(district=district)

    def clean(self):
        cleaned = super().clean()
        program, year = cleaned.get("program"), cleaned.get("due_year")
        if program and year and year != program.fiscal_year:
            self.add_error("due_year", f"Tahun tenggat harus tahun anggaran program ({program.fiscal_year}).")
        return cleaned


class AssignmentEditForm(forms.Form):
    """What Bappeda may change while an assignment is open: the target, the due semester and a note."""

    target_recipients = forms.IntegerField(
        label="Target penerima", min_value=1, error_messages={"min_value": "Target penerima minimal 1."}
    )
    due_semester = forms.TypedChoiceField(
        label="Semester tenggat", coerce=int, choices=[(1, "Semester 1"), (2, "Semester 2")]
    )
    notes = forms.CharField(label="Catatan", required=False, widget=forms.Textarea(attrs={"rows": 3}))


def _get_assignment_for_user(user, pk: int) -> Assignment:
    return get_object_or_404(Assignment.objects.visible_to(user), pk=pk)


def _village_panel(user, data, *, locus: bool = False) -> dict:
    """The villages of the chosen kabupaten with their locus flag, the selection and its size."""
    year = int(data["due_year"]) if data.get("due_year", "").isdigit() else timezone.localdate().year
    district = District.objects.visible_to(user).filter(pk=data.get("district") or None).first()
    villages = Village.objects.visible_to(user).filter(district=district).with_year(year) if district else []
    if locus:
        selected = {village.pk for village in villages if village.is_locus}
    else:
        selected = {int(pk) for pk in data.getlist("villages") if pk.isdigit()}
    selected &= {village.pk for village in villages}
    return {"district": district, "villages": villages, "selected": selected, "year": year}


@require_http_methods(["GET", "POST"])
def assignment_create(request):
    if not request.user.is_bappeda_admin:
        raise PermissionDenied
    form = AssignmentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "district"}
        result = services.assign(**data, user=request.user)
        messages.success(request, f"{len(result.created)} penugasan dibuat.")
        if result.skipped:
            names = ", ".join(str(village) for village in result.skipped)
            messages.warning(request, f"Dilewati karena sudah ditugaskan untuk semester itu: {names}.")
        return redirect("programs:assignment_list")
    context = {"form": form, **_village_panel(request.user, request.POST or request.GET)}
    return render(request, "programs/assignment_form.html", context)


@require_GET
def assignment_villages(request):
    """The village checklist of the assignment form (htmx): a kabupaten's villages, or all its locus ones."""
    if not request.user.is_bappeda_admin:
        raise PermissionDenied
    panel = _village_panel(request.user, request.GET, locus=request.GET.get("lokus") == "1")
    return render(request, "programs/assignment_villages.html", panel)


def _filtered_queue(request, assignments):
    agency, village, year = (request.GET.get(name, "") for name in ("agency", "village", "tahun"))
    if agency.isdigit():
        assignments = assignments.filter(agency=agency)
    if village.isdigit():
        assignments = assignments.filter(village=village)
    return assignments.filter(due_year=year) if year.isdigit() else assignments


@require_GET
def assignment_list(request):
    today = timezone.localdate()
    queue = _filtered_queue(request, Assignment.objects.visible_to(request.user).with_stage(today))
    counts = dict(queue.order_by().values_list("queue_stage").annotate(n=Count("pk")))
    stage = request.GET.get("tahap", "")
    shown = queue.filter(queue_stage=stage) if stage in Stage.values else queue
    shown = shown.select_related("program", "agency", "village__district", "commodity", "intervention")
    context = {
        "page": Paginator(shown, 50).get_page(request.GET.get("page")),
        "tabs": [(value, label, counts.get(value, 0)) for value, label in Stage.choices],
        "stage": stage,
        "total": sum(counts.values()),
        "agencies": Agency.objects.filter(assignments__in=Assignment.objects.visible_to(request.user)).distinct(),
        "can_act": request.user.is_agency_staff,
        "can_manage": request.user.is_bappeda_admin,
    }
    return render(request, "programs/assignment_list.html", context)


def _back(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("programs:assignment_list")


@require_POST
def assignment_accept(request, pk):
    assignment = _get_assignment_for_user(request.user, pk)
    try:
        services.accept(assignment=assignment, user=request.user)
    except WorkflowError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"Penugasan diterima: {assignment}.")
    return _back(request)


@require_POST
def assignment_start(request, pk):
    assignment = _get_assignment_for_user(request.user, pk)
    try:
        intervention = services.start_intervention(assignment=assignment, user=request.user)
    except WorkflowError as error:
        messages.error(request, error.messages[0])
        return _back(request)
    messages.success(request, f"Intervensi dibuat dari penugasan: {intervention}. Lengkapi anggaran dan penerimanya.")
    try:
        return redirect(reverse("programs:intervention_detail", kwargs={"pk": intervention.pk}))
    except NoReverseMatch:  # the intervention pages are not there yet
        return _back(request)


@require_POST
def assignment_done(request, pk):
    """ "Tandai selesai": record an assignment done once its intervention is completed or verified."""
    assignment = _get_assignment_for_user(request.user, pk)
    try:
        services.mark_done(assignment=assignment, user=request.user)
    except WorkflowError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"Penugasan ditandai selesai: {assignment}.")
    return _back(request)


def _get_open_assignment_for_admin(request, pk: int) -> Assignment | None:
    """The assignment for a Bappeda admin (403 for anyone else); None, with a message, once it is closed."""
    if not request.user.is_bappeda_admin:
        raise PermissionDenied
    related = ("program", "agency", "village__district", "intervention", "cancelled_by", "updated_by")
    assignment = get_object_or_404(Assignment.objects.visible_to(request.user).select_related(*related), pk=pk)
    if assignment.is_cancelled or assignment.is_done:
        messages.error(request, f"Penugasan ini sudah {assignment.stage_label.lower()}: tidak dapat diubah lagi.")
        return None
    return assignment


@require_http_methods(["GET", "POST"])
def assignment_edit(request, pk):
    assignment = _get_open_assignment_for_admin(request, pk)
    if assignment is None:
        return redirect("programs:assignment_list")
    initial = {name: getattr(assignment, name) for name in ("target_recipients", "due_semester", "notes")}
    form = AssignmentEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update(assignment=assignment, user=request.user, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, f"Penugasan diubah: {assignment}.")
            return redirect("programs:assignment_list")
    return render(request, "programs/assignment_edit.html", {"assignment": assignment, "form": form})


@require_POST
def assignment_cancel(request, pk):
    assignment = _get_open_assignment_for_admin(request, pk)
    if assignment is None:
        return redirect("programs:assignment_list")
    try:
        services.cancel(assignment=assignment, user=request.user, reason=request.POST.get("reason", ""))
    except WorkflowError as error:
        messages.error(request, error.messages[0])
        return redirect("programs:assignment_edit", pk=pk)
    messages.success(request, f"Penugasan dibatalkan: {assignment}.")
    return redirect("programs:assignment_list")


@require_GET
def assignment_summary(request):
    # Cancelled assignments are no longer asked of anyone: they count neither as assigned nor as delivered.
    assignments = Assignment.objects.visible_to(request.user).active()
    year = request.GET.get("tahun", "")
    if year.isdigit():
        assignments = assignments.filter(due_year=year)
    by_agency = services.summarise(assignments=assignments, by="agency")
    by_village = services.summarise(assignments=assignments, by="village")
    context = {
        "sections": [("Per perangkat daerah", by_agency, "agency"), ("Per desa/kelurahan", by_village, "village")],
        "total": services.totals(by_agency),
        "year": year if year.isdigit() else "",
        "years": assignments.order_by("-due_year").values_list("due_year", flat=True).distinct(),
    }
    return render(request, "programs/assignment_summary.html", context)
