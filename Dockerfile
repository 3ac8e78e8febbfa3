# syntax=docker/dockerfile:1
# The Desaku Maju portal image. The same image serves the web (gunicorn, the default command), runs
# the Celery worker and the one-shot migrations: see docker-compose.yml.
#   docker build -t desakumaju-portal .

# --- Front-end assets: the npm packages' dist files, copied into static/vendor/ ----------------
FROM node:22-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY bin/copy-vendor bin/copy-vendor
RUN bin/copy-vendor

# --- Python dependencies, in a virtualenv copied whole into the runtime image ------------------
FROM python:3.13-slim AS python-deps
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
RUN /opt/venv/bin/pip install -r /tmp/requirements.txt

# --- Backups: PostgreSQL's own client tools (the server's major version) and age ----------------
# docker-compose.yml's `backup` service builds this stage (target: backup); see bin/backup.
FROM postgres:16 AS backup
RUN apt-get update \
    && apt-get install -y --no-install-recommends age \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY bin/backup bin/restore bin/backup-loop bin/
USER postgres
CMD ["bin/backup-loop"]

# --- Runtime -----------------------------------------------------------------------------------
FROM python:3.13-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    WEB_CONCURRENCY=3
RUN groupadd --system --gid 1000 portal \
    && useradd --system --uid 1000 --gid portal --home-dir /app --shell /usr/sbin/nologin portal
# Pango and a font for WeasyPrint (PDF reports).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=python-deps /opt/venv /opt/venv
# The code stays owned by root: the portal user can read it but not change it.
COPY . .
COPY --from=assets /src/static/vendor static/vendor
# The key exists only for this command (settings refuse to load without one); it is not kept in
# the image. The real key comes from the environment at run time.
RUN DJANGO_SECRET_KEY=collectstatic-at-build-time-only-not-a-secret \
    python manage.py collectstatic --noinput \
    && mkdir -p media \
    && chown portal:portal media
# media/ (uploads) is the only directory the portal writes; docker-compose.yml mounts a volume
# there that web and worker share.
USER portal
EXPOSE 8000
# Workers: WEB_CONCURRENCY (gunicorn reads it), 3 by default; about 2 × CPU cores + 1.
# The access log leaves out query strings and referrers, where a searched NIK could appear.
CMD ["gunicorn", "desakumaju.wsgi:application", \
     "--bind", "0.0.0.0:8000", \
     "--worker-tmp-dir", "/dev/shm", \
     "--timeout", "60", \
     "--max-requests", "1000", "--max-requests-jitter", "100", \
     "--access-logfile", "-", \
     "--access-logformat", "%(h)s %({x-forwarded-for}i)s %(t)s \"%(m)s %(U)s %(H)s\" %(s)s %(b)s %(M)sms \"%(a)s\""]
