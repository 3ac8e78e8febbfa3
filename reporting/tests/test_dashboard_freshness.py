"""Cached numbers never go stale: every edit and every finished import renews its district's stamp."""

from django.test import Client
from django.urls import reverse

from beneficiaries.models import Household, HouseholdStatus
from programs.models import Recipient
from programs.services import add_recipients
from reporting.dashboard_freshness import stamps
from reporting.tests.helpers import dashboard
from tests.bnba_files import family_rows, import_batch, validate_file, write_xlsx
from tests.factories import PersonFactory


def test_it_serves_the_second_request_from_the_cache(dataset, admin_user, django_assert_max_num_queries):
    client = Client()
    client.force_login(admin_user)
    client.get(reverse("dashboard:overview"), {"tahun": 2026})
    with django_assert_max_num_queries(13):  # 12, and the admin's second-factor device (django-otp)
        client.get(reverse("dashboard:overview"), {"tahun": 2026})


def test_an_intervention_edit_shows_at_once(dataset, admin_user):
    assert dashboard(admin_user).context["numbers"].work.realised == 9_000_000
    dataset.i1.realised_spending = 6_000_000
    dataset.i1.save()
    assert dashboard(admin_user).context["numbers"].work.realised == 11_000_000


def test_an_intervention_moved_to_another_district_leaves_the_old_one(dataset, admin_user, village_b):
    district_a = dataset.i1.village.district
    assert dashboard(admin_user, district=district_a.pk).context["numbers"].work.interventions == 1
    assert dashboard(admin_user, district=village_b.district_id).context["numbers"].work.interventions == 1
    dataset.i1.village = village_b
    dataset.i1.save()
    assert dashboard(admin_user, district=district_a.pk).context["numbers"].work.interventions == 0
    assert dashboard(admin_user, district=village_b.district_id).context["numbers"].work.interventions == 2


def test_recipients_added_and_removed_show_at_once(dataset, admin_user, agency_staff):
    assert dashboard(admin_user).context["numbers"].reached == 5
    newcomer = PersonFactory(household=dataset.h2)
    add_recipients(intervention=dataset.i1, user=agency_staff, persons=[newcomer])
    assert dashboard(admin_user).context["numbers"].reached == 6
    Recipient.objects.get(intervention=dataset.i1, person=newcomer).delete()
    assert dashboard(admin_user).context["numbers"].reached == 5


def test_a_graduation_shows_at_once(dataset, admin_user):
    assert dashboard(admin_user).context["numbers"].graduated_persons == 2
    dataset.h1.status = HouseholdStatus.GRADUATED
    dataset.h1.save()
    numbers = dashboard(admin_user).context["numbers"]
    assert (numbers.graduated_persons, numbers.households[1]) == (5, 1)


def test_a_finished_bnba_import_shows_at_once(tmp_path, dataset, admin_user, officer_a, village_a):
    before = dashboard(admin_user).context["numbers"].households[1]
    stamp = stamps([village_a.district_id])[village_a.district_id]
    path = write_xlsx(tmp_path / "bnba.xlsx", family_rows(village_a, families=3, start=500))
    import_batch(validate_file(officer_a, path), officer_a)
    assert Household.objects.filter(desil=1).count() == before + 3
    assert stamps([village_a.district_id])[village_a.district_id] != stamp
    assert dashboard(admin_user).context["numbers"].households[1] == before + 3


def test_an_edit_rolled_back_keeps_the_old_stamp(dataset, village_a):
    from django.db import transaction

    stamp = stamps([village_a.district_id])[village_a.district_id]
    try:
        with transaction.atomic():
            dataset.i1.save()
            raise RuntimeError
    except RuntimeError:
        pass
    assert stamps([village_a.district_id])[village_a.district_id] == stamp
