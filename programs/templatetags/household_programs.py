"""Program bits of the registry pages, each scoped to the user who reads the page.

``{% household_programs household %}``: the interventions the household (or one of its members)
received, and its graduations with their evidence. ``{% recent_graduations %}``: the latest
graduations of the user's region, for the graduation counter page.
"""

from django import template
from django.db.models import Q

from beneficiaries.models import Household

from ..models import Intervention, Recipient
from ..views.graduations import visible_graduations

register = template.Library()


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None)


@register.inclusion_tag("programs/_household_programs.html", takes_context=True)
def household_programs(context, household):
    user = _user(context)
    if user is None:
        return {"receipts": [], "graduations": []}
    receipts = (
        Recipient.objects.filter(Q(household=household) | Q(person__household=household))
        .filter(intervention__in=Intervention.objects.visible_to(user).values("pk"))
        .select_related("person", "intervention__program", "intervention__agency", "intervention__village")
        .order_by("-intervention__planned_date", "-pk")
    )
    may_open = Household.objects.editable_by(user).filter(pk=household.pk).exists()
    return {
        "household": household,
        "receipts": receipts,
        "graduations": visible_graduations(user).filter(household=household).select_related("recorded_by"),
        "may_open_evidence": may_open,
    }


@register.inclusion_tag("programs/_recent_graduations.html", takes_context=True)
def recent_graduations(context, limit: int = 10):
    user = _user(context)
    graduations = (
        visible_graduations(user)
        .select_related("household__village__district")
        .order_by("-graduated_on", "-pk")[:limit]
        if user
        else []
    )
    graduations = list(graduations)
    openable = (
        set(
            Household.objects.editable_by(user)
            .filter(pk__in=[graduation.household_id for graduation in graduations])
            .values_list("pk", flat=True)
        )
        if user
        else set()
    )
    return {"graduations": graduations, "openable": openable}
