"""Programs: the list every portal role reads, and the form Bappeda admins and agency staff fill in."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods
from django_tables2 import RequestConfig

from ..filters import ProgramFilter, with_default_year
from ..forms import ProgramForm
from ..models import Program
from ..tables import ProgramTable


def _may_write_programs(user) -> bool:
    return user.is_bappeda_admin or (user.is_agency_staff and bool(user.agency_id))


def _get_program_for_user(user, pk: int) -> Program:
    """The program if the user may see it (404 otherwise) and edit it (403 otherwise)."""
    program = get_object_or_404(Program.objects.visible_to(user), pk=pk)
    if not Program.objects.editable_by(user).filter(pk=pk).exists():
        raise PermissionDenied
    return program


@require_GET
def program_list(request):
    programs = Program.objects.visible_to(request.user).select_related("kind", "lead_agency")
    program_filter = ProgramFilter(with_default_year(request.GET), queryset=programs, user=request.user)
    found = program_filter.qs if program_filter.is_valid() else Program.objects.none()
    can_edit = _may_write_programs(request.user)
    table = ProgramTable(found, exclude=() if can_edit else ("edit",))
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    context = {"filter": program_filter, "table": table, "can_edit": can_edit}
    return render(request, "programs/program_list.html", context)


@require_http_methods(["GET", "POST"])
def program_create(request):
    if not _may_write_programs(request.user):
        raise PermissionDenied
    return _program_form(request, Program())


@require_http_methods(["GET", "POST"])
def program_edit(request, pk):
    return _program_form(request, _get_program_for_user(request.user, pk))


def _program_form(request, program):
    form = ProgramForm(request.POST or None, instance=program, user=request.user)
    if request.method == "POST" and form.is_valid():
        program = form.save(commit=False)
        if not request.user.is_bappeda_admin:
            program.lead_agency = request.user.agency
        program.save()
        messages.success(request, f"Program {program.name} disimpan.")
        return redirect(f"{reverse('programs:program_list')}?tahun={program.fiscal_year}")
    return render(request, "programs/program_form.html", {"form": form, "program": program})
