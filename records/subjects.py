"""A data subject's request (UU PDP: the right to know who processed their data): everything the records
hold about the person or family of one NIK or No KK.

Records know no domain model, so the apps that hold personal data say which of their rows a number
designates: each registers a resolver (``register(resolve)`` in its ``AppConfig.ready``) that adds ids
to a ``Subject`` by model label, e.g. ``"beneficiaries.person"``. Then ``accesses(subject)`` finds every
access recorded for those rows, for the households they belong to, in exports and bulk look-ups that held
those households, and for the number itself (its keyed hash); ``change_sources(subject)`` every change of
those rows and of rows that point to them.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from .access import identity_hash
from .history import change_models
from .models import AccessRecord, AccessSubject
from .models.access import PERSONAL_DATA_ACTIONS

HOUSEHOLD, PERSON = "beneficiaries.household", "beneficiaries.person"
_resolvers = []


@dataclass
class Subject:
    number: str
    objects: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))

    def add(self, label: str, ids) -> None:
        self.objects[label].update(i for i in ids if i is not None)

    def ids(self, label: str) -> set[int]:
        return self.objects.get(label, set())

    @property
    def found(self) -> bool:
        return any(self.objects.values())


def register(resolve) -> None:
    """``resolve(subject)`` adds the rows ``subject.number`` designates (current, and past in the trail)."""
    if resolve not in _resolvers:
        _resolvers.append(resolve)


def find(number: str) -> Subject:
    subject = Subject(number)
    for resolve in _resolvers:
        resolve(subject)
    return subject


def accesses(subject: Subject):
    """Every recorded access to the subject's data, newest first."""
    households, persons = subject.ids(HOUSEHOLD), subject.ids(PERSON)
    condition = Q(subject_hash=identity_hash(subject.number))
    # An access to one member concerns that member; one to the household (its page, its No KK) all of them.
    condition |= Q(household_id__in=households, person_id__isnull=True) | Q(person_id__in=persons)
    condition |= Q(pk__in=AccessSubject.objects.filter(household_id__in=households).values("access"))
    for label, ids in subject.objects.items():
        condition |= Q(object_type=label, object_id__in=ids)
    found = AccessRecord.objects.filter(action__in=PERSONAL_DATA_ACTIONS).filter(condition)
    return found.select_related("user", "district").order_by("-created_at", "-pk")


def change_sources(subject: Subject) -> list:
    """(tracked model, condition) pairs for ``records.history.entries``: the subject's rows, and rows of other
    kinds that point to them (a recipient, a desil ranking, a correction proposal …)."""
    sources = []
    for event_model in change_models():
        tracked = event_model.pgh_tracked_model
        label = tracked._meta.label_lower
        if label in subject.objects:
            condition = Q(pgh_obj_id__in=subject.ids(label))
        else:  # a member's row is theirs alone: a household's other members stay out
            condition = Q(pk__in=[])
            for model_field in event_model._meta.concrete_fields:
                target = model_field.related_model._meta.label_lower if model_field.is_relation else None
                if target in subject.objects and not model_field.name.startswith("pgh_"):
                    condition |= Q(**{f"{model_field.attname}__in": subject.ids(target)})
        sources.append((tracked, condition))
    return sources
