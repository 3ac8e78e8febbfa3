"""Which changes renew which districts' dashboard stamps (connected in ``ReportingConfig.ready``).

Every ORM save or delete of a counted row renews the stamp of its district, and of the district it
was in before when it may move. Bulk SQL that bypasses the ORM announces itself with a signal: a
finished BNBA import sends ``beneficiaries.signals.registry_imported``.
"""

from django.db.models.signals import post_delete, post_save, pre_save

from beneficiaries.models import Graduation, Household, Person
from beneficiaries.signals import registry_imported
from programs.models import Intervention, Program, Recipient
from villages.models import Village, VillageYear

from .dashboard_freshness import renew, renew_all

# How each counted model reaches its district.
DISTRICT_PATHS = {
    Household: "village__district",
    Person: "household__village__district",
    Graduation: "household__village__district",
    Intervention: "village__district",
    Recipient: "intervention__village__district",
    VillageYear: "village__district",
    Village: "district",
}
# Rows an edit may move to another district: their district before the edit is renewed too.
MOVABLE = (Household, Person, Intervention, Village)


def districts_of(instance) -> list[int]:
    """The district of ``instance`` as it is in memory, read through its parent row."""
    first, _, rest = DISTRICT_PATHS[type(instance)].partition("__")
    parent_id = getattr(instance, f"{first}_id")
    if not rest or parent_id is None:
        return [parent_id]
    parent = instance._meta.get_field(first).related_model
    return list(parent.objects.filter(pk=parent_id).values_list(rest, flat=True))


def remember_district_before(sender, instance, raw=False, **kwargs):
    if instance.pk and not raw:
        path = DISTRICT_PATHS[sender]
        instance._dashboard_districts_before = list(sender.objects.filter(pk=instance.pk).values_list(path, flat=True))


def renew_after_save(sender, instance, raw=False, **kwargs):
    if not raw:
        renew([*districts_of(instance), *getattr(instance, "_dashboard_districts_before", [])])


def renew_after_delete(sender, instance, **kwargs):
    renew(districts_of(instance))


def renew_after_program_change(sender, instance, created=False, raw=False, **kwargs):
    # A program's year or cluster classifies all its interventions, wherever they are.
    if not (created or raw):
        renew_all()


def renew_after_import(sender, **kwargs):
    renew_all()


def connect() -> None:
    for model in DISTRICT_PATHS:
        uid = f"dashboard-{model._meta.label_lower}"
        if model in MOVABLE:
            pre_save.connect(remember_district_before, sender=model, dispatch_uid=uid)
        post_save.connect(renew_after_save, sender=model, dispatch_uid=uid)
        post_delete.connect(renew_after_delete, sender=model, dispatch_uid=uid)
    post_save.connect(renew_after_program_change, sender=Program, dispatch_uid="dashboard-program")
    registry_imported.connect(renew_after_import, dispatch_uid="dashboard-import")
