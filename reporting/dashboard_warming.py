"""Warming the dashboard after a change, in a worker, so that people open it warm.

A change renews its districts' stamps (``dashboard_freshness``); once it is committed, one warming
task is queued (a few seconds later, so that a burst of edits or an import's many rows cost one) and
computes the numbers every role opens by default or reports by: the province with this year's
filters and with each semester's, and each agency's own view for agency staff. Numbers under any
other filter choice (a program, a cluster) are computed on first view and cached until the next change.

Without a broker (the embedded setup runs tasks in the web process) nothing is warmed: the first
page view computes, as it would anyway.
"""

import logging

from django.conf import settings
from django.utils import timezone

from accounts.models import Role, User
from desakumaju.lib import soft_cache as cache
from villages.models import District

from .dashboard_filters import Filters

logger = logging.getLogger(__name__)
PENDING = "dasbor:warming-queued"


def default_filters() -> list[Filters]:
    """The filter choices pages open with or report by: this year's and each of its semesters, and
    this year's of each agency with staff (agency staff always see their agency's)."""
    year = timezone.localdate().year
    agencies = (
        User.objects.filter(is_active=True, role=Role.AGENCY_STAFF, agency__active=True)
        .order_by("agency")
        .values_list("agency", flat=True)
        .distinct()
    )
    semesters = (Filters(year=year, semester=semester) for semester in (1, 2))
    return [Filters(year=year), *semesters, *(Filters(year=year, agency=pk) for pk in agencies)]


def warm() -> int:
    """Compute and cache what ``default_filters`` show for every district; the number of filter choices."""
    from .dashboard_cache import district_totals  # which reads the stamps of dashboard_freshness, which imports this

    cache.delete(PENDING)  # a change committed from now on queues another warming
    district_ids = list(District.objects.values_list("pk", flat=True))
    choices = default_filters()
    for filters in choices:
        district_totals(district_ids, filters)  # computes (and caches) only what is missing
    return len(choices)


def queue_warming() -> None:
    """Queue one warming task unless one is already waiting; run by ``transaction.on_commit``."""
    from .tasks import warm_dashboard_task

    if warm_dashboard_task.app.conf.task_always_eager:
        return
    # False too with the cache down: then there is nothing to warm, and no broker call to wait for.
    if not cache.add(PENDING, True, timeout=settings.DASHBOARD_WARMING_DELAY + 600):
        return
    try:
        warm_dashboard_task.apply_async(countdown=settings.DASHBOARD_WARMING_DELAY)
    except Exception:
        cache.delete(PENDING)
        logger.exception("Could not queue the dashboard warming; pages compute on first view")
