"""Retention (SECURITY-CHECKLIST PII-05): nothing personal outlives the time it is kept for.

Each app that keeps files or rows with personal data registers its purgers (``register(purge)`` in its
``AppConfig.ready``); ``purge_expired()`` (beat, ``records.tasks.purge_expired_data``) runs them all. A purger
deletes what expired and calls ``record_purge`` for each thing it removed, so that the purge is on record
(``PurgeRecord``) and pages can say what was removed when (``removal_of``). Staged import rows go as soon
as their batch ends (the import sweeper, every few minutes); the periods are settings (``RETENTION_*``).
This module also purges the private temporary folder, where abandoned upload spools could stay.
"""

import logging
import time
from pathlib import Path

from django.conf import settings

from .models import PurgeKind, PurgeRecord

logger = logging.getLogger(__name__)
_purgers = []


def register(purge) -> None:
    if purge not in _purgers:
        _purgers.append(purge)


def purge_expired() -> int:
    """Run every registered purger; the number of purge records written."""
    written = 0
    for purge in [purge_temporary_files, *_purgers]:
        try:
            written += purge()
        except Exception:  # one failing purger must not keep the others from running
            logger.exception("Purger %s failed", getattr(purge, "__qualname__", purge))
    return written


def record_purge(*, kind: str, obj=None, count: int, size: int = 0, kept_for: str = "") -> PurgeRecord:
    return PurgeRecord.objects.create(
        kind=kind, object_type=obj._meta.label_lower if obj is not None else "", object_id=getattr(obj, "pk", None),
        count=count, size=size, kept_for=kept_for,
    )  # fmt: skip


def removal_of(obj, kind: str) -> PurgeRecord | None:
    """When ``obj``'s data of ``kind`` was removed, if it was."""
    found = PurgeRecord.objects.filter(object_type=obj._meta.label_lower, object_id=obj.pk, kind=kind)
    return found.order_by("-created_at").first()


def delete_stored_file(field_file) -> int:
    """Delete a FileField's file from its storage; its size (0 when it was already gone)."""
    if not field_file:
        return 0
    storage, name = field_file.storage, field_file.name
    size = storage.size(name) if storage.exists(name) else 0
    storage.delete(name)
    return size


def purge_temporary_files() -> int:
    """Files older than ``RETENTION_TEMP_HOURS`` in the private temporary folder (upload spools, export temp)."""
    folder = Path(settings.FILE_UPLOAD_TEMP_DIR or "")
    if not settings.FILE_UPLOAD_TEMP_DIR or not folder.is_dir():
        return 0
    cutoff = time.time() - settings.RETENTION_TEMP_HOURS * 3600
    count = size = 0
    for path in folder.rglob("*"):
        if path.is_file() and path.stat().st_mtime < cutoff:
            size += path.stat().st_size
            path.unlink(missing_ok=True)
            count += 1
    if count:
        record_purge(kind=PurgeKind.TEMPORARY, count=count, size=size, kept_for=f"{settings.RETENTION_TEMP_HOURS} jam")
    return int(bool(count))
