"""The change trail (SECURITY-CHECKLIST PII-02): which models are tracked, and the context of each change.

A tracked model gets an event model in this app (``@tracked("HouseholdChange")`` on ``Household``): on
PostgreSQL, django-pghistory's statement-level triggers write one event row per inserted, updated (when a
tracked column changed) or deleted row, whoever wrote it: a form, an import's bulk upsert, ``update()`` or raw
SQL. Each event carries the context of its change (``pgh_context``):

* ``user``: the id of the user who made it (``None`` for the public and for system work);
* ``address``: where the request came from (``records.client.client_address``);
* ``path``: through which path (``Path``: a portal form, an import, the API, Django admin, a correction …);
* ``url``, and path-specific ids: ``import_batch``, ``correction`` (a correction proposal).

Requests get their context from ``records.middleware.ChangeContextMiddleware``; imports, correction approvals
and tasks add theirs with ``context(...)``. On SQLite (the embedded default) there are no triggers:
``records.fallback`` records saves and deletes made through the ORM instead.
"""

import threading
from contextlib import contextmanager

import pghistory
import pgtrigger
from django.db import connection, models

_local = threading.local()


class Path(models.TextChoices):
    FORM = "formulir", "Formulir portal"
    IMPORT = "impor", "Unggahan BNBA"
    API = "api", "API integrasi"
    ADMIN = "admin", "Admin Django"
    CORRECTION = "koreksi", "Persetujuan usulan koreksi"
    PUBLIC = "publik", "Formulir publik"
    SYSTEM = "sistem", "Proses sistem"


def tracked(model_name: str, *, exclude: tuple[str, ...] = ()):
    """Class decorator: keep the change trail of this model in ``records.<model_name>``."""

    def decorate(model):
        track_model(model, model_name=model_name, exclude=exclude)
        return model

    return decorate


def track_model(model, *, model_name: str, exclude: tuple[str, ...] = ()):
    """Create the event model of ``model`` (also for models one cannot decorate, such as m2m tables)."""
    import records.models  # noqa: F401 - the event model is placed in this module

    from .models.changes import ChangeEvent

    names = {field.name for field in model._meta.local_fields}
    # ``updated_at`` changes with every save: it would make a save that changes nothing an event.
    skipped = [*exclude, *({"updated_at"} & names)]
    verbose = model._meta.verbose_name
    return pghistory.create_event_model(
        model, pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(),
        exclude=skipped, app_label="records", model_name=model_name, base_model=ChangeEvent,
        context_field=pghistory.ContextJSONField(), append_only=False, abstract=False, level=pgtrigger.Statement,
        meta={"verbose_name": f"perubahan {verbose}", "verbose_name_plural": f"perubahan {verbose}"},
    )  # fmt: skip


def current() -> dict:
    """The context changes made now would be recorded with."""
    return dict(getattr(_local, "metadata", None) or {})


@contextmanager
def context(**metadata):
    """Record changes made inside with ``metadata`` (merged into any enclosing context, restored after)."""
    previous = getattr(_local, "metadata", None)
    _local.metadata = {**(previous or {}), **metadata}
    try:
        if connection.vendor != "postgresql":
            yield
        elif previous is None:
            with pghistory.context(**_local.metadata):
                yield
        else:
            pghistory.context(**metadata)  # adds to the enclosing pghistory context
            try:
                yield
            finally:
                pghistory.context(**{key: previous.get(key) for key in metadata})
    finally:
        _local.metadata = previous
