import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role, User
from tests.factories import UserFactory


def test_a_district_officer_needs_a_district(db):
    with pytest.raises(ValidationError, match="kabupaten/kota"):
        UserFactory.build(role=Role.DISTRICT_OFFICER).full_clean(exclude=["password"])


def test_agency_staff_need_an_agency(db):
    with pytest.raises(ValidationError, match="perangkat daerah"):
        UserFactory.build(role=Role.AGENCY_STAFF).full_clean(exclude=["password"])


def test_a_bappeda_admin_has_no_district(district_a):
    with pytest.raises(ValidationError, match="seluruh provinsi"):
        UserFactory.build(role=Role.BAPPEDA_ADMIN, district=district_a).full_clean(exclude=["password"])


def test_only_bappeda_admins_are_staff(admin_user, officer_a):
    assert admin_user.is_staff and not officer_a.is_staff
    officer_a.role = Role.BAPPEDA_ADMIN
    officer_a.district = None
    officer_a.save()
    assert User.objects.get(pk=officer_a.pk).is_staff


def test_createsuperuser_makes_a_bappeda_admin(db):
    user = User.objects.create_superuser("root", "root@example.org", "kata-sandi-super-panjang")
    assert user.role == Role.BAPPEDA_ADMIN and user.is_staff


def test_bappeda_admins_hold_every_permission_and_others_none(admin_user, officer_a):
    assert admin_user.has_perm("programs.change_agency")
    assert not officer_a.has_perm("programs.change_agency")
    admin_user.is_active = False
    assert not admin_user.has_perm("programs.change_agency")
