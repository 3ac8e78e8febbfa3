"""The restore drill (SECURITY-CHECKLIST OPS-02): bin/backup writes an encrypted pg_dump and media archive,
bin/restore puts them into a fresh database and folder, and every table and a sample of rows are equal.
Needs PostgreSQL, its client tools and age (Debian: apt-get install postgresql-client age)."""

import os
import shutil
import subprocess
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.db import connection

from beneficiaries.models import StagedRow
from records.access import AccessAction, record_access_for
from records.tests.helpers import needs_postgresql
from tests.bnba_files import family_rows, import_batch, validate_file, write_xlsx

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("pg_dump", "pg_restore", "psql", "age", "age-keygen")
missing_tools = [tool for tool in TOOLS if not shutil.which(tool)]
pytestmark = [
    needs_postgresql,
    pytest.mark.skipif(
        bool(missing_tools) and not os.environ.get("REQUIRE_SERVICES"), reason=f"needs {', '.join(missing_tools)}"
    ),
]
SAMPLES = {
    "beneficiaries_person": "SELECT id, nik, name, household_id FROM beneficiaries_person ORDER BY id",
    "beneficiaries_household": "SELECT id, no_kk, village_id, desil FROM beneficiaries_household ORDER BY id",
    "records_personchange": "SELECT pgh_id, pgh_label, nik, pgh_context FROM records_personchange ORDER BY pgh_id",
    "records_accessrecord": "SELECT id, action, household_id, subject_hash FROM records_accessrecord ORDER BY id",
}


def _url(name: str) -> str:
    db = connection.settings_dict
    return f"postgres://{quote(db['USER'])}:{quote(db['PASSWORD'] or '')}@{db['HOST']}:{db['PORT'] or 5432}/{name}"


def _rows(url: str, sql: str) -> list:
    with psycopg.connect(url) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture
def fresh_database():
    name = f"restore_drill_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_url("postgres"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield _url(name)
    with psycopg.connect(_url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def age_key(tmp_path):
    identity = tmp_path / "backup-key.txt"
    subprocess.run(["age-keygen", "-o", str(identity)], check=True, capture_output=True)
    public = subprocess.run(["age-keygen", "-y", str(identity)], check=True, capture_output=True, text=True)
    return identity, public.stdout.strip()


def _run(script: str, *args, env: dict) -> subprocess.CompletedProcess:
    result = subprocess.run([str(ROOT / "bin" / script), *args], env={**os.environ, **env}, capture_output=True,
                            text=True, timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_a_fresh_database_gives_the_same_data(
    tmp_path, age_key, fresh_database, officer_a, village_a
):
    batch = validate_file(officer_a, write_xlsx(tmp_path / "bnba.xlsx", family_rows(village_a, families=3)))
    import_batch(batch, officer_a)
    validate_file(officer_a, write_xlsx(tmp_path / "again.xlsx", family_rows(village_a, families=1, start=50)))
    assert StagedRow.objects.exists(), "a batch waiting for confirmation has staged rows"
    record_access_for(officer_a, action=AccessAction.VIEW_HOUSEHOLD, household_id=1, count=3)
    media = tmp_path / "media"
    (media / "private" / "bnba").mkdir(parents=True)
    (media / "private" / "bnba" / "bukti.pdf").write_bytes(b"%PDF-1.4 bukti")
    identity, public = age_key
    backups = tmp_path / "backups"
    env = {"DATABASE_URL": _url(connection.settings_dict["NAME"]), "BACKUP_AGE_RECIPIENTS": public,
           "BACKUP_DIR": str(backups), "MEDIA_ROOT": str(media)}  # fmt: skip

    _run("backup", env=env)
    [folder] = [path for path in backups.iterdir() if path.is_dir()]
    dump = (folder / "database.dump.age").read_bytes()
    nik = family_rows(village_a, families=1)[0][2]
    assert dump.startswith(b"age-encryption.org/v1") and nik.encode() not in dump
    unreadable = subprocess.run(["pg_restore", "--list", str(folder / "database.dump.age")], capture_output=True)
    assert unreadable.returncode != 0, "without the key the dump is unreadable"

    shutil.rmtree(media)  # the files are lost …
    restored_media = tmp_path / "restored-media"
    result = _run(
        "restore", str(folder), fresh_database, str(restored_media), env={"BACKUP_AGE_IDENTITY": str(identity)}
    )
    assert "every table matches its manifest" in result.stdout
    live = env["DATABASE_URL"]
    for table, sql in SAMPLES.items():
        original = _rows(live, sql)
        assert original and _rows(fresh_database, sql) == original, table
    assert _rows(fresh_database, "SELECT count(*) FROM beneficiaries_stagedrow") == [(0,)], "staging rows excluded"
    assert (restored_media / "private" / "bnba" / "bukti.pdf").read_bytes() == b"%PDF-1.4 bukti"
    # The restored database is the application's schema, complete: no migration is missing.
    check = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "migrate", "--check"], cwd=ROOT,
        env={**os.environ, "DATABASE_URL": fresh_database, "DJANGO_SETTINGS_MODULE": "desakumaju.settings_test"},
        capture_output=True, text=True,
    )  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty(tmp_path, age_key, officer_a):
    identity, public = age_key
    env = {"DATABASE_URL": _url(connection.settings_dict["NAME"]), "BACKUP_AGE_RECIPIENTS": public,
           "BACKUP_DIR": str(tmp_path / "b"), "MEDIA_ROOT": str(tmp_path / "none")}  # fmt: skip
    _run("backup", env=env)
    [folder] = list((tmp_path / "b").iterdir())
    key = {**os.environ, "BACKUP_AGE_IDENTITY": str(identity)}
    result = subprocess.run(
        [str(ROOT / "bin" / "restore"), str(folder), env["DATABASE_URL"]], env=key, capture_output=True, text=True
    )
    assert result.returncode == 2 and "not empty" in result.stderr


def test_backup_refuses_to_write_without_a_public_key(tmp_path):
    env = {**os.environ, "DATABASE_URL": "postgres://x/y", "BACKUP_AGE_RECIPIENTS": "", "BACKUP_DIR": str(tmp_path)}
    result = subprocess.run([str(ROOT / "bin" / "backup")], env=env, capture_output=True, text=True)
    assert result.returncode == 2 and not list(tmp_path.iterdir())
