"""A family that entered the registry by its P3KE id alone gets its No KK by hand.

When no household has that No KK, the family simply takes it. When another household has it, the two
are the same family: the P3KE household is folded into the No KK one (its members move, recorded as
moves; it keeps its history with the status "digabung"), as an import does when a file pairs them.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .models import Household, HouseholdStatus, Person, PersonMove, Relationship
from .validators import check_no_kk

TAKEN_ELSEWHERE = "No KK ini sudah dipakai keluarga lain di registri; hubungi admin Bappeda untuk menggabungkannya."


@transaction.atomic
def give_no_kk(*, household: Household, no_kk: str, user, fold: bool = False) -> Household:
    """The household that now carries ``no_kk``: this one, or the one it was folded into (``fold``)."""
    locked = Household.objects.editable_by(user).select_for_update().filter(pk=household.pk).first()
    if locked is None:
        raise PermissionDenied
    if locked.no_kk:
        raise ValidationError("Keluarga ini sudah punya No KK.")
    if error := check_no_kk(no_kk):
        raise ValidationError(error)
    existing = Household.objects.select_for_update().filter(no_kk=no_kk).first()
    if existing is None:
        locked.no_kk = no_kk
        locked.save(update_fields=["no_kk", "updated_at"])
        return locked
    _check_fold(locked, existing, user, fold=fold)
    return _fold(locked, existing, user)


def _check_fold(source: Household, target: Household, user, *, fold: bool) -> None:
    if not Household.objects.editable_by(user).filter(pk=target.pk).exists():
        raise ValidationError(TAKEN_ELSEWHERE)
    if target.p3ke_family_id:
        raise ValidationError("No KK ini milik keluarga lain yang sudah punya ID Keluarga P3KE sendiri.")
    heads = Person.objects.filter(household__in=[source, target], relationship=Relationship.HEAD).count()
    if heads > 1:
        raise ValidationError(
            "Keluarga ini dan keluarga dengan No KK tersebut masing-masing punya kepala keluarga. Ubah dulu "
            "hubungan salah satunya, lalu gabungkan."
        )
    if not fold:
        raise ValidationError(
            "No KK ini sudah dipakai keluarga lain di wilayah Anda. Bila keduanya keluarga yang sama, centang "
            "'Gabungkan' untuk memindahkan anggota keluarga ini ke sana."
        )


def _fold(source: Household, target: Household, user) -> Household:
    family_id, now = source.p3ke_family_id, timezone.now()
    source.p3ke_family_id, source.status, source.status_date = None, HouseholdStatus.MERGED, now.date()
    source.status_reason = "Digabung ke keluarga yang sama dengan No KK (penyuntingan)"
    source.save(update_fields=["p3ke_family_id", "status", "status_date", "status_reason", "updated_at"])
    target.p3ke_family_id = family_id
    target.save(update_fields=["p3ke_family_id", "updated_at"])
    members = list(source.members.all())
    PersonMove.objects.bulk_create(
        PersonMove(person=person, from_household=source, to_household=target, moved_by=user) for person in members
    )
    Person.objects.filter(pk__in=[person.pk for person in members]).update(household=target, updated_at=now)
    return target
