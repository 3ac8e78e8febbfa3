"""Reading the change trail: the event models, and the changes of some records as people read them.

``entries(sources)`` turns event rows into ``Entry`` objects: when, who (the user, the path, the address,
the import batch or correction), which record, and each changed field as label, before and after, with
every identity number masked. A row's "before" is the previous event of the same row; the first event of a
row that existed before the trail began has none ("nilai sebelumnya tidak tercatat").
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import formats, timezone

from . import audit
from .masking import mask_numbers
from .models.changes import ChangeEvent

LIMIT = 300
LABELS = {"insert": "dibuat", "update": "diubah", "delete": "dihapus"}


def change_models() -> list:
    """Every event model of the change trail (one per tracked model)."""
    return [
        model for model in apps.get_app_config("records").get_models()
        if issubclass(model, ChangeEvent) and not model._meta.abstract
    ]  # fmt: skip


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class Entry:
    at: datetime
    action: str
    kind: str
    record: str
    context: dict
    changes: list[Change] = field(default_factory=list)
    before_unknown: bool = False
    user: object = None

    @property
    def path(self) -> str:
        value = self.context.get("path")
        return audit.Path(value).label if value in audit.Path.values else "Tanpa keterangan (langsung di basis data)"


def entries(sources, *, limit: int = LIMIT) -> list[Entry]:
    """The newest ``limit`` changes found by ``sources``: (tracked model, Q on its event model) pairs."""
    found = []
    for tracked, condition in sources:
        found.extend(_entries_of(tracked.pgh_event_model, condition, limit))
    found.sort(key=lambda entry: entry.at, reverse=True)
    found = found[:limit]
    _attach_users(found)
    return found


def _entries_of(event_model, condition, limit: int) -> list[Entry]:
    matched = list(event_model.objects.filter(condition).order_by("-pgh_id").values_list("pgh_id", flat=True)[:limit])
    if not matched:
        return []
    objects = event_model.objects.filter(pgh_id__in=matched).values_list("pgh_obj_id", flat=True)
    events = list(event_model.objects.filter(pgh_obj_id__in=objects).order_by("pgh_id"))
    fields = _tracked_fields(event_model)
    names = _related_names(events, fields)
    previous, shown, wanted = {}, [], set(matched)
    for event in events:
        before = previous.get(event.pgh_obj_id)
        if event.pgh_id in wanted:
            shown.append(_entry(event, before, fields, names))
        previous[event.pgh_obj_id] = event
    return shown


def _tracked_fields(event_model) -> list[models.Field]:
    tracked = event_model.pgh_tracked_model
    names = {f.name for f in tracked._meta.concrete_fields if not f.primary_key}
    return [tracked._meta.get_field(f.name) for f in event_model._meta.concrete_fields if f.name in names]


def _entry(event, before, fields, names) -> Entry:
    tracked = event.pgh_tracked_model
    entry = Entry(
        at=event.pgh_created_at, action=LABELS.get(event.pgh_label, event.pgh_label),
        kind=str(tracked._meta.verbose_name), record=_record_name(event, names), context=event.pgh_context or {},
        before_unknown=event.pgh_label == "update" and before is None,
    )  # fmt: skip
    for model_field in fields:
        new = _shown(event, model_field, names)
        old = _shown(before, model_field, names) if before is not None else ""
        if event.pgh_label == "delete" or (before is not None and old == new) or (before is None and not new):
            continue
        entry.changes.append(Change(str(model_field.verbose_name), old, new))
    return entry


def _record_name(event, names) -> str:
    tracked = event.pgh_tracked_model
    for candidate in ("name", "title", "code", "username"):
        if any(f.name == candidate for f in tracked._meta.concrete_fields) and getattr(event, candidate, ""):
            return mask_numbers(str(getattr(event, candidate)))
    for number in ("nik", "no_kk"):
        if hasattr(event, number):
            return mask_numbers(getattr(event, number))
    return f"#{event.pgh_obj_id}"


def _related_names(events, fields) -> dict:
    """The names of every related row the events point to: {(model, pk): name}, one query per model."""
    wanted = defaultdict(set)
    for model_field in fields:
        if model_field.is_relation:
            for event in events:
                if (value := getattr(event, model_field.attname)) is not None:
                    wanted[model_field.related_model].add(value)
    names = {}
    for model, pks in wanted.items():
        for pk, row in model._base_manager.in_bulk(pks).items():
            names[(model, pk)] = mask_numbers(str(row))
    return names


def _shown(event, model_field, names) -> str:
    value = getattr(event, model_field.attname)
    if value is None or value == "":
        return ""
    if model_field.is_relation:
        return names.get((model_field.related_model, value), f"#{value}")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "d/m/Y H:i")
    if isinstance(value, date):
        return formats.date_format(value, "d/m/Y")
    return mask_numbers(str(value))


def _attach_users(found: list[Entry]) -> None:
    ids = {entry.context.get("user") for entry in found} - {None}
    users = get_user_model()._base_manager.in_bulk(ids)
    for entry in found:
        entry.user = users.get(entry.context.get("user"))
