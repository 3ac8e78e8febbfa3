"""`make bench-import` (re-upload part): a district re-uploads its 200,000-row file, on SQLite and on PostgreSQL.

    .venv/bin/python -m benchmarks.bench_reupload [--persons 200000] [--databases sqlite postgresql]

Each database is measured in a child process (this module with ``--child``): the registry is emptied,
a CSV of synthetic households is validated and imported (the first import), then the same households
with 1 % of the people renamed (a district's next file) are validated and imported again (the
re-upload), and the identical file is validated a third time. Target: the re-upload within 2× of the
first import, on each database. PostgreSQL is the bench database of ``make bench-import``; SQLite is a
fresh file in a temporary folder (migrated, regions loaded). Figures and ratios come from one run.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 2.0
SEED = 2027
CHANGED_EVERY = 100  # one person in a hundred gets a new name in the second file


def say(message: str) -> None:
    print(message, flush=True)


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "desakumaju.settings")
    import django

    django.setup()


def _write_files(workdir: Path, persons: int) -> tuple[Path, Path, int]:
    from beneficiaries.demo import HEADER, SyntheticRegistry

    first, second = workdir / "bnba.csv", workdir / "bnba-berikutnya.csv"
    registry, count = SyntheticRegistry.for_villages(seed=SEED), 0
    name = HEADER.index("Nama")
    with first.open("w", newline="") as a, second.open("w", newline="") as b:
        writers = csv.writer(a), csv.writer(b)
        for writer in writers:
            writer.writerow(HEADER)
        while count < persons:
            for row in next(registry.households(1)):
                count += 1
                writers[0].writerow(row)
                writers[1].writerow([*row[:name], f"{row[name]} Baru", *row[name + 1 :]] if count % CHANGED_EVERY
                                    == 0 else row)  # fmt: skip
    return first, second, count


def _run(path: Path, user, *, commit: bool) -> dict:
    from django.core.files import File
    from django.utils import timezone

    from beneficiaries.imports import services

    began = time.perf_counter()
    with path.open("rb") as handle:
        batch, _ = services.create_batch(user=user, upload=File(handle, name=path.name), desil_source="dtsen",
                                         desil_as_of=timezone.localdate())  # fmt: skip
    services.run_validation(batch_id=batch.pk)
    validated = time.perf_counter()
    batch.refresh_from_db()
    result = {"validate_s": validated - began, "status": batch.status, "summary": batch.summary}
    if commit:
        services.request_import(batch=batch, user=user)
        services.run_import(batch_id=batch.pk)
        batch.refresh_from_db()
        result |= {"import_s": time.perf_counter() - validated, "status": batch.status}
    result["total_s"] = time.perf_counter() - began
    expected = "imported" if commit else "ready"
    if result["status"] != expected:
        raise SystemExit(f"{path.name}: batch #{batch.pk} ended {result['status']}, not {expected}: {batch.message}")
    return result


def child(persons: int, out: Path) -> None:
    _setup_django()
    from django.core.management import call_command
    from django.db import connection

    from accounts.models import Role, User
    from beneficiaries.models import (
        DesilRecord,
        Graduation,
        Household,
        ImportBatch,
        ImportProblem,
        Person,
        PersonMove,
        StagedRow,
    )  # fmt: skip

    call_command("migrate", verbosity=0)
    call_command("load_regions", verbosity=0)
    _empty_registry(PersonMove, Graduation, DesilRecord, Person, Household, ImportProblem, StagedRow, ImportBatch)
    user, _ = User.objects.get_or_create(username="bench.reupload", defaults={"role": Role.BAPPEDA_ADMIN})
    with tempfile.TemporaryDirectory() as workdir:
        first, second, count = _write_files(Path(workdir), persons)
        results = {"database": connection.vendor, "persons": count}
        results["first"] = _run(first, user, commit=True)
        results["reupload"] = _run(second, user, commit=True)
        results["identical"] = _run(second, user, commit=False)
    out.write_text(json.dumps(results, default=str))


def _empty_registry(*models) -> None:
    """Raw SQL, not the ORM: deleting 200,000 rows one signal at a time would take longer than the import."""
    from django.db import connection

    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - model table names


def _child_env(database: str, workdir: Path) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "desakumaju.settings", "DJANGO_DEBUG": "false",
           "DJANGO_SECRET_KEY": "bench", "PRIVATE_ROOT": str(workdir / "private")}  # fmt: skip
    if database == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    else:
        env["DATABASE_URL"] = os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/desakumaju_bench"
        )
    env.pop("CELERY_BROKER_URL", None)  # tasks run in the process: the benchmark times the work itself
    env.pop("CACHE_URL", None)
    return env


def measure(database: str, persons: int) -> dict:
    with tempfile.TemporaryDirectory() as workdir:
        out = Path(workdir) / "result.json"
        command = [sys.executable, "-m", "benchmarks.bench_reupload", "--child", str(persons), str(out)]
        subprocess.run(command, cwd=ROOT, env=_child_env(database, Path(workdir)), check=True)  # noqa: S603
        return json.loads(out.read_text())


HEADING = f"{'database':<11}{'persons':>9}  {'first import':>24}  {'re-upload':>24}  {'ratio':>6}  {'identical':>10}"


def report(results: list[dict]) -> bool:
    say("\nRe-upload of a district file: first import, then the next file (1 % of names changed), then the same")
    say(f"file checked again (identical: validation only). Seconds as total (validate + import).\n{HEADING}")
    met = True
    for r in results:
        first, again, same = r["first"], r["reupload"], r["identical"]
        ratio = again["total_s"] / first["total_s"]
        met &= ratio <= TARGET
        say(f"{r['database']:<11}{r['persons']:>9,}  {_split(first):>24}  {_split(again):>24}  {ratio:>6.2f}  "
            f"{same['validate_s']:>9.1f}s")  # fmt: skip
        say(f"{'':<11}{'':>9}  re-upload: {again['summary'].get('updated_persons', 0):,} persons updated, "
            f"{again['summary'].get('unchanged_persons', 0):,} unchanged; target ratio ≤ {TARGET}: "
            f"{'PASS' if ratio <= TARGET else 'FAIL'}")  # fmt: skip
    return met


def _split(run: dict) -> str:
    return f"{run['total_s']:.1f}s ({run['validate_s']:.1f} + {run.get('import_s', 0):.1f})"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, default=200_000)
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"])
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when the target is missed")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(int(args.child[0]), Path(args.child[1]))
        return 0
    results = []
    for database in args.databases:
        say(f"Measuring {database} with {args.persons:,} persons…")
        results.append(measure(database, args.persons))
        if len(args.databases) > 1:
            report(results[-1:])  # each database's figures as soon as they are known
    met = report(results)
    return 1 if args.strict and not met else 0


if __name__ == "__main__":
    sys.exit(main())
