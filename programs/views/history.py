"""The change trail of an intervention, its recipients and its evidence, for whoever may see it."""

from django.db.models import Q
from django.shortcuts import render
from django.views.decorators.http import require_GET

from records import history

from ..models import Evidence, Intervention, Recipient
from .interventions import _get_intervention_for_user


@require_GET
def intervention_history(request, pk):
    intervention = _get_intervention_for_user(request.user, pk)
    sources = [(Intervention, Q(pgh_obj_id=pk)), (Recipient, Q(intervention_id=pk)), (Evidence, Q(intervention_id=pk))]
    context = {
        "entries": history.entries(sources), "subject": f"Intervensi {intervention}",
        "back_url": intervention.get_absolute_url(), "limit": history.LIMIT,
    }  # fmt: skip
    return render(request, "records/history.html", context)
