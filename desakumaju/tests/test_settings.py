"""Settings: the deployment check, embedded and configured services, the portal's system checks.

Settings are read once per process, so what depends on the environment runs in a subprocess with
the real settings module (desakumaju.settings, not the test settings).
"""

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.checks import registry
from django.test import override_settings
from django.utils.crypto import get_random_string

from desakumaju import checks

ROOT = Path(__file__).resolve().parents[2]
# Variables the settings read (see .env.example), dropped from the inherited environment: CI
# exports DATABASE_URL and CELERY_BROKER_URL, a developer may export DJANGO_DEBUG.
SETTINGS_PREFIXES = ("DJANGO_", "DATABASE_", "CELERY_", "SESSION_", "AXES_")
SETTINGS_NAMES = {"TRUSTED_PROXY_COUNT", "MEDIA_ROOT", "LOG_LEVEL"}
# No "$": django-environ reads a value starting with it as a reference to another variable.
KEY_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#%^&*(-_=+)"
PRODUCTION = {"DJANGO_DEBUG": "false", "DJANGO_ALLOWED_HOSTS": "portal.example.go.id"}
SERVICES = {
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
}
PRINT_SERVICES = (
    "import json; from django.conf import settings; print(json.dumps("
    "[settings.DATABASES['default']['ENGINE'], settings.CELERY_TASK_ALWAYS_EAGER]))"
)


@pytest.fixture
def no_env_file():
    if (ROOT / ".env").exists():
        pytest.skip("a local .env feeds the settings; these tests need the environment they set")


def _environment(**variables):
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(SETTINGS_PREFIXES) and name not in SETTINGS_NAMES
    }
    return {**environment, "DJANGO_SETTINGS_MODULE": "desakumaju.settings", **variables}


def _run(*arguments, **variables):
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=ROOT,
        env=_environment(**variables),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _secret_key():
    return get_random_string(60, KEY_CHARACTERS)


@pytest.mark.parametrize(
    "deployment",
    [
        pytest.param({}, id="embedded"),
        pytest.param(
            {**SERVICES, "DJANGO_BEHIND_TLS_PROXY": "true", "TRUSTED_PROXY_COUNT": "1"},
            id="compose",
        ),
    ],
)
def test_it_passes_the_deployment_check(no_env_file, deployment):
    result = _run(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **PRODUCTION,
        DJANGO_SECRET_KEY=_secret_key(),
        **deployment,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output
    assert "System check identified no issues" in result.stdout


def test_it_runs_embedded_without_database_and_broker(no_env_file):
    result = _run("-c", PRINT_SERVICES, **PRODUCTION, DJANGO_SECRET_KEY=_secret_key())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["django.db.backends.sqlite3", True]


def test_it_uses_postgresql_and_redis_when_configured(no_env_file):
    result = _run("-c", PRINT_SERVICES, **PRODUCTION, DJANGO_SECRET_KEY=_secret_key(), **SERVICES)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["django.db.backends.postgresql", False]


@pytest.mark.parametrize("secret_key", [None, ""], ids=["unset", "empty"])
def test_it_refuses_to_start_without_a_secret_key(no_env_file, secret_key):
    variables = {} if secret_key is None else {"DJANGO_SECRET_KEY": secret_key}
    result = _run("-c", PRINT_SERVICES, **PRODUCTION, **variables)
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set DJANGO_SECRET_KEY" in result.stderr


def test_manage_py_runs_in_development_mode_in_a_bare_checkout(no_env_file):
    result = _run("manage.py", "makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_manage_py_still_refuses_a_production_setup_without_a_secret_key(no_env_file):
    result = _run("manage.py", "check", **PRODUCTION)
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set DJANGO_SECRET_KEY" in result.stderr


def test_it_uses_a_development_key_only_in_debug(no_env_file):
    result = _run("-c", "from django.conf import settings; print(settings.SECRET_KEY)", DJANGO_DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("django-insecure-")


def test_it_registers_the_portal_checks():
    registered = registry.registry.get_checks(include_deployment_checks=True)
    for check in (
        checks.check_password_validators,
        checks.check_session_lifetime,
        checks.check_celery_safety,
        checks.check_shared_cache,
        checks.check_trusted_proxies,
        checks.check_second_factor_middleware,
    ):
        assert check in registered


def _ids(messages):
    return [message.id for message in messages]


def test_it_accepts_a_minimum_password_length_of_twelve():
    assert checks.check_password_validators(None) == []


@override_settings(
    AUTH_PASSWORD_VALIDATORS=[
        {
            "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
            "OPTIONS": {"min_length": 8},
        }
    ]
)
def test_it_rejects_a_minimum_password_length_under_twelve():
    assert _ids(checks.check_password_validators(None)) == ["portal.E001"]


@override_settings(
    AUTH_PASSWORD_VALIDATORS=[{"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"}]
)
def test_it_rejects_password_validators_without_a_minimum_length():
    assert _ids(checks.check_password_validators(None)) == ["portal.E001"]


@override_settings(SESSION_MAX_LIFETIME=timedelta(hours=12))
def test_it_accepts_sessions_of_twelve_hours():
    assert checks.check_session_lifetime(None) == []


@override_settings(SESSION_MAX_LIFETIME=timedelta(hours=12, seconds=1))
def test_it_rejects_sessions_longer_than_twelve_hours():
    assert _ids(checks.check_session_lifetime(None)) == ["portal.E002"]


def test_it_accepts_the_celery_settings():
    assert checks.check_celery_safety(None) == []


@override_settings(CELERY_ACCEPT_CONTENT=["json", "pickle"])
def test_it_rejects_celery_content_other_than_json():
    assert _ids(checks.check_celery_safety(None)) == ["portal.E003"]


@override_settings(CELERY_TASK_TIME_LIMIT=2 * 60 * 60, CELERY_VISIBILITY_TIMEOUT=2 * 60 * 60)
def test_it_rejects_a_task_time_limit_reaching_the_visibility_timeout():
    assert _ids(checks.check_celery_safety(None)) == ["portal.E004"]


@override_settings(CELERY_TASK_TIME_LIMIT=2 * 60 * 60 - 1, CELERY_VISIBILITY_TIMEOUT=2 * 60 * 60)
def test_it_accepts_a_task_time_limit_below_the_visibility_timeout():
    assert checks.check_celery_safety(None) == []


@override_settings(
    CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
)
def test_it_warns_when_workers_do_not_share_the_cache():
    assert _ids(checks.check_shared_cache(None)) == ["portal.W001"]


@override_settings(
    CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
    CACHES={"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://x/1"}},
)
def test_it_accepts_workers_sharing_a_redis_cache():
    assert checks.check_shared_cache(None) == []


@override_settings(CELERY_BROKER_URL="")
def test_it_needs_no_shared_cache_without_workers():
    assert checks.check_shared_cache(None) == []


def test_it_speaks_indonesian_in_lampung_time():
    assert settings.LANGUAGE_CODE == "id"
    assert settings.TIME_ZONE == "Asia/Jakarta"
    assert {"id", "en"} <= {code for code, _name in settings.LANGUAGES}
    assert settings.USE_TZ is True


@override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"), TRUSTED_PROXY_COUNT=0)
def test_it_warns_behind_the_tls_proxy_without_trusted_proxies():
    """AUTH-05: behind the proxy with no trusted proxy counted, everyone shares the proxy's address."""
    assert _ids(checks.check_trusted_proxies(None)) == ["portal.W002"]


@override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"), TRUSTED_PROXY_COUNT=1)
def test_it_accepts_the_tls_proxy_counted_as_trusted():
    assert checks.check_trusted_proxies(None) == []


@override_settings(SECURE_PROXY_SSL_HEADER=None, TRUSTED_PROXY_COUNT=0)
def test_it_needs_no_trusted_proxy_without_the_tls_proxy():
    assert checks.check_trusted_proxies(None) == []


def test_the_compose_deployment_counts_its_reverse_proxy(no_env_file):
    """AUTH-05: TRUSTED_PROXY_COUNT reaches the setting the client address is read with."""
    code = "from django.conf import settings; print(settings.TRUSTED_PROXY_COUNT)"
    result = _run("-c", code, **PRODUCTION, DJANGO_SECRET_KEY=_secret_key(), TRUSTED_PROXY_COUNT="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"


def test_it_accepts_the_second_factor_middleware():
    assert checks.check_second_factor_middleware(None) == []


def test_it_rejects_a_missing_second_factor_middleware():
    """AUTH-01 (5): without it a Bappeda admin's password alone would open the portal."""
    middleware = [name for name in settings.MIDDLEWARE if name != "accounts.middleware.SecondFactorMiddleware"]
    with override_settings(MIDDLEWARE=middleware):
        assert _ids(checks.check_second_factor_middleware(None)) == ["portal.E005"]


def test_it_rejects_the_second_factor_checked_before_the_login():
    middleware = [name for name in settings.MIDDLEWARE if name != "django_otp.middleware.OTPMiddleware"]
    middleware.append("django_otp.middleware.OTPMiddleware")
    with override_settings(MIDDLEWARE=middleware):
        assert _ids(checks.check_second_factor_middleware(None)) == ["portal.E005"]
