"""Recording access to personal data (``AccessRecord``); see ``records.models.access``.

``record_access(request, …)`` in views, ``record_access_for(user, …)`` where there is no request (a worker
building an export). NIK and No KK never enter the log: a keyed hash of the number does (``identity_hash``).
"""

import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection

from .client import client_address
from .models import AccessAction, AccessRecord, AccessSubject

__all__ = ["AccessAction", "identity_hash", "record_access", "record_access_for", "record_subjects"]


def identity_hash(number: str) -> str:
    """HMAC-SHA256 of a NIK or No KK (digits only) under ``IDENTITY_HASH_KEY``."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return hmac.new(settings.IDENTITY_HASH_KEY.encode(), digits.encode(), hashlib.sha256).hexdigest()


def record_access(request, *, action: str, **details) -> AccessRecord:
    """Record that the request's user did ``action`` (see ``record_access_for`` for ``details``)."""
    return record_access_for(request.user, action=action, address=client_address(request), path=request.path, **details)


def record_access_for(
    user, *, action: str, obj=None, household_id: int | None = None, person_id: int | None = None,
    number: str = "", count: int = 0, purpose: str = "", reason: str = "", households=None,
    address: str | None = None, path: str = "",
) -> AccessRecord:  # fmt: skip
    """Record an access by ``user``: ``obj`` the record opened (any model instance), ``household_id`` and
    ``person_id`` whom it concerns, ``number`` a NIK or No KK it showed or searched (hashed), ``count`` how
    many people, ``households`` a queryset of every household it concerned (an export, a bulk look-up)."""
    record = AccessRecord.objects.create(
        user=user, role=user.role, district_id=user.district_id, action=action,
        object_type=obj._meta.label_lower if obj is not None else "", object_id=obj.pk if obj is not None else None,
        household_id=household_id, person_id=person_id, subject_hash=identity_hash(number) if number else "",
        subject_count=count, purpose=purpose, reason=reason[:300], address=address, path=path[:200],
    )  # fmt: skip
    if households is not None:
        record_subjects(record, households)
    return record


def record_subjects(record: AccessRecord, households) -> int:
    """List every household of ``households`` (a queryset) as a subject of ``record``, in one INSERT … SELECT."""
    model = households.model
    ids = model._base_manager.filter(pk__in=households.order_by().values("pk")).values("pk")
    try:
        sql, params = ids.query.sql_with_params()
    except EmptyResultSet:  # a queryset known to be empty (``none()``)
        return 0
    table = AccessSubject._meta.db_table
    with connection.cursor() as cursor:  # the subquery selects one column, the household's id
        cursor.execute(
            f"INSERT INTO {table} (access_id, household_id) SELECT %s, subjects.* FROM ({sql}) AS subjects",  # noqa: S608
            [record.pk, *params],
        )
        return cursor.rowcount
