"""Settings of the Desaku Maju portal, read from the environment (django-environ).

With no environment at all the portal runs embedded: a SQLite file and Celery tasks executed
eagerly in the web process. ``DATABASE_URL`` and ``CELERY_BROKER_URL`` switch to PostgreSQL and
Redis with real workers. See ``.env.example`` for every variable.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=true for development).")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "desakumaju.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_filters",
    "django_tables2",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "captcha",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "pgtrigger",
    "pghistory",
    "desakumaju.apps.PortalConfig",
    "accounts",
    "records",
    "villages",
    "beneficiaries",
    "programs",
    "reporting",
    "complaints",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether the session passed the second factor (django-otp).
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    # Who, from where and through which path, for every change a request makes (records.audit).
    "records.middleware.ChangeContextMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Until a user who needs a second factor gave it, only its pages (and public ones) open.
    "accounts.middleware.SecondFactorMiddleware",
    "desakumaju.lib.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    # 404s of logged-in users, for the breach alert on probing other districts' ids (records.alerts).
    "records.middleware.NotFoundRecordMiddleware",
]

ROOT_URLCONF = "desakumaju.urls"
WSGI_APPLICATION = "desakumaju.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "desakumaju.lib.navigation.navigation",
                "records.context_processors.data_protection_officer",
            ],
        },
    },
]

# --- Database ------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["application_name"] = env(
        "DATABASE_APPLICATION_NAME", default="desakumaju"
    )
    # PostgreSQL's JIT compiles the portal's short page queries for longer than they run (0.9 s of
    # compiling for a 3 s locus-village query in bench-web); the pages are tuned for indexes instead.
    DATABASES["default"]["OPTIONS"]["options"] = "-c jit=off"
else:
    # WAL lets the eager in-process tasks and page requests read while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users, login, sessions ------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.RoleBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Idle timeout: the cookie lives SESSION_COOKIE_AGE seconds and is renewed on every request.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
# Absolute lifetime, whatever the activity (accounts.middleware.SessionLifetimeMiddleware).
SESSION_MAX_LIFETIME = timedelta(hours=env.int("SESSION_MAX_HOURS", default=12))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
# Besides each username from one address, all failures from one address (password spraying) are
# limited, with a higher threshold: axes has one threshold only (accounts.lockout).
AXES_HANDLER = "accounts.lockout.PortalAxesHandler"
AXES_FAILURE_LIMIT_PER_ADDRESS = env.int("AXES_FAILURE_LIMIT_PER_ADDRESS", default=20)
# Attempts refused during a lockout are not counted: one person retrying a locked username does not
# use up the whole office's per-address allowance, nor extend the lockout.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The client address from the trusted proxy chain: one helper for axes and every rate limit.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "desakumaju.lib.client_address.client_address"

# Second factor (django-otp): TOTP from an authenticator app, required for Bappeda admins and optional for
# others (accounts.second_factor), with one-time recovery codes. Wrong codes are throttled per device
# (waits of 1, 2, 4, … seconds after each failure in a row).
OTP_TOTP_ISSUER = "Portal Desaku Maju"
OTP_RECOVERY_CODE_COUNT = 10

# --- HTTPS and browser security --------------------------------------------------------------
SECURE_COOKIES = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=not DEBUG)
if env.bool("DJANGO_BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    # Progress bars and widgets set widths in style attributes; no inline <style> or <script>.
    "style-src-attr": [CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# --- Language and time -----------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# --- Static files ----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
# Uploaded BNBA files and generated reports: never under MEDIA_URL, downloaded through views.
PRIVATE_ROOT = Path(env("PRIVATE_ROOT", default=str(MEDIA_ROOT / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_ROOT, "base_url": None, "directory_permissions_mode": 0o700},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Large uploads are spooled here (not a shared /tmp) until the view moves them to private storage.
FILE_UPLOAD_TEMP_DIR = env("FILE_UPLOAD_TEMP_DIR", default=str(PRIVATE_ROOT / "tmp"))
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
FILE_UPLOAD_PERMISSIONS = 0o600

# Django admin's exports escape formulas by the portal's rule (desakumaju.lib.admin_exports), not by
# django-import-export's own, which strips a first "=" only and turns every cell into text.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"

# --- Celery ----------------------------------------------------------------------------------
# Without a broker, tasks run eagerly inside the web process: the embedded default.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL) or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = timedelta(days=1)
CELERY_TIMEZONE = TIME_ZONE
# A task is acknowledged only after it finishes, so a killed worker's task is delivered again.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=60 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 60
# Redis redelivers unacknowledged tasks after visibility_timeout: keep it above any task's limit.
CELERY_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=2 * 60 * 60)
# Fail fast instead of hanging a web request when Redis is down: a request that queues a task (an
# upload, a report, an export, the dashboard's warming) answers within a few seconds and its job is
# queued again by a sweeper. One policy for sending the task (broker) and for the result backend,
# whose own default retries 20 times a second apart (a ~19 s wait before the request could answer).
CELERY_CONNECT_TIMEOUT_SECONDS = 2
CELERY_FAIL_FAST_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
CELERY_BROKER_CONNECTION_TIMEOUT = CELERY_CONNECT_TIMEOUT_SECONDS
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY_POLICY = CELERY_FAIL_FAST_RETRY_POLICY
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = CELERY_CONNECT_TIMEOUT_SECONDS
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "socket_connect_timeout": CELERY_CONNECT_TIMEOUT_SECONDS,
}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "retry_policy": CELERY_FAIL_FAST_RETRY_POLICY,
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Periodic work, kept in code (django-celery-beat does not support Django 6.1); run by `celery beat`.
CELERY_BEAT_SCHEDULE = {
    # Batches whose worker died are marked failed; uploads the broker never received are queued again.
    "sweep-stale-import-batches": {"task": "beneficiaries.tasks.sweep_stale_batches", "schedule": 300},
    # Reports whose worker died while building are marked failed; reports the broker lost are queued again.
    "sweep-stale-reports": {"task": "reporting.tasks.sweep_stale_reports", "schedule": 300},
    # CAPTCHA challenges of the public complaint form that expired unanswered.
    "remove-expired-captchas": {"task": "complaints.tasks.remove_expired_captchas", "schedule": 900},
    # Files of large exports past RETENTION_EXPORT_HOURS are deleted; exports whose worker died are marked
    # failed, those the broker never received are queued again.
    "sweep-export-jobs": {"task": "records.tasks.sweep_export_jobs", "schedule": 300},
    # Uploads, problem lists, report files and temporary files past their retention (records.retention).
    "purge-expired-data": {"task": "records.tasks.purge_expired_data", "schedule": 3600},
    # Breach signals in the access log (records.alerts).
    "check-breach-signals": {"task": "records.tasks.check_breach_signals", "schedule": 300},
}

# --- Logging ---------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_nik": {"()": "desakumaju.lib.logging.MaskIdentityNumbers"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_nik"]},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # axes logs every login at INFO; failures and lockouts still arrive at WARNING.
        "axes": {"level": "WARNING"},
        # pgtrigger logs every trigger it installs after `migrate`.
        "pgtrigger": {"level": "WARNING"},
    },
}

# --- Uploaded spreadsheets -------------------------------------------------------------------
# Django does not cap the size of uploaded files: the upload form checks BNBA_MAX_UPLOAD_MB.
BNBA_MAX_UPLOAD_MB = env.int("BNBA_MAX_UPLOAD_MB", default=100)
BNBA_MAX_ROWS = env.int("BNBA_MAX_ROWS", default=2_000_000)
# An xlsx is a zip: refuse archives that unpack too big or too well (decompression bombs).
SPREADSHEET_MAX_UNPACKED_BYTES = 1024 * 1024 * env.int("SPREADSHEET_MAX_UNPACKED_MB", default=1024)
SPREADSHEET_MAX_RATIO = 100
SPREADSHEET_MAX_ENTRIES = 500
# UP-02: a sheet wider than this is refused (a BNBA file has ~20 columns; P3KE exports ~60).
SPREADSHEET_MAX_COLUMNS = env.int("SPREADSHEET_MAX_COLUMNS", default=300)

# --- Portal ----------------------------------------------------------------------------------
PORTAL_PROVINCE_CODE = "18"
PORTAL_PROVINCE_NAME = "Lampung"
# A household whose new current desil (after a BNBA import) rises above this, from at or below it,
# is marked graduated (keluar dari kemiskinan).
GRADUATION_DESIL_THRESHOLD = env.int("GRADUATION_DESIL_THRESHOLD", default=4)

# --- Cache -----------------------------------------------------------------------------------
# Rate limits of the public complaint form live here: with several web processes set CACHE_URL to a
# Redis URL so that all share one count. Unset: a per-process memory cache (one process only).
CACHE_URL = env("CACHE_URL", default="")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Seconds between a change and the worker warming the dashboard (reporting.dashboard_warming): a burst
# of edits within them is warmed once.
DASHBOARD_WARMING_DELAY = env.int("DASHBOARD_WARMING_DELAY", default=5)

# --- Public complaints (pengaduan) -----------------------------------------------------------
# Data corrections are due in 3×24 hours (UU PDP Pasal 30); other complaints in this many days.
COMPLAINT_DEADLINE_DAYS = env.int("COMPLAINT_DEADLINE_DAYS", default=14)
COMPLAINT_ATTACHMENT_MAX_MB = env.int("COMPLAINT_ATTACHMENT_MAX_MB", default=2)
# Complaints accepted per window without a CAPTCHA: from one IP, for one contact, and in total (a flood).
COMPLAINT_RATE_WINDOW_MINUTES = env.int("COMPLAINT_RATE_WINDOW_MINUTES", default=10)
COMPLAINT_LIMIT_PER_IP = env.int("COMPLAINT_LIMIT_PER_IP", default=5)
COMPLAINT_LIMIT_PER_CONTACT = env.int("COMPLAINT_LIMIT_PER_CONTACT", default=3)
COMPLAINT_LIMIT_TOTAL = env.int("COMPLAINT_LIMIT_TOTAL", default=300)
# Ticket-code lookups on the public status page per IP and window (codes must not be guessable).
COMPLAINT_STATUS_LOOKUPS_PER_IP = env.int("COMPLAINT_STATUS_LOOKUPS_PER_IP", default=30)
# Past a limit a complaint is still accepted with a solved CAPTCHA (django-simple-captcha, images served by
# the portal): people at one office connection, or during a flood, can still file; a script cannot.
CAPTCHA_LENGTH = 5
CAPTCHA_TIMEOUT = 15  # minutes to type it
CAPTCHA_FONT_SIZE = 30
CAPTCHA_2X_IMAGE = False  # one image URL to serve

# --- Look-ups of persons by lists of NIKs ----------------------------------------------------
# NIKs read from one uploaded list (an intervention's recipients): each upload's look-up is recorded
# (records.BulkLookup) and finds persons of the intervention's village only (SECURITY-CHECKLIST AC-09).
RECIPIENT_LIST_MAX_NIKS = env.int("RECIPIENT_LIST_MAX_NIKS", default=5_000)

# --- Exports of lists ------------------------------------------------------------------------
# A list export of more rows than this is built by a worker (records.ExportJob) with a progress page;
# the request never waits for it (SECURITY-CHECKLIST EXP-03). Fewer rows are sent at once.
EXPORT_INLINE_MAX_ROWS = env.int("EXPORT_INLINE_MAX_ROWS", default=5_000)
# --- Personal data: change trail, access log, retention, breach alerts (records app) ----------
# The change trail is django-pghistory: PostgreSQL triggers write an event row for every insert, update and
# delete of a tracked model, whatever wrote it (forms, imports' bulk upserts, update(), raw SQL). Triggers are
# installed by `migrate` (post_migrate) rather than by migrations, so that tracking a model of another app
# adds no migration there; the embedded SQLite default records ORM saves and deletes instead (records.fallback).
PGTRIGGER_MIGRATIONS = False
PGTRIGGER_INSTALL_ON_MIGRATE = True
# Event tables copy the tracked columns only: labels, choices and validators of the tracked models stay
# there, so that rewording a help text never needs a migration of the trail.
PGHISTORY_EXCLUDE_FIELD_KWARGS = {
    "django.db.models.Field": [
        "verbose_name", "help_text", "choices", "validators", "default", "db_comment", "auto_now", "auto_now_add",
    ],
    "django.db.models.FileField": ["storage", "upload_to"],
    "django.db.models.ForeignKey": ["limit_choices_to"],
}  # fmt: skip
# Keyed hashes of NIK and No KK in the access log, so that a data subject's accesses can be found by number
# without the log holding the number. Keep it stable: a new key makes earlier hashes unsearchable.
IDENTITY_HASH_KEY = env("IDENTITY_HASH_KEY", default=SECRET_KEY)

# Retention (days unless named otherwise). Staged rows of a batch go as soon as the batch ends.
RETENTION_UPLOAD_DAYS = env.int("RETENTION_UPLOAD_DAYS", default=30)
RETENTION_PROBLEMS_DAYS = env.int("RETENTION_PROBLEMS_DAYS", default=30)
RETENTION_EXPORT_HOURS = env.int("RETENTION_EXPORT_HOURS", default=24)
RETENTION_REPORT_DAYS = env.int("RETENTION_REPORT_DAYS", default=5 * 365)
RETENTION_TEMP_HOURS = env.int("RETENTION_TEMP_HOURS", default=24)

# Breach signals (records.alerts), checked every few minutes by beat; alerts are logged at ERROR and e-mailed.
BREACH_ALERT_EMAILS = env.list("BREACH_ALERT_EMAILS", default=[])
ALERT_WINDOW_HOURS = env.int("ALERT_WINDOW_HOURS", default=1)
# One account's people viewed or exported in the window: above this many, and above this times its usual.
ALERT_PEOPLE_MIN = env.int("ALERT_PEOPLE_MIN", default=500)
ALERT_PEOPLE_FACTOR = env.int("ALERT_PEOPLE_FACTOR", default=5)
ALERT_USUAL_DAYS = env.int("ALERT_USUAL_DAYS", default=30)
ALERT_REVEALS = env.int("ALERT_REVEALS", default=20)
ALERT_NOT_FOUND = env.int("ALERT_NOT_FOUND", default=30)
ALERT_LOGIN_ADDRESSES = env.int("ALERT_LOGIN_ADDRESSES", default=4)
ALERT_LOGIN_WINDOW_HOURS = env.int("ALERT_LOGIN_WINDOW_HOURS", default=24)

# E-mail (breach alerts), Django 6.1's MAILERS from EMAIL_URL such as smtp+tls://user:password@host:587;
# unset: the local mail server (smtp://localhost:25), or the console with DJANGO_DEBUG=true.
_email = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": {
            key: value
            for key, value in {
                "host": _email.get("EMAIL_HOST"), "port": _email.get("EMAIL_PORT"),
                "username": _email.get("EMAIL_HOST_USER"), "password": _email.get("EMAIL_HOST_PASSWORD"),
                "use_tls": _email.get("EMAIL_USE_TLS"), "use_ssl": _email.get("EMAIL_USE_SSL"), "timeout": 10,
            }.items()
            if value is not None
        }
        if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
        else {},
    }
}  # fmt: skip
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="portal-desakumaju@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The data protection officer (Pejabat Pelindungan Data Pribadi, UU PDP Pasal 53), shown on public pages.
DPO_NAME = env("DPO_NAME", default="Pejabat Pelindungan Data Pribadi, Bappeda Provinsi Lampung")
DPO_EMAIL = env("DPO_EMAIL", default="")
DPO_PHONE = env("DPO_PHONE", default="")
