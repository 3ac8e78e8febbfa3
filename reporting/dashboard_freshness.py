"""Keeping the dashboard's cached numbers fresh: a stamp per district that every change renews.

A change renews the stamp inside the writer's own transaction, so the new stamp and the new data
become visible together: a page either reads the old stamp (and numbers cached under it) or the
new stamp (and computes from the new data). Nothing cached under an old stamp is read again.
Once the change is committed, a worker computes the new numbers ahead of the first page view
(``dashboard_warming``).
"""

import uuid

from django.db import transaction

from villages.models import District, Village

from .dashboard_models import DashboardStamp
from .dashboard_warming import queue_warming


def stamps(district_ids) -> dict[int, str]:
    """The current stamp of each district (``"0"`` for one that never changed): one query."""
    found = dict(DashboardStamp.objects.filter(district__in=district_ids).values_list("district", "token"))
    return {pk: found.get(pk, "0") for pk in district_ids}


def renew(district_ids) -> None:
    """Give these districts new stamps: call in the transaction that changes their data."""
    district_ids = sorted({pk for pk in district_ids if pk is not None})
    if not district_ids:
        return
    rows = [DashboardStamp(district_id=pk, token=uuid.uuid4().hex) for pk in district_ids]
    with transaction.atomic():
        DashboardStamp.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["district"], update_fields=["token"]
        )
    # robust: the change is committed; a broker or cache down must not turn it into an error page
    transaction.on_commit(queue_warming, robust=True)


def renew_all() -> None:
    renew(District.objects.values_list("pk", flat=True))


def renew_for_villages(village_ids) -> None:
    renew(Village.objects.filter(pk__in=[pk for pk in village_ids if pk]).values_list("district", flat=True))
