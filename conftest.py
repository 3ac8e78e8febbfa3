"""Fixtures shared by the whole suite: two districts (A and B) and one user per role."""

import os
import threading
import weakref

import pytest
from django.db.backends.signals import connection_created
from django.test import Client

from accounts.models import Role
from desakumaju.lib.logging import SIXTEEN_DIGITS
from tests.factories import AgencyFactory, DistrictFactory, SubdistrictFactory, UserFactory, VillageFactory
from tests.otp import needs_second_factor, pass_second_factor

# Playwright drives the browser from the test thread while live_server answers in another.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Every database connection the tests open in their thread, so that none is left open when the test
# database is dropped.
TEST_THREAD = threading.get_ident()
TEST_THREAD_CONNECTIONS = weakref.WeakSet()


def _remember_test_thread_connection(sender, connection, **kwargs):
    if threading.get_ident() == TEST_THREAD:
        TEST_THREAD_CONNECTIONS.add(connection)


connection_created.connect(_remember_test_thread_connection)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """pytest-django's, and at the end every connection still open closed before the database is dropped.

    Django keeps connections per contextvars context, and Playwright's greenlets give the test thread new
    contexts: pytest-django closes only the connections of the context the database was created in, and
    dropping it then fails as "being accessed by other users" while a later context's connection is open.
    (Other threads close their own: the live server after each request, and its own at the end.)
    """
    yield
    for wrapper in list(TEST_THREAD_CONNECTIONS):
        if wrapper.connection is not None:
            wrapper.close()


@pytest.fixture(scope="session", autouse=True)
def force_login_includes_the_second_factor():
    """``Client.force_login`` stands for a whole login: for a user who needs a second factor (Bappeda admins,
    users who turned it on) it also passes that step with the user's device (made if missing).

    The rule itself is tested through the real login form (accounts/tests/test_second_factor_*.py).
    """
    force_login = Client.force_login

    def force_login_and_second_factor(self, user, backend=None):
        force_login(self, user, backend)
        if needs_second_factor(user):
            pass_second_factor(self, user)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Client, "force_login", force_login_and_second_factor)
        yield


@pytest.fixture
def district_a(db):
    return DistrictFactory(code="18.01", name="Kabupaten Lampung Selatan")


@pytest.fixture
def district_b(db):
    return DistrictFactory(code="18.72", name="Kota Metro", kind="kota")


@pytest.fixture
def village_a(district_a):
    subdistrict = SubdistrictFactory(district=district_a, code="18.01.04", name="Natar")
    return VillageFactory(subdistrict=subdistrict, code="18.01.04.2001", name="Hajimena")


@pytest.fixture
def village_b(district_b):
    subdistrict = SubdistrictFactory(district=district_b, code="18.72.01", name="Metro Pusat")
    return VillageFactory(subdistrict=subdistrict, code="18.72.01.1001", name="Metro", kind="kelurahan")


@pytest.fixture
def agency(db):
    return AgencyFactory(name="Dinas Tanaman Pangan dan Hortikultura Uji", short_name="Dinas Pertanian Uji")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", role=Role.BAPPEDA_ADMIN)


@pytest.fixture
def officer_a(district_a):
    return UserFactory(username="petugas_a", role=Role.DISTRICT_OFFICER, district=district_a)


@pytest.fixture
def officer_b(district_b):
    return UserFactory(username="petugas_b", role=Role.DISTRICT_OFFICER, district=district_b)


@pytest.fixture
def agency_staff(agency):
    return UserFactory(username="staf_opd", role=Role.AGENCY_STAFF, agency=agency)


@pytest.fixture
def viewer(db):
    return UserFactory(username="pimpinan", role=Role.VIEWER)


@pytest.fixture
def viewer_a(district_a):
    return UserFactory(username="pimpinan_a", role=Role.VIEWER, district=district_a)


@pytest.fixture
def user_without_scope(db):
    """A district officer whose district was never set: sees nothing."""
    return UserFactory(username="tanpa_wilayah", role=Role.DISTRICT_OFFICER, district=None)


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path_factory):
    """Uploaded and generated files of each test go to a temporary private folder."""
    location = tmp_path_factory.mktemp("private")
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": location}},
    }
    return location


@pytest.fixture(autouse=True)
def no_identity_numbers_in_logs(caplog):
    """Whatever a test does, nothing it logs may contain a NIK or No KK (UU PDP; SECURITY-CHECKLIST PII-03)."""
    yield
    texts = (text for record in caplog.records for text in (record.getMessage(), record.exc_text or ""))
    leaked = [text for text in texts if SIXTEEN_DIGITS.search(text)]
    assert not leaked, f"a 16-digit number was logged: {leaked[:3]}"
