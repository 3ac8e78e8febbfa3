"""Semester close: Bappeda admins approve (lock) a district's semester after review, or unlock it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from programs.locking import approve_period, unlock_period
from programs.models import PeriodApproval
from villages.models import District

from ..reports_forms import ApproveForm, UnlockForm


def _require_admin(user) -> None:
    if not user.is_bappeda_admin:
        raise PermissionDenied


def _year(request) -> int:
    value = request.GET.get("tahun", "")
    return int(value) if value.isdigit() and 2020 <= int(value) <= 2100 else timezone.localdate().year


@require_GET
def approval_list(request):
    _require_admin(request.user)
    year = _year(request)
    approvals = PeriodApproval.objects.filter(year=year).select_related("district", "approved_by", "unlocked_by")
    standing = {(a.district_id, a.semester): a for a in approvals if a.is_standing}
    rows = [(d, [(s, standing.get((d.pk, s))) for s in (1, 2)]) for d in District.objects.order_by("code")]
    context = {
        "year": year,
        "rows": rows,
        "history": approvals.order_by("-approved_at"),
        "form": ApproveForm(initial={"year": year}),
        "unlock_form": UnlockForm(),
    }
    return render(request, "reporting/approval_list.html", context)


@require_POST
def period_approve(request):
    _require_admin(request.user)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pilih kabupaten/kota, tahun dan semester yang disetujui.")
        return redirect("reports:approval_list")
    data = form.cleaned_data
    approval, created = approve_period(
        district=data["district"], year=data["year"], semester=data["semester"], user=request.user, note=data["note"]
    )
    if created:
        messages.success(request, f"{approval.period_label} {approval.district} disetujui dan dikunci.")
    else:
        messages.info(request, f"{approval.period_label} {approval.district} sudah disetujui sebelumnya.")
    return redirect(f"{reverse('reports:approval_list')}?tahun={approval.year}")


@require_POST
def period_unlock(request, pk):
    _require_admin(request.user)
    approval = get_object_or_404(PeriodApproval.objects.standing().select_related("district"), pk=pk)
    form = UnlockForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Tuliskan alasan membuka kembali periode.")
        unlock_period(approval=approval, user=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{approval.period_label} {approval.district} dibuka kembali.")
    return redirect(f"{reverse('reports:approval_list')}?tahun={approval.year}")
