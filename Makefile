# Desaku Maju portal. `make run` serves the portal, `make test` runs the whole suite.
# Both set up everything they need on a fresh machine and are safe to run again.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# `make run` is a local demo: debug pages, no HTTPS redirect. Production sets these in the environment.
RUN_ENV := DJANGO_DEBUG=$${DJANGO_DEBUG:-true}
TEST_ENV := DJANGO_SETTINGS_MODULE=desakumaju.settings_test

.PHONY: run test worker assets migrate demo lint check-deploy bench-import bench-web bench-report pango age backup restore clean help

help:
	@echo "make run     - set up and serve the portal on http://$(HOST):$(PORT)"
	@echo "make test    - set up and run the whole test suite"
	@echo "make worker  - run a Celery worker (needs CELERY_BROKER_URL)"
	@echo "make lint    - ruff and the migrations check"
	@echo "make backup  - encrypted backup of the database and media (bin/backup)"
	@echo "make restore - restore a backup into an empty database (bin/restore)"

$(VENV)/.runtime: requirements.txt
	@test -x $(PY) || "$$(bin/find-python)" -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

static/vendor/.ready: node_modules/.package-lock.json bin/copy-vendor
	bin/copy-vendor
	@touch $@

assets: static/vendor/.ready

migrate: $(VENV)/.runtime
	$(RUN_ENV) $(MANAGE) migrate --no-input
	$(RUN_ENV) $(MANAGE) load_regions

demo: migrate
	$(RUN_ENV) $(MANAGE) generate_demo_villages
	$(RUN_ENV) $(MANAGE) create_demo_users
	$(RUN_ENV) $(MANAGE) generate_demo_data --households 3000 --if-empty

run: $(VENV)/.runtime assets pango demo
	@echo "Portal: http://$(HOST):$(PORT)/"
	$(RUN_ENV) $(MANAGE) runserver $(HOST):$(PORT)

worker: $(VENV)/.runtime pango
	@test -n "$$CELERY_BROKER_URL" || { echo "Set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0): without a broker, tasks run inside the web process." >&2; exit 1; }
	$(VENV)/bin/celery -A desakumaju worker --beat --loglevel=INFO --concurrency=$${CELERY_CONCURRENCY:-2} \
	  --schedule=$${CELERY_BEAT_SCHEDULE_FILE:-/tmp/desakumaju-celerybeat-schedule}

chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "Browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; fi; }

# WeasyPrint (PDF reports) needs Pango from the OS.
pango:
	@ldconfig -p | grep -q libpangoft2-1.0 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; \
	  else echo "PDF reports need Pango: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0" >&2; exit 1; fi; }

# Backups are encrypted with age (Debian package `age`); the restore drill test needs it too.
age:
	@command -v age >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq age >/dev/null; \
	  else echo "Backups need age: sudo apt-get install age" >&2; exit 1; fi; }

# DATABASE_URL and BACKUP_AGE_RECIPIENTS (age public keys) from the environment; see bin/backup.
backup: age
	bin/backup

# make restore BACKUP=backups/20260101T020000Z RESTORE_DATABASE_URL=postgres://…/fresh [RESTORE_MEDIA=folder]
# with BACKUP_AGE_IDENTITY=the private key file; the target database must be empty (createdb).
restore: age
	@test -n "$(BACKUP)" -a -n "$(RESTORE_DATABASE_URL)" || { echo "Set BACKUP and RESTORE_DATABASE_URL" >&2; exit 2; }
	bin/restore "$(BACKUP)" "$(RESTORE_DATABASE_URL)" $(RESTORE_MEDIA)

test: $(VENV)/.dev assets chromium pango age
	$(TEST_ENV) $(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(TEST_ENV) $(MANAGE) makemigrations --check --dry-run

# Import benchmark (benchmarks/README.md) on its own PostgreSQL database; BENCH_ARGS e.g. --persons-csv 50000.
# Then the re-upload of a 200,000-row file on SQLite and PostgreSQL; REUPLOAD_ARGS e.g. --persons 20000.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/desakumaju_bench
BENCH_ENV := DJANGO_SETTINGS_MODULE=desakumaju.settings DJANGO_DEBUG=false DJANGO_SECRET_KEY=bench DATABASE_URL=$(BENCH_DATABASE_URL)
bench-import: $(VENV)/.runtime
	createdb -h 127.0.0.1 -U postgres desakumaju_bench 2>/dev/null || true
	$(BENCH_ENV) $(MANAGE) migrate --no-input
	$(BENCH_ENV) $(MANAGE) load_regions
	$(BENCH_ENV) $(PY) -m benchmarks.bench_import $(BENCH_ARGS)
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) -m benchmarks.bench_reupload $(REUPLOAD_ARGS)

# Page benchmark (benchmarks/README.md) on its own database, generated on first run (3M persons, ~5 min).
BENCH_WEB_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/desakumaju_bench_web
BENCH_WEB_ENV := DJANGO_SETTINGS_MODULE=desakumaju.settings DJANGO_DEBUG=false DJANGO_SECRET_KEY=bench \
	DJANGO_ALLOWED_HOSTS=testserver DATABASE_URL=$(BENCH_WEB_DATABASE_URL)
bench-web: $(VENV)/.runtime assets
	createdb -h 127.0.0.1 -U postgres desakumaju_bench_web 2>/dev/null || true
	$(BENCH_WEB_ENV) $(MANAGE) collectstatic --no-input --verbosity 0
	$(BENCH_WEB_ENV) $(MANAGE) migrate --no-input
	$(BENCH_WEB_ENV) $(MANAGE) load_regions
	$(BENCH_WEB_ENV) $(PY) -m benchmarks.bench_web $(BENCH_ARGS)

# Report benchmark: a province annual LP2KD on the page benchmark's database (load it with `make bench-web`).
bench-report: $(VENV)/.runtime pango
	$(BENCH_WEB_ENV) $(PY) -m benchmarks.bench_report $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules static/vendor staticfiles
