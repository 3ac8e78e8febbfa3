"""The change trail of a household and of one member ("Riwayat perubahan"), for whoever may see them."""

from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from records import history
from records.access import AccessAction, record_access

from ..models import DesilRecord, Graduation, Household, Person
from .households import _get_household_for_user


@require_GET
def household_history(request, pk):
    household = _get_household_for_user(request.user, pk)
    members = Q(household_id=pk) | Q(pgh_obj_id__in=household.members.values("pk"))
    sources = [
        (Household, Q(pgh_obj_id=pk)), (Person, members), (DesilRecord, Q(household_id=pk)),
        (Graduation, Q(household_id=pk)),
    ]  # fmt: skip
    record_access(request, action=AccessAction.VIEW_HOUSEHOLD, obj=household, household_id=pk,
                  count=household.members.count())  # fmt: skip
    return _page(request, sources, subject=f"Keluarga {household.masked_no_kk}", back_url=household.get_absolute_url())


@require_GET
def person_history(request, pk, person_pk):
    household = _get_household_for_user(request.user, pk)
    person = get_object_or_404(household.members, pk=person_pk)
    record_access(request, action=AccessAction.VIEW_PERSON, obj=person, household_id=pk, person_id=person.pk, count=1)
    return _page(
        request, [(Person, Q(pgh_obj_id=person.pk))], subject=str(person), back_url=household.get_absolute_url()
    )


def _page(request, sources, *, subject: str, back_url: str):
    context = {"entries": history.entries(sources), "subject": subject, "back_url": back_url, "limit": history.LIMIT}
    return render(request, "records/history.html", context)
