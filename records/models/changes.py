"""The base of every change-trail event model (django-pghistory)."""

from django.db import models
from pghistory.models import Event


class ChangeEvent(Event):
    """One insert, update or delete of a tracked row: the row as it was after (before, for a delete), with the
    context of the change (``pgh_context``: user, address, path, import batch …, see ``records.audit``).

    A 64-bit id: an import of a million persons writes a million events.
    """

    pgh_id = models.BigAutoField(primary_key=True)

    class Meta:
        abstract = True
