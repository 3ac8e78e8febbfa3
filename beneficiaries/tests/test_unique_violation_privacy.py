"""A NIK that PostgreSQL refuses as a duplicate never reaches a log or a page (SECURITY-CHECKLIST PII-03).

PostgreSQL words a unique violation as "Key (nik)=(1801…) already exists": the app's paths that can hit
one on nik (adding or correcting a member; No KK is never written by hand) catch it before, by the form's
check, or after, when a concurrent save took the NIK meanwhile, and answer without the value. Compose's
PostgreSQL keeps it out of its own log (tests/test_deployment.py). Run on the real PostgreSQL.
"""

import re

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models.signals import pre_save
from django.test import Client
from django.urls import reverse

from beneficiaries import services
from beneficiaries.models import Person
from desakumaju.lib.logging import SIXTEEN_DIGITS
from tests.factories import HouseholdFactory, PersonFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own messages")
NIK_INPUT = re.compile(r'<input[^>]*name="nik"[^>]*>')


@pytest.fixture
def household(village_a):
    household = HouseholdFactory(village=village_a)
    PersonFactory(household=household, relationship="kepala", sex="L")
    return household


@pytest.fixture
def taken(village_b):
    """A NIK already registered, in another kabupaten."""
    return PersonFactory(household=HouseholdFactory(village=village_b))


def test_postgresql_itself_quotes_the_nik(household, taken):
    """Why it matters: the database's message carries the number."""
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        Person.objects.create(household=household, nik=taken.nik, name="Uji", sex="L", relationship="anak")
    assert taken.nik in str(refused.value)


def test_a_member_saved_with_a_taken_nik_is_refused_without_the_number(household, taken, officer_a, caplog):
    person = Person(household=household, nik=taken.nik, name="Bagas Margadipa", sex="L", relationship="anak")
    with pytest.raises(services.EditConflict) as refused:
        services.add_person(person=person, user=officer_a)
    assert not SIXTEEN_DIGITS.search(f"{refused.value!s} {refused.value!r}")
    assert refused.value.__cause__ is None and refused.value.__suppress_context__
    assert Person.objects.filter(nik=taken.nik).count() == 1
    assert not [r for r in caplog.records if SIXTEEN_DIGITS.search(r.getMessage() + (r.exc_text or ""))]


def test_a_nik_taken_between_the_check_and_the_save_is_answered_without_the_number(
    household, village_b, officer_a, caplog
):
    """The form's check passes; a concurrent save takes the NIK before ours reaches the database."""
    nik = PersonFactory.build(household=household).nik
    elsewhere = HouseholdFactory(village=village_b)

    def take_it_first(sender, instance, **kwargs):
        if instance.household_id == household.pk and instance.nik == nik:
            pre_save.disconnect(take_it_first, sender=Person)
            Person.objects.create(household=elsewhere, nik=nik, name="Uji", sex="L", relationship="anak")

    pre_save.connect(take_it_first, sender=Person)
    client = Client()
    client.force_login(officer_a)
    data = {"name": "Bagas Margadipa", "nik": nik, "sex": "L", "relationship": "anak", "birth_date": ""}
    try:
        response = client.post(reverse("beneficiaries:person_add", args=[household.pk]), data)
    finally:
        pre_save.disconnect(take_it_first, sender=Person)
    assert response.status_code == 200
    html = response.content.decode()
    assert "telah diubah orang lain" in html
    assert not SIXTEEN_DIGITS.search(NIK_INPUT.sub("", html)), "only the number typed, in its own field"
    assert not household.members.filter(nik=nik).exists()
    assert not [r for r in caplog.records if SIXTEEN_DIGITS.search(r.getMessage() + (r.exc_text or ""))]
