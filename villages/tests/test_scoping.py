from villages.models import District, Subdistrict, Village


def test_it_shows_the_whole_province_to_admins_and_province_viewers(admin_user, viewer, village_a, village_b):
    for user in (admin_user, viewer):
        assert set(Village.objects.visible_to(user)) == {village_a, village_b}


def test_it_limits_district_officers_and_district_viewers_to_their_district(officer_a, viewer_a, village_a, village_b):
    for user in (officer_a, viewer_a):
        assert list(Village.objects.visible_to(user)) == [village_a]
        assert list(District.objects.visible_to(user)) == [village_a.district]
        assert list(Subdistrict.objects.visible_to(user)) == [village_a.subdistrict]


def test_it_shows_nothing_to_a_user_without_scope(user_without_scope, village_a):
    assert not Village.objects.visible_to(user_without_scope).exists()
    assert not District.objects.visible_to(user_without_scope).exists()


def test_it_shows_nothing_once_the_user_is_deactivated(officer_a, village_a):
    officer_a.is_active = False
    officer_a.save()
    assert not Village.objects.visible_to(officer_a).exists()


def test_it_follows_a_revoked_district_at_once(officer_a, village_a, village_b):
    officer_a.district = village_b.district
    officer_a.save()
    assert list(Village.objects.visible_to(officer_a)) == [village_b]


def test_agency_staff_see_the_province_for_a_province_agency(agency_staff, village_a, village_b):
    assert Village.objects.visible_to(agency_staff).count() == 2


def test_agency_staff_of_a_district_agency_see_that_district(agency_staff, village_a, village_b):
    agency = agency_staff.agency
    agency.level, agency.district = "district", village_b.district
    agency.save()
    assert list(Village.objects.visible_to(agency_staff)) == [village_b]


def test_agency_staff_of_an_inactive_agency_see_nothing(agency_staff, village_a):
    agency_staff.agency.active = False
    agency_staff.agency.save()
    assert not Village.objects.visible_to(agency_staff).exists()


def test_only_admins_and_district_officers_edit(admin_user, officer_a, viewer, agency_staff, village_a, village_b):
    assert Village.objects.editable_by(admin_user).count() == 2
    assert list(Village.objects.editable_by(officer_a)) == [village_a]
    assert not Village.objects.editable_by(viewer).exists()
    assert not Village.objects.editable_by(agency_staff).exists()
