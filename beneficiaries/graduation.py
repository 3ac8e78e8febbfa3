"""Graduation (keluar dari kemiskinan): marked by hand with evidence, or following a desil import.

The import step's SQL is built from model table names and choice values only; every value is a
query parameter (hence the S608 exemptions).

Either way the household's status becomes ``graduasi`` with a date and reason, and a ``Graduation``
row keeps the evidence or the desil it moved from and to.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction

from .imports.registry_sql import HOUSEHOLD, LATEST_DESIL
from .models import Graduation, GraduationSource, Household, HouseholdStatus

GRADUATION = Graduation._meta.db_table


@transaction.atomic
def graduate_household(
    *, household: Household, user, graduated_on: date, reason: str, evidence: UploadedFile, extension: str
) -> Graduation:
    """Mark an active household graduated; Bappeda admins and the household's district officers only."""
    locked = Household.objects.editable_by(user).select_for_update().filter(pk=household.pk).first()
    if locked is None:
        raise PermissionDenied("Hanya admin Bappeda dan petugas kabupaten/kota keluarga ini yang menetapkan graduasi.")
    if locked.status != HouseholdStatus.ACTIVE:
        raise ValidationError(f"Keluarga ini berstatus {locked.get_status_display()}, bukan Aktif.")
    graduation = Graduation(
        household=locked, graduated_on=graduated_on, source=GraduationSource.MANUAL, reason=reason,
        evidence_extension=extension, evidence_name=evidence.name[-255:], desil_before=locked.desil,
        desil_after=locked.desil, recorded_by=user,
    )  # fmt: skip
    graduation.evidence.save(evidence.name, evidence, save=False)
    graduation.save()
    locked.status, locked.status_date, locked.status_reason = HouseholdStatus.GRADUATED, graduated_on, reason[:255]
    locked.save(update_fields=["status", "status_date", "status_reason", "updated_at"])
    return graduation


def graduate_by_desil(params: dict) -> int:
    """Import step, run before the batch's rankings become current: active households whose current
    desil is at or below the threshold and whose new one is above it graduate on the ranking's date."""
    params = {**params, "threshold": settings.GRADUATION_DESIL_THRESHOLD}
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {GRADUATION} (household_id, graduated_on, source, reason, evidence, evidence_extension, "  # noqa: S608
            f"evidence_name, desil_before, desil_after, import_batch_id, recorded_by_id, recorded_at) "
            f"SELECT h.id, latest.as_of, '{GraduationSource.DESIL}', "
            f"'Desil naik dari ' || h.desil || ' menjadi ' || latest.desil || ' (impor BNBA)', '', '', '', "
            f"h.desil, latest.desil, %(batch)s, %(user)s, %(now)s "
            f"FROM {HOUSEHOLD} h JOIN ({LATEST_DESIL}) AS latest ON latest.household_id = h.id AND latest.recency = 1 "
            f"WHERE h.status = '{HouseholdStatus.ACTIVE}' AND h.desil <= %(threshold)s "
            f"AND latest.desil > %(threshold)s",
            params,
        )
        cursor.execute(
            f"UPDATE {HOUSEHOLD} SET status = '{HouseholdStatus.GRADUATED}', status_date = g.graduated_on, "  # noqa: S608
            f"status_reason = g.reason, updated_at = %(now)s FROM {GRADUATION} g "
            f"WHERE g.household_id = {HOUSEHOLD}.id AND g.import_batch_id = %(batch)s "
            f"AND g.source = '{GraduationSource.DESIL}' AND {HOUSEHOLD}.status = '{HouseholdStatus.ACTIVE}'",
            params,
        )
        return cursor.rowcount
