"""What a NIK or No KK designates in the registry, for a data subject's request (records.subjects).

A NIK: that person, now or in the change trail (a corrected NIK still finds its person), and every household
they belong or belonged to. A No KK: that household and everyone who is or was its member.
"""

from .models import Household, Person


def resolve(subject) -> None:
    number = subject.number
    person_events, household_events = Person.pgh_event_model.objects, Household.pgh_event_model.objects
    persons = set(Person.objects.filter(nik=number).values_list("pk", flat=True))
    persons |= set(person_events.filter(nik=number).values_list("pgh_obj_id", flat=True))
    households = set(Household.objects.filter(no_kk=number).values_list("pk", flat=True))
    households |= set(household_events.filter(no_kk=number).values_list("pgh_obj_id", flat=True))
    members = set(Person.objects.filter(household__in=households).values_list("pk", flat=True))
    members |= set(person_events.filter(household_id__in=households).values_list("pgh_obj_id", flat=True))
    homes = set(Person.objects.filter(pk__in=persons).values_list("household_id", flat=True))
    homes |= set(person_events.filter(pgh_obj_id__in=persons).values_list("household_id", flat=True))
    subject.add("beneficiaries.person", persons | members)
    subject.add("beneficiaries.household", households | homes)
