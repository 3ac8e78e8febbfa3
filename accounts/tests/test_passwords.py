import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.factories import UserFactory


@pytest.mark.parametrize("password", ["password123", "lampung2025", "Ab3$xyz", "123456789012345", "petugas_a-2026"])
def test_it_rejects_weak_passwords(password, db):
    user = UserFactory.build(username="petugas_a", first_name="Petugas", last_name="A")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_it_accepts_a_long_passphrase(db):
    validate_password("sawah hijau di lereng gunung rajabasa saat musim tanam jagung tiba", UserFactory.build())
