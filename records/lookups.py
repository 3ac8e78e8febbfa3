"""Recording bulk look-ups of persons (SECURITY-CHECKLIST AC-09): the one place that writes them."""

import logging

from .models import BulkLookup

logger = logging.getLogger(__name__)


def record_bulk_lookup(*, user, kind: str, count: int) -> BulkLookup:
    """Record that ``user`` looked up ``count`` identity numbers at once (never the numbers)."""
    logger.info("Pencarian massal %s: %s NIK oleh pengguna #%s", kind, count, user.pk)
    return BulkLookup.objects.create(user=user, role=user.role, kind=kind, count=count)
