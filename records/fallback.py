"""The change trail on SQLite (the embedded default), where there are no triggers.

Saves and deletes made through the ORM write the same event rows the PostgreSQL triggers write, with the
same context. What bypasses model signals (``update()``, ``bulk_create``, raw SQL, the import's upserts) is
not recorded here: production runs PostgreSQL, where the triggers see everything (docs/architecture.md).
"""

from django.db import connections
from django.db.models.signals import post_delete, post_save

from . import audit


def connect() -> None:
    from .history import change_models

    for event_model in change_models():
        tracked, label = event_model.pgh_tracked_model, event_model.pgh_tracked_model._meta.label
        post_save.connect(_saved, sender=tracked, weak=False, dispatch_uid=f"records-fallback-save-{label}")
        post_delete.connect(_deleted, sender=tracked, weak=False, dispatch_uid=f"records-fallback-delete-{label}")


def _saved(sender, instance, created, raw=False, using="default", **kwargs):
    if raw or connections[using].vendor == "postgresql":
        return
    _write(instance, "insert" if created else "update", using)


def _deleted(sender, instance, using="default", **kwargs):
    if connections[using].vendor != "postgresql":
        _write(instance, "delete", using)


def _write(instance, label: str, using: str) -> None:
    event_model = type(instance).pgh_event_model
    values = {field.attname: getattr(instance, field.attname) for field in _copied_fields(event_model)}
    if label == "update":
        last = event_model.objects.using(using).filter(pgh_obj_id=instance.pk).order_by("-pgh_id").values().first()
        if last and all(last[name] == value for name, value in values.items()):
            return  # nothing tracked changed (the triggers' condition)
    event_model.objects.using(using).create(
        pgh_label=label, pgh_obj_id=instance.pk, pgh_context=audit.current() or None, **values
    )


def _copied_fields(event_model):
    tracked = {field.attname for field in event_model.pgh_tracked_model._meta.concrete_fields}
    return [field for field in event_model._meta.concrete_fields if field.attname in tracked]
