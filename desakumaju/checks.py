"""System checks for settings that `check --deploy` does not cover (SECURITY-CHECKLIST OPS-01)."""

from django.conf import settings
from django.core.checks import Error, Warning, register


@register("security")
def check_password_validators(app_configs, **kwargs):
    for validator in settings.AUTH_PASSWORD_VALIDATORS:
        options = validator.get("OPTIONS", {})
        if validator["NAME"].endswith("MinimumLengthValidator") and options.get("min_length", 8) >= 12:
            return []
    return [
        Error(
            "AUTH_PASSWORD_VALIDATORS must include MinimumLengthValidator with min_length >= 12.",
            id="portal.E001",
        )
    ]


@register("security")
def check_session_lifetime(app_configs, **kwargs):
    if settings.SESSION_MAX_LIFETIME.total_seconds() > 12 * 3600:
        return [Error("SESSION_MAX_LIFETIME must be at most 12 hours.", id="portal.E002")]
    return []


@register("security")
def check_celery_safety(app_configs, **kwargs):
    errors = []
    if settings.CELERY_ACCEPT_CONTENT != ["json"]:
        errors.append(Error("CELERY_ACCEPT_CONTENT must be ['json'].", id="portal.E003"))
    if settings.CELERY_TASK_TIME_LIMIT >= settings.CELERY_VISIBILITY_TIMEOUT:
        errors.append(
            Error(
                "CELERY_TASK_TIME_LIMIT must be below CELERY_VISIBILITY_TIMEOUT, or Redis "
                "redelivers a running task to a second worker.",
                id="portal.E004",
            )
        )
    return errors


@register("caches", deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """With workers (a broker), web and worker processes must share the cache: the dashboard the
    worker warms and the complaint form's rate limits live there."""
    if settings.CELERY_BROKER_URL and settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        return [
            Warning(
                "CELERY_BROKER_URL is set but CACHE_URL is not: each process keeps its own cache, so the "
                "dashboard warmed by workers and the complaint rate limits are not shared.",
                hint="Set CACHE_URL to a Redis URL (docker-compose.yml sets it).",
                id="portal.W001",
            )
        ]
    return []


@register("security", deploy=True)
def check_trusted_proxies(app_configs, **kwargs):
    """Behind the TLS proxy with no trusted proxy counted, every client has the proxy's address: five wrong
    passwords from anywhere lock any account, and the complaint limits hold for the whole province."""
    if settings.SECURE_PROXY_SSL_HEADER and not settings.TRUSTED_PROXY_COUNT:
        return [
            Warning(
                "DJANGO_BEHIND_TLS_PROXY is set but TRUSTED_PROXY_COUNT is 0: every request comes from the "
                "proxy's address, so login lockouts and rate limits hit everyone at once.",
                hint="Set TRUSTED_PROXY_COUNT to the number of reverse proxies in front of the portal "
                "(docker-compose.yml: 1).",
                id="portal.W002",
            )
        ]
    return []


SECOND_FACTOR_MIDDLEWARE = [
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
]


@register("security")
def check_second_factor_middleware(app_configs, **kwargs):
    """Without these, in this order, a Bappeda admin's password alone would open the portal."""
    positions = [
        settings.MIDDLEWARE.index(name) if name in settings.MIDDLEWARE else -1 for name in SECOND_FACTOR_MIDDLEWARE
    ]
    if -1 in positions or positions != sorted(positions):
        return [
            Error(
                "MIDDLEWARE must contain, in this order: " + ", ".join(SECOND_FACTOR_MIDDLEWARE) + ".",
                id="portal.E005",
            )
        ]
    return []
