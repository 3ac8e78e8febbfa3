"""Shared by the records tests."""

import os

import pytest
from django.db import connection

# The change trail's triggers and the append-only refusal exist on PostgreSQL only. CI runs PostgreSQL
# (DATABASE_URL set): there these tests must run; a bare checkout on SQLite skips them.
needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql" and not os.environ.get("DATABASE_URL"),
    reason="needs PostgreSQL (set DATABASE_URL): triggers record the change trail",
)


def changes_of(obj, *labels):
    """The change events of ``obj``, oldest first (optionally only those labelled ``labels``)."""
    events = type(obj).pgh_event_model.objects.filter(pgh_obj_id=obj.pk).order_by("pgh_id")
    return list(events.filter(pgh_label__in=labels) if labels else events)
