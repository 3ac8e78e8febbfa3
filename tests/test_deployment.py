"""The deployment files name only things that exist: commands, apps, settings variables."""

import ast
import importlib
import json
import re
import shlex
from pathlib import Path

import pytest
import yaml
from celery.app.utils import find_app
from django.conf import settings
from django.core.management import call_command, get_commands
from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent
PORTAL_SERVICES = ("web", "worker")
# The readers of django-environ's Env; `env("X")` itself reads a string.
ENV_READERS = {"str", "bool", "int", "float", "list", "tuple", "dict", "json", "url", "db", "path", "email_url"}
INTERPOLATION = re.compile(r"(?<!\$)\$\{?([A-Za-z_][A-Za-z0-9_]*)")
ENV_EXAMPLE_LINE = re.compile(r"^#?\s*([A-Z][A-Z0-9_]*)=", re.MULTILINE)


def settings_variables() -> set[str]:
    """The environment variables desakumaju/settings.py reads, from its source."""
    tree = ast.parse((ROOT / "desakumaju" / "settings.py").read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
            continue
        func = node.func
        is_env = isinstance(func, ast.Name) and func.id == "env"
        is_reader = (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == "env"
            and func.attr in ENV_READERS
        )
        if is_env or is_reader:
            names.add(node.args[0].value)
    return names


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def portal_services() -> dict[str, dict]:
    """The services that run the portal's image (web, worker, any one-shot like migrate); not the backup
    service, built from another stage of the Dockerfile."""
    return {
        name: service for name, service in compose()["services"].items()
        if "build" in service and not (isinstance(service["build"], dict) and service["build"].get("target"))
    }  # fmt: skip


def command_line(service: dict) -> str:
    command = service.get("command", "")
    return command if isinstance(command, str) else shlex.join(command)


def environment_names(service: dict) -> set[str]:
    environment = service.get("environment") or {}
    if isinstance(environment, dict):
        return set(environment)
    return {item.split("=", 1)[0] for item in environment}


def env_example_names() -> set[str]:
    return set(ENV_EXAMPLE_LINE.findall((ROOT / ".env.example").read_text(encoding="utf-8")))


def compose_interpolations() -> set[str]:
    return set(INTERPOLATION.findall((ROOT / "docker-compose.yml").read_text(encoding="utf-8")))


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined and comments dropped."""
    instructions, pending = [], ""
    for line in (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        keyword, _, arguments = (pending + line).strip().partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
        pending = ""
    return instructions


def dockerfile_command() -> list[str]:
    """The image's ENTRYPOINT followed by its CMD, as argv."""
    argv = {}
    for keyword, arguments in dockerfile_instructions():
        if keyword in ("ENTRYPOINT", "CMD"):
            argv[keyword] = json.loads(arguments) if arguments.startswith("[") else shlex.split(arguments)
    return argv.get("ENTRYPOINT", []) + argv.get("CMD", [])


def gunicorn_command_lines() -> list[list[str]]:
    lines = [dockerfile_command()]
    lines += [shlex.split(command_line(service)) for service in compose()["services"].values()]
    return [argv for argv in lines if any(Path(arg).name == "gunicorn" for arg in argv)]


def test_it_finds_the_variables_settings_read():
    names = settings_variables()
    assert {"DJANGO_SECRET_KEY", "DJANGO_DEBUG", "DATABASE_URL", "CELERY_BROKER_URL"} <= names
    assert {"DJANGO_ALLOWED_HOSTS", "DATABASE_CONN_MAX_AGE", "MEDIA_ROOT", "LOG_LEVEL"} <= names


def test_it_defines_the_services():
    assert {"postgres", "redis", "web", "worker"} <= set(compose()["services"])


@pytest.mark.parametrize("name", PORTAL_SERVICES)
def test_it_builds_web_and_worker_from_the_repo_dockerfile(name):
    build = compose()["services"][name]["build"]
    if isinstance(build, str):
        build = {"context": build}
    dockerfile = ROOT / build["context"] / build.get("dockerfile", "Dockerfile")
    assert dockerfile.resolve() == (ROOT / "Dockerfile").resolve()
    assert dockerfile.is_file()


def test_it_names_only_real_management_commands():
    text = " ".join(command_line(service) for service in compose()["services"].values())
    names = re.findall(r"manage\.py\s+([\w-]+)", text)
    assert {"migrate", "load_regions"} <= set(names)
    commands = get_commands()
    assert [name for name in names if name not in commands] == []


def test_it_names_the_portal_celery_app():
    import desakumaju

    apps = re.findall(r"celery\s+(?:-A|--app)[\s=]+(\S+)", command_line(compose()["services"]["worker"]))
    assert apps == ["desakumaju"]
    assert find_app(apps[0]) is desakumaju.celery_app


def test_it_serves_the_portal_wsgi_application_with_gunicorn():
    command_lines = gunicorn_command_lines()
    assert command_lines, "neither the Dockerfile nor docker-compose.yml runs gunicorn"
    for argv in command_lines:
        paths = [arg for arg in argv if re.fullmatch(r"[A-Za-z_][\w.]*:[A-Za-z_]\w*", arg)]
        assert paths == ["desakumaju.wsgi:application"]
        module, attribute = paths[0].split(":")
        assert callable(getattr(importlib.import_module(module), attribute))
        assert "0.0.0.0:8000" in argv
        assert "--access-logfile" in argv


def test_it_runs_gunicorn_by_default_in_the_image():
    argv = dockerfile_command()
    assert Path(argv[0]).name == "gunicorn"
    assert "desakumaju.wsgi:application" in argv


def test_it_builds_the_image_as_documented():
    instructions = dockerfile_instructions()
    froms = [arguments for keyword, arguments in instructions if keyword == "FROM"]
    assert froms[-1].startswith("python:3.13-slim")
    runs = " ".join(arguments for keyword, arguments in instructions if keyword == "RUN")
    assert "npm ci" in runs
    assert "bin/copy-vendor" in runs
    assert "pip install -r" in runs
    assert "manage.py collectstatic --noinput" in runs
    assert ("EXPOSE", "8000") in instructions


def test_it_collects_static_files_with_the_production_storage(tmp_path):
    """The image's `collectstatic` step: the manifest storage fails on any missing reference."""
    if not (ROOT / "static" / "vendor").is_dir():
        pytest.skip("static/vendor is missing: run `make assets` (npm ci and bin/copy-vendor)")
    production = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=production):
        call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "staticfiles.json").is_file()


def test_it_keeps_the_build_secret_key_out_of_the_image():
    for keyword, arguments in dockerfile_instructions():
        if keyword in ("ENV", "ARG", "LABEL"):
            assert "SECRET_KEY" not in arguments


def test_it_runs_the_image_as_a_non_root_user():
    users = [arguments for keyword, arguments in dockerfile_instructions() if keyword == "USER"]
    assert users
    assert users[-1].split(":")[0] not in ("root", "0")


def test_it_keeps_local_state_and_secrets_out_of_the_build_context():
    ignored = set((ROOT / ".dockerignore").read_text(encoding="utf-8").split())
    expected = {".env", ".venv", "node_modules", "static/vendor", "staticfiles", "db.sqlite3", ".git"}
    assert expected | {"media", ".pytest_cache"} <= ignored


def test_it_waits_for_healthy_database_and_broker():
    services = compose()["services"]
    assert "pg_isready" in json.dumps(services["postgres"]["healthcheck"]["test"])
    assert "redis-cli" in json.dumps(services["redis"]["healthcheck"]["test"])
    for name in PORTAL_SERVICES:
        depends_on = services[name]["depends_on"]
        assert depends_on["postgres"]["condition"] == "service_healthy"
        assert depends_on["redis"]["condition"] == "service_healthy"


def test_it_protects_redis_with_a_password_and_an_append_only_file():
    redis = compose()["services"]["redis"]
    command = command_line(redis)
    assert "--requirepass" in command
    assert "--appendonly yes" in command
    for name in PORTAL_SERVICES:
        broker_url = compose()["services"][name]["environment"]["CELERY_BROKER_URL"]
        assert broker_url.startswith("redis://:${REDIS_PASSWORD")


def test_it_shares_one_redis_cache_apart_from_the_broker():
    for name in PORTAL_SERVICES:
        environment = compose()["services"][name]["environment"]
        assert environment["CACHE_URL"].startswith("redis://:${REDIS_PASSWORD")
        assert environment["CACHE_URL"].rsplit("/", 1)[1] != environment["CELERY_BROKER_URL"].rsplit("/", 1)[1]


def test_the_web_counts_the_one_reverse_proxy_in_front_of_it():
    """AUTH-05: behind the TLS proxy the client address is the entry the proxy appends, not the proxy's."""
    environment = compose()["services"]["web"]["environment"]
    assert environment["DJANGO_BEHIND_TLS_PROXY"] == "${DJANGO_BEHIND_TLS_PROXY:-true}"
    assert environment["TRUSTED_PROXY_COUNT"] == "${TRUSTED_PROXY_COUNT:-1}"


def test_it_publishes_only_the_web_port():
    published = {name: service.get("ports", []) for name, service in compose()["services"].items()}
    assert [name for name, ports in published.items() if ports] == ["web"]
    assert all(str(port).endswith(":8000") for port in published["web"])


def test_it_gives_worker_children_their_own_database_connections():
    assert compose()["services"]["worker"]["environment"]["DATABASE_CONN_MAX_AGE"] == "0"


def test_it_sets_in_compose_only_variables_settings_read():
    known = settings_variables()
    for name, service in portal_services().items():
        assert environment_names(service) - known == set(), name


def test_it_lists_in_env_example_only_variables_settings_or_compose_read():
    unknown = env_example_names() - settings_variables() - compose_interpolations()
    assert unknown == set()


def test_it_lists_every_settings_variable_in_env_example():
    assert settings_variables() - env_example_names() == set()


def test_it_lists_every_compose_variable_in_env_example():
    assert compose_interpolations() - env_example_names() == set()


def test_it_comments_every_variable_in_env_example():
    lines = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if re.match(r"^#?\s*[A-Z][A-Z0-9_]*=", line):
            assert line.startswith("#"), f"embedded defaults need no variable: comment out {line!r}"
            assert lines[number - 1].startswith("#"), f"{line!r} has no comment above it"


def test_postgresql_logs_no_identity_numbers():
    """PII-03: PostgreSQL's log would quote a NIK or No KK in a unique violation's DETAIL line and in the
    STATEMENT line of the failed query; compose's PostgreSQL logs neither."""
    argv = compose()["services"]["postgres"]["command"]
    options = dict(argv[index + 1].split("=", 1) for index, arg in enumerate(argv) if arg == "-c")
    assert argv[0] == "postgres"
    assert options["log_error_verbosity"] == "terse"
    assert options["log_min_error_statement"] == "panic"


def test_it_backs_up_on_a_schedule_with_the_backup_scripts_variables():
    """OPS-02: the backup service runs bin/backup-loop from the Dockerfile's backup stage, reads the media
    volume without writing it, and sets only variables bin/backup reads."""
    backup = compose()["services"]["backup"]
    assert backup["build"]["target"] == "backup"
    stages = [arguments for keyword, arguments in dockerfile_instructions() if keyword == "FROM"]
    assert any(stage.endswith(" AS backup") and stage.startswith("postgres:") for stage in stages)
    assert "media:/app/media:ro" in backup["volumes"]
    script = (ROOT / "bin" / "backup").read_text(encoding="utf-8") + (ROOT / "bin" / "backup-loop").read_text()
    assert {name for name in environment_names(backup) if name not in script} == set()
