"""Settings for the test suite: the real settings with fast hashing and no HTTPS redirects.

The database and broker still come from the environment, so CI runs the suite on PostgreSQL
and Redis (see .ci/run) and a plain `make test` on SQLite.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-not-used-anywhere-else-0123456789")

from .settings import *  # noqa: F403
from .settings import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Tests run tasks in-process unless a test starts a real worker (tests/test_live_worker.py).
CELERY_TASK_ALWAYS_EAGER = True
# Serve static files straight from the apps' and project's static folders (no collectstatic).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
