import pytest
from django.db import IntegrityError

from programs.models import Recipient
from programs.services import add_recipients, unreached_desil1_households
from tests.factories import HouseholdFactory, InterventionFactory, PersonFactory, VillageFactory


@pytest.fixture
def intervention(village_a, agency):
    return InterventionFactory(village=village_a, program__lead_agency=agency)


def test_it_adds_persons_and_households_of_the_village_once(intervention, agency_staff, village_a):
    household = HouseholdFactory(village=village_a)
    person = PersonFactory(household=household)
    first = add_recipients(intervention=intervention, user=agency_staff, persons=[person], households=[household])
    again = add_recipients(intervention=intervention, user=agency_staff, persons=[person])
    assert (first.added, first.already, again.added, again.already) == (2, 0, 0, 1)
    assert intervention.recipients.count() == 2


def test_it_refuses_people_of_another_village(intervention, agency_staff, village_a):
    elsewhere = PersonFactory(household=HouseholdFactory(village=VillageFactory(subdistrict=village_a.subdistrict)))
    result = add_recipients(intervention=intervention, user=agency_staff, persons=[elsewhere])
    assert result.added == 0 and len(result.refused) == 1
    assert result.refused == ["Tidak ditemukan di desa intervensi ini."]
    assert elsewhere.name not in result.refused[0]
    assert not intervention.recipients.exists()


def test_the_database_refuses_the_same_person_twice(intervention, agency_staff, village_a):
    person = PersonFactory(household=HouseholdFactory(village=village_a))
    Recipient.objects.create(intervention=intervention, person=person, added_by=agency_staff)
    with pytest.raises(IntegrityError):
        Recipient.objects.create(intervention=intervention, person=person, added_by=agency_staff)


def test_unreached_desil1_households_leave_out_those_already_reached_this_year(intervention, agency_staff, village_a):
    reached, waiting = HouseholdFactory(village=village_a, desil=1), HouseholdFactory(village=village_a, desil=1)
    HouseholdFactory(village=village_a, desil=2)
    member = PersonFactory(household=reached)
    other = InterventionFactory(village=village_a, program=intervention.program)
    add_recipients(intervention=other, user=agency_staff, persons=[member])
    assert list(unreached_desil1_households(intervention=intervention, user=agency_staff)) == [waiting]
