"""Recording bulk look-ups of persons (SECURITY-CHECKLIST AC-09): the one place that writes them."""

import logging

from django.db import transaction

from .access import record_access_for
from .models import AccessAction, BulkLookup

logger = logging.getLogger(__name__)


@transaction.atomic
def record_bulk_lookup(*, user, kind: str, count: int, households=None) -> BulkLookup:
    """Record that ``user`` looked up ``count`` identity numbers at once (never the numbers), and in the access
    log the households the look-up found (a queryset), so that a data subject's request finds it."""
    logger.info("Pencarian massal %s: %s NIK oleh pengguna #%s", kind, count, user.pk)
    lookup = BulkLookup.objects.create(user=user, role=user.role, kind=kind, count=count)
    record_access_for(user, action=AccessAction.BULK_LOOKUP, obj=lookup, count=count, households=households)
    return lookup
