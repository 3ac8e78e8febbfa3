"""Sasaran pages: locus villages against the floor, the priority list, convergence and graduation.

Per-person and per-household pages are for the registry roles (Bappeda, district officers, viewers);
agency staff reach people through their own interventions, so the section answers them 403.
"""

from pathlib import Path

import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_http_methods
from django_tables2 import LazyPaginator, RequestConfig

from accounts.models import Role
from beneficiaries.graduation import graduate_household
from beneficiaries.models import Household, HouseholdStatus
from beneficiaries.tables import with_head_and_size
from desakumaju.lib.exports import FORMATS, export_response
from desakumaju.lib.list_exports import export_list
from records.models import ExportList
from records.reveal import ReasonForm, may_see_full_numbers
from villages.models import District

from .. import exports, targeting
from ..region_form import RegionForm, selected_year

TARGETING_ROLES = frozenset({Role.BAPPEDA_ADMIN, Role.DISTRICT_OFFICER, Role.VIEWER})
TABLE_ATTRS = {"class": "table table-sm table-hover align-middle"}


def _require_targeting_role(user) -> None:
    if user.role not in TARGETING_ROLES:
        raise PermissionDenied


def _selected_year(request) -> int:
    return selected_year(request.GET)


class LocusVillageTable(tables.Table):
    code = tables.Column("Kode", linkify=("villages:detail", {"code": tables.A("code")}))
    name = tables.Column("Desa/Kelurahan")
    subdistrict = tables.Column("Kecamatan", order_by="subdistrict__name")
    district = tables.Column("Kabupaten/Kota", order_by="district__code")
    reached = tables.Column("Warga terintervensi", attrs={"td": {"class": "text-end"}})
    below_floor = tables.Column("Status", order_by="reached")
    priority = tables.Column("", empty_values=(), orderable=False)

    class Meta:
        attrs = {**TABLE_ATTRS, "id": "locus-table"}

    def __init__(self, *args, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year

    def render_below_floor(self, value, record):
        if value:
            return f"Kurang {targeting.LOCUS_FLOOR - record.reached} dari {targeting.LOCUS_FLOOR}"
        return "Memenuhi batas"

    def render_priority(self, record):
        url = f"{reverse('programs:priority_list')}?village={record.pk}&tahun={self.year}"
        return format_html('<a href="{}">Daftar prioritas</a>', url)


@require_GET
def locus_villages(request):
    _require_targeting_role(request.user)
    year = _selected_year(request)
    district = request.GET.get("district", "")
    villages = targeting.locus_village_status(
        user=request.user, year=year, district=int(district) if district.isdigit() else None
    )
    below_only = request.GET.get("di_bawah") == "1"
    below = [village for village in villages if village.below_floor]
    below_count = len(below)
    table = LocusVillageTable(below if below_only else villages, year=year)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    context = {
        "table": table, "year": year, "below_only": below_only, "below_count": below_count,
        "floor": targeting.LOCUS_FLOOR, "districts": District.objects.visible_to(request.user),
        "district": district,
    }  # fmt: skip
    return render(request, "programs/targeting_locus.html", context)


@require_GET
def locus_export(request):
    """The locus villages of the year as xlsx or csv (``?format=``), with the page's filter."""
    _require_targeting_role(request.user)
    year = _selected_year(request)
    district = request.GET.get("district", "")
    villages = []
    if not district.isdigit():
        villages = targeting.locus_village_status(user=request.user, year=year, district=None)
    elif chosen := District.objects.visible_to(request.user).filter(pk=int(district)).first():
        villages = targeting.locus_village_status(user=request.user, year=year, district=chosen)
    if request.GET.get("di_bawah") == "1":
        villages = (village for village in villages if village.below_floor)
    return export_response(
        request, name=ExportList.LOCUS_VILLAGES, filename=f"desa-lokus-{year}", headers=exports.LOCUS_HEADERS,
        rows=exports.locus_rows(villages, floor=targeting.LOCUS_FLOOR), sheet_name="Desa lokus",
    )  # fmt: skip


class PriorityTable(tables.Table):
    desil = tables.Column("Desil", accessor="household__desil")
    name = tables.Column("Nama")
    masked_nik = tables.Column("NIK")
    household = tables.Column(
        "No. KK", accessor="household__masked_no_kk",
        linkify=("beneficiaries:household_detail", {"pk": tables.A("household_id")}),
    )  # fmt: skip
    village = tables.Column("Desa/Kelurahan", accessor="household__village__name")
    subdistrict = tables.Column("Kecamatan", accessor="household__village__subdistrict__name")
    district = tables.Column("Kabupaten/Kota", accessor="household__village__district__name")

    class Meta:
        attrs = {**TABLE_ATTRS, "id": "priority-table"}
        orderable = False  # the order is the priority


def _priority(request):
    _require_targeting_role(request.user)
    return exports.priority_persons(user=request.user, params=request.GET)


@require_GET
def priority_list(request):
    year, form, persons = _priority(request)
    table = PriorityTable(persons if persons is not None else [])
    # Counting every waiting person of a district takes seconds at 3 million persons: pages without a total.
    RequestConfig(request, paginate={"per_page": 50, "paginator_class": LazyPaginator}).configure(table)
    query = request.GET.urlencode()
    context = {"table": table, "form": form, "year": year, "query": query}
    if may_see_full_numbers(request.user):
        url = reverse("programs:priority_export")
        buttons = [(f"Prioritas .{fmt}", f"{url}?{query}&format={fmt}".replace("?&", "?")) for fmt in FORMATS]
        context |= {"full_exports": buttons, "reason_form": ReasonForm()}
    return render(request, "programs/targeting_priority.html", context)


@require_http_methods(["GET", "POST"])
def priority_export(request):
    """The priority list as xlsx (default) or csv (``?format=csv``); the URL keeps its old .xlsx name.
    Masked; full numbers when asked for by POST with a reason (``full_numbers_reason``)."""
    _require_targeting_role(request.user)
    return export_list(request, ExportList.PRIORITY)


class ConvergenceTable(tables.Table):
    masked_no_kk = tables.Column(
        "No. KK", order_by="no_kk", linkify=("beneficiaries:household_detail", {"pk": tables.A("pk")})
    )
    head_name = tables.Column("Kepala keluarga", default="—")
    village = tables.Column("Desa/Kelurahan", accessor="village__name", order_by="village__code")
    district = tables.Column("Kabupaten/Kota", accessor="village__district__name", order_by="village__code")
    desil = tables.Column("Desil", default="—")
    clusters = tables.Column("Klaster diterima", empty_values=(), orderable=False)
    flags = tables.Column("Catatan", empty_values=(), orderable=False)

    class Meta:
        attrs = {**TABLE_ATTRS, "id": "convergence-table"}

    def render_clusters(self, record):
        received = [str(c) for c in (1, 2, 3) if getattr(record, f"cluster_{c}")]
        return ", ".join(received) or "—"

    def render_flags(self, record):
        return "; ".join(label for flag, label in targeting.FLAGS.items() if getattr(record, flag)) or "—"


REGION_LOOKUPS = {"district": "village__district", "subdistrict": "village__subdistrict", "village": "village"}


@require_GET
def convergence(request):
    _require_targeting_role(request.user)
    year, form = _selected_year(request), RegionForm(request.GET or None, user=request.user)
    households = targeting.convergence(user=request.user, year=year)
    region = form.region() if form.is_bound else {}
    if region is None:
        households = households.none()
    for key, value in (region or {}).items():
        households = households.filter(**{REGION_LOOKUPS[key]: value})
    counts = targeting.convergence_counts(households)
    flag = request.GET.get("tanda", "")
    shown = households.filter(**{flag: True}) if flag in targeting.FLAGS else households
    table = ConvergenceTable(with_head_and_size(shown).order_by("village__code", "no_kk"))
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    flags = [(key, label, counts[key]) for key, label in targeting.FLAGS.items()]
    context = {"table": table, "form": form, "year": year, "flags": flags, "flag": flag}
    return render(request, "programs/targeting_convergence.html", context)


@require_GET
def graduation(request):
    _require_targeting_role(request.user)
    context = {"counts": targeting.graduation_counts(user=request.user)}
    return render(request, "programs/targeting_graduation.html", context)


EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
EVIDENCE_MAGIC = {".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff", ".png": b"\x89PNG\r\n\x1a\n", ".pdf": b"%PDF-"}


class GraduationForm(forms.Form):
    graduated_on = forms.DateField(label="Tanggal graduasi", widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label="Alasan", max_length=255, help_text="Misalnya: usaha mandiri, penghasilan tetap.")
    evidence = forms.FileField(label="Bukti", help_text="JPG, PNG atau PDF, paling besar 5 MB.")

    def clean_graduated_on(self):
        value = self.cleaned_data["graduated_on"]
        if value > timezone.localdate():
            raise ValidationError("Tanggal graduasi tidak boleh melewati hari ini.")
        return value

    def clean_evidence(self):
        upload = self.cleaned_data["evidence"]
        extension = Path(upload.name).suffix.lower()
        if extension not in EVIDENCE_MAGIC:
            raise ValidationError("Unggah berkas JPG, PNG atau PDF.")
        if upload.size > EVIDENCE_MAX_BYTES:
            raise ValidationError("Berkas bukti paling besar 5 MB.")
        head = upload.read(8)
        upload.seek(0)
        if not head.startswith(EVIDENCE_MAGIC[extension]):
            raise ValidationError("Isi berkas tidak sesuai jenisnya (mungkin berkas lain yang diganti namanya).")
        self.extension = ".jpg" if extension == ".jpeg" else extension
        return upload


def _get_household_for_user(user, pk: int) -> Household:
    """The household if the user may see it in the registry (404 otherwise), 403 if they may not edit it."""
    visible = Household.objects.visible_to(user) if user.role in TARGETING_ROLES else Household.objects.none()
    household = visible.select_related("village__district").filter(pk=pk).first()
    if household is None:
        raise Http404
    if not Household.objects.editable_by(user).filter(pk=pk).exists():
        raise PermissionDenied
    return household


@require_http_methods(["GET", "POST"])
def household_graduate(request, pk):
    household = _get_household_for_user(request.user, pk)
    form = GraduationForm(request.POST or None, request.FILES or None)
    if household.status != HouseholdStatus.ACTIVE:
        messages.warning(request, f"Keluarga ini berstatus {household.get_status_display()}.")
        return redirect(household)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        graduate_household(
            household=household, user=request.user, graduated_on=data["graduated_on"], reason=data["reason"],
            evidence=data["evidence"], extension=form.extension,
        )  # fmt: skip
        messages.success(request, "Keluarga ditetapkan keluar dari kemiskinan (graduasi).")
        return redirect(household)
    return render(request, "programs/targeting_graduate_form.html", {"household": household, "form": form})
