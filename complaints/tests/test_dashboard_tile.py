"""The dashboard's complaints tile: open and overdue tickets of the region shown, in the user's scope, live.

World (due dates set explicitly, ``now`` frozen):

- District A, kecamatan Natar, village_a (Hajimena): 1 overdue, 1 open in time, 1 resolved and
  1 rejected long past their due date (closed: never counted);
- District A, Natar, a sibling village: 1 overdue;
- District A, another kecamatan: 1 open in time, 1 overdue routed to ``agency``;
- District B, village_b: 2 overdue, 1 open in time.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints import services
from complaints.dashboard import ticket_counts
from complaints.models import Status, Ticket
from reporting.dashboard_regions import DISTRICT, PROVINCE, SUBDISTRICT, VILLAGE, Region
from tests.factories import SubdistrictFactory, VillageFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def _ticket(village, *, due_in: timedelta, status=Status.RECEIVED, agency=None) -> Ticket:
    """A filed ticket whose deadline is ``NOW + due_in`` (negative: past), in ``status``."""
    ticket = services.file_ticket(category="not_received", village=village, description="Bantuan tidak sampai.")
    closed_at = NOW if status in (Status.RESOLVED, Status.REJECTED) else None
    Ticket.objects.filter(pk=ticket.pk).update(due_at=NOW + due_in, status=status, closed_at=closed_at, agency=agency)
    ticket.refresh_from_db()
    return ticket


LATE, IN_TIME = timedelta(minutes=-1), timedelta(minutes=1)


@dataclass
class World:
    sibling: object
    other_kecamatan: object
    overdue: dict  # village pk → codes of its overdue tickets


@pytest.fixture
def world(village_a, village_b, agency) -> World:
    sibling = VillageFactory(subdistrict=village_a.subdistrict, code="18.01.04.2002", name="Branti Raya")
    other = VillageFactory(
        subdistrict=SubdistrictFactory(district=village_a.district, code="18.01.05", name="Tanjung Bintang"),
        code="18.01.05.2001", name="Jatibaru",
    )  # fmt: skip
    overdue = {
        village_a.pk: {_ticket(village_a, due_in=LATE).code},
        sibling.pk: {_ticket(sibling, due_in=LATE).code},
        other.pk: {_ticket(other, due_in=LATE, agency=agency).code},
        village_b.pk: {_ticket(village_b, due_in=LATE).code, _ticket(village_b, due_in=-timedelta(days=30)).code},
    }
    _ticket(village_a, due_in=IN_TIME, status=Status.IN_REVIEW)
    _ticket(village_a, due_in=-timedelta(days=30), status=Status.RESOLVED)
    _ticket(village_a, due_in=-timedelta(days=30), status=Status.REJECTED)
    _ticket(other, due_in=IN_TIME)
    _ticket(village_b, due_in=timedelta(days=3))
    return World(sibling, other, overdue)


def _regions(village_a):
    return {
        PROVINCE: Region(PROVINCE),
        DISTRICT: Region(DISTRICT, village_a.district),
        SUBDISTRICT: Region(SUBDISTRICT, village_a.district, village_a.subdistrict),
        VILLAGE: Region(VILLAGE, village_a.district, village_a.subdistrict, village_a),
    }


def _counts(user, region) -> tuple[int, int]:
    counts = ticket_counts(user, region)
    return counts.open, counts.overdue


@pytest.mark.parametrize(
    "level, expected",
    [(PROVINCE, (8, 5)), (DISTRICT, (5, 3)), (SUBDISTRICT, (3, 2)), (VILLAGE, (2, 1))],
)
def test_counts_follow_the_region_level(world, admin_user, village_a, level, expected):
    assert _counts(admin_user, _regions(village_a)[level]) == expected


def test_one_query_counts_both_numbers(world, admin_user, village_a, django_assert_num_queries):
    for region in _regions(village_a).values():
        with django_assert_num_queries(1):
            ticket_counts(admin_user, region)


def test_closed_tickets_are_not_counted_and_the_deadline_is_exact(admin_user, village_a, time_machine):
    region = Region(VILLAGE, village_a.district, village_a.subdistrict, village_a)
    _ticket(village_a, due_in=timedelta(seconds=1))
    _ticket(village_a, due_in=-timedelta(days=9), status=Status.RESOLVED)
    _ticket(village_a, due_in=-timedelta(days=9), status=Status.REJECTED)
    assert _counts(admin_user, region) == (1, 0)
    time_machine.shift(timedelta(seconds=2))
    assert _counts(admin_user, region) == (1, 1)
    assert ticket_counts(admin_user, region).overdue == Ticket.objects.overdue().count()


def test_a_district_officer_never_counts_another_district(world, officer_a, officer_b, village_a, village_b):
    for level in (DISTRICT, SUBDISTRICT, VILLAGE):
        assert _counts(officer_b, _regions(village_a)[level]) == (0, 0)
    # Even asked for the whole province, an officer counts their own district only.
    assert _counts(officer_a, Region(PROVINCE)) == (5, 3)
    assert _counts(officer_b, Region(PROVINCE)) == (3, 2)
    assert _counts(officer_a, Region(DISTRICT, village_b.district)) == (0, 0)


def test_agency_staff_count_the_tickets_routed_to_their_agency(world, agency_staff, village_a):
    regions = _regions(village_a)
    assert _counts(agency_staff, regions[PROVINCE]) == (1, 1)
    assert _counts(agency_staff, regions[DISTRICT]) == (1, 1)
    assert _counts(agency_staff, regions[SUBDISTRICT]) == (0, 0)
    assert ticket_counts(agency_staff, regions[PROVINCE]).overdue_url  # they work the queue


def test_viewers_read_the_counts_without_a_link_to_the_queue(client, world, viewer, viewer_a, village_a):
    assert _counts(viewer, Region(PROVINCE)) == (8, 5)
    assert _counts(viewer_a, Region(PROVINCE)) == (5, 3)
    counts = ticket_counts(viewer, Region(PROVINCE))
    assert counts.open_url is None and counts.overdue_url is None
    client.force_login(viewer)
    response = client.get(reverse("dashboard:overview"))
    assert response.context["complaints"].overdue == 5
    assert reverse("complaints:queue") not in response.text
    assert client.get(reverse("complaints:queue")).status_code == 403  # the queue's own rule


def test_a_user_without_scope_counts_nothing(world, user_without_scope):
    assert _counts(user_without_scope, Region(PROVINCE)) == (0, 0)


def _queue_codes(client, url) -> set[str]:
    response = client.get(url)
    assert response.status_code == 200
    return {row.code for row in response.context["table"].page.object_list.data}


@pytest.mark.parametrize("level", [PROVINCE, DISTRICT, SUBDISTRICT, VILLAGE])
def test_the_link_lists_exactly_the_overdue_tickets_of_the_region(client, world, admin_user, village_a, level):
    params = {
        PROVINCE: {},
        DISTRICT: {"district": village_a.district_id},
        SUBDISTRICT: {"subdistrict": village_a.subdistrict_id},
        VILLAGE: {"village": village_a.pk},
    }[level]
    villages = {
        PROVINCE: list(world.overdue),
        DISTRICT: [village_a.pk, world.sibling.pk, world.other_kecamatan.pk],
        SUBDISTRICT: [village_a.pk, world.sibling.pk],
        VILLAGE: [village_a.pk],
    }[level]
    expected = set().union(*(world.overdue[pk] for pk in villages))
    client.force_login(admin_user)
    response = client.get(reverse("dashboard:overview"), params)
    tile = response.context["complaints"]
    assert tile.overdue == len(expected)
    assert tile.overdue_url.replace("&", "&amp;") in response.text
    assert _queue_codes(client, tile.overdue_url) == expected
    assert len(_queue_codes(client, tile.open_url)) == tile.open


def test_the_link_of_a_district_officer_stays_in_their_scope(client, world, officer_a, agency_staff, village_a):
    client.force_login(officer_a)
    tile = client.get(reverse("dashboard:overview")).context["complaints"]
    assert (tile.open, tile.overdue) == (5, 3)
    expected = world.overdue[village_a.pk] | world.overdue[world.sibling.pk] | world.overdue[world.other_kecamatan.pk]
    assert _queue_codes(client, tile.overdue_url) == expected
    client.force_login(agency_staff)
    tile = client.get(reverse("dashboard:overview")).context["complaints"]
    assert _queue_codes(client, tile.overdue_url) == world.overdue[world.other_kecamatan.pk]


def test_the_queue_filters_by_kecamatan_and_village_within_the_scope(client, world, officer_b, village_a):
    client.force_login(officer_b)
    assert _queue_codes(client, f"{reverse('complaints:queue')}?village={village_a.pk}") == set()
    assert _queue_codes(client, f"{reverse('complaints:queue')}?subdistrict={village_a.subdistrict_id}") == set()


def test_the_tile_highlights_overdue_tickets_only_when_there_are_some(client, admin_user, village_a):
    client.force_login(admin_user)
    _ticket(village_a, due_in=IN_TIME)
    page = client.get(reverse("dashboard:overview")).text
    assert 'data-testid="stat-complaints-overdue">' in page and "text-danger" not in page
    _ticket(village_a, due_in=LATE)
    page = client.get(reverse("dashboard:overview")).text
    assert 'data-testid="stat-complaints-overdue" class="text-danger' in page


def test_the_counts_are_live_and_formatted_indonesian_style(client, admin_user, village_a):
    due = NOW - timedelta(days=1)
    Ticket.objects.bulk_create(
        Ticket(code=f"UJI{n:05d}", category="not_received", village=village_a, description="-", due_at=due)
        for n in range(1234)
    )
    client.force_login(admin_user)
    page = client.get(reverse("dashboard:overview")).text
    assert ">1.234</a>" in page
    Ticket.objects.filter(code="UJI00000").update(status=Status.RESOLVED, closed_at=NOW)
    tile = client.get(reverse("dashboard:overview")).context["complaints"]  # no cache in between
    assert (tile.open, tile.overdue) == (1233, 1233)


def test_the_queue_form_keeps_the_region_the_tile_linked(client, world, admin_user, village_a):
    client.force_login(admin_user)
    response = client.get(reverse("complaints:queue"), {"subdistrict": village_a.subdistrict_id, "overdue": "true"})
    assert f'<input type="hidden" name="subdistrict" value="{village_a.subdistrict_id}">' in response.text
    assert f"Kecamatan {village_a.subdistrict.name}" in response.text
    response = client.get(reverse("complaints:queue"), {"village": village_a.pk})
    assert f'<input type="hidden" name="village" value="{village_a.pk}">' in response.text
    assert "region-filter" not in client.get(reverse("complaints:queue")).text
