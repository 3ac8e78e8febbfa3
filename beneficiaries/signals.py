"""Signals of the registry for the apps above it (reporting): bulk SQL sends no model signals."""

from django.dispatch import Signal

# Sent inside the import's transaction once a BNBA batch has been merged into the registry,
# with ``batch_id`` and ``district_id``.
registry_imported = Signal()
