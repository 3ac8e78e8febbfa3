"""Edits of the BNBA registry by hand: households, their members and locally verified desil.

Each edit writes only the columns its form may change (``update_fields``), so a stale form never
writes back a desil or No KK that an import changed meanwhile, and compares the ``updated_at`` the
form was opened with (optimistic locking, SECURITY-CHECKLIST IMP-07).
"""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction

from villages.models import Village

from .models import DesilRecord, Household, Person

HOUSEHOLD_EDIT_FIELDS = ["village", "address", "dusun", "rt", "rw", "status", "status_date", "status_reason"]
PERSON_EDIT_FIELDS = [
    *("name", "nik", "sex", "birth_place", "birth_date", "relationship"),
    *("marital_status", "education", "occupation", "has_disability", "disability_kind"),
]


class EditConflict(Exception):
    """The record changed since the form was opened, or a concurrent save took its NIK or head role."""


def _lock(editable: models.QuerySet, pk: int) -> datetime:
    """Lock the row until the transaction ends and return its ``updated_at``; refuse if not editable."""
    updated_at = editable.select_for_update().filter(pk=pk).values_list("updated_at", flat=True).first()
    if updated_at is None:
        raise PermissionDenied
    return updated_at


def _lock_for_edit(editable: models.QuerySet, pk: int, version: str) -> None:
    """Lock the row; refuse when it changed since the form showed ``version``."""
    if _lock(editable, pk).isoformat() != version:
        raise EditConflict


@transaction.atomic
def update_household(*, household: Household, version: str, user) -> None:
    """Save a hand edit; moving to another village needs the right to edit both (AC-04)."""
    _lock_for_edit(Household.objects.editable_by(user), household.pk, version)
    if not Village.objects.editable_by(user).filter(pk=household.village_id).exists():
        raise PermissionDenied
    household.save(update_fields=[*HOUSEHOLD_EDIT_FIELDS, "updated_at"])


@transaction.atomic
def update_person(*, person: Person, version: str, user) -> None:
    _lock_for_edit(Person.objects.editable_by(user), person.pk, version)
    _save_person(person, update_fields=[*PERSON_EDIT_FIELDS, "updated_at"])


@transaction.atomic
def add_person(*, person: Person, user) -> None:
    _lock(Household.objects.editable_by(user), person.household_id)
    _save_person(person)


def _save_person(person: Person, **kwargs) -> None:
    # The forms check NIK uniqueness and the single head; this catches a concurrent save between
    # that check and ours. The database message would quote the NIK, so it is never passed on.
    try:
        with transaction.atomic():
            person.save(**kwargs)
    except IntegrityError:
        raise EditConflict from None


@transaction.atomic
def record_desil(*, household: Household, desil: int, source: str, as_of: date, user) -> DesilRecord:
    """Append a desil ranking and make the household's current desil the latest ranking by date."""
    _lock(Household.objects.editable_by(user), household.pk)
    try:
        with transaction.atomic():
            record = DesilRecord.objects.create(
                household=household, desil=desil, source=source, as_of=as_of, recorded_by=user
            )
    except IntegrityError:  # the same source and date, recorded meanwhile
        raise EditConflict from None
    latest = DesilRecord.objects.filter(household=household).order_by("-as_of", "-pk").first()
    household.desil, household.desil_source, household.desil_as_of = latest.desil, latest.source, latest.as_of
    household.save(update_fields=["desil", "desil_source", "desil_as_of", "updated_at"])
    return record
