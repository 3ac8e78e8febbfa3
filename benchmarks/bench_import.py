"""`make bench-import`: the BNBA import pipeline against the bare parse + COPY floor and django-import-export.

    DJANGO_SETTINGS_MODULE=desakumaju.settings DJANGO_DEBUG=false DJANGO_SECRET_KEY=bench \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/desakumaju_bench \\
    .venv/bin/python -m benchmarks.bench_import [--persons-xlsx 100000] [--persons-csv 1000000] \\
        [--import-export-rows 10000] [--profile] [--strict]

The database must be migrated and hold the regions (``load_regions``); the Makefile target does both.
Every measurement runs in a fresh child process (this module with ``--child``) so that its peak RSS is
its own. What is measured, and the targets: benchmarks/README.md.
"""

import argparse
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import datetime
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = Path(__file__).resolve().parent / "results"
SEED = 2026
MEAN_HOUSEHOLD_SIZE = 3.85  # demo.SyntheticRegistry: a head, a spouse 85% of the time, 0-4 children
CHUNK = 20_000  # rows per parse/COPY step of the baseline
BENCH_USER = "bench.admin"
SCRATCH = "bench_import_scratch"
TARGET_RATIO = 2.5  # (b) seconds / (a) seconds, each file
TARGET_SPEEDUP = 30  # (b) rows/s / (c) rows/s
TARGET_PEAK_MIB = 1024  # peak RSS of (b) on the CSV
PROFILE_TOP = 25


# --- helpers shared by the parent and the children ---------------------------------------------


def peak_rss_mib() -> float:
    """This process's peak resident set size (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def vmhwm_mib() -> float | None:
    """The peak RSS of this address space alone (/proc/self/status VmHWM), as a cross-check.

    Linux carries a process's pre-exec RSS high-water mark over into ru_maxrss, so a child spawned by
    a big parent would report at least the parent's size: that is why the parent stays small.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def memory() -> dict:
    return {"peak_rss_mib": peak_rss_mib(), "vmhwm_mib": vmhwm_mib()}


def say(message: str) -> None:
    print(message, flush=True)


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "desakumaju.settings")
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit(
            f"bench_import measures PostgreSQL only; DATABASE_URL points to {connection.vendor}. "
            "Run `make bench-import` or set DATABASE_URL=postgres://…/desakumaju_bench."
        )


def reset_registry() -> None:
    """Empty the registry and import tables so every run starts from the same state."""
    from django.db import connection

    from beneficiaries.models import DesilRecord, Household, ImportBatch, ImportProblem, Person, PersonMove, StagedRow

    tables = [m._meta.db_table for m in (Person, PersonMove, DesilRecord, Household, ImportProblem, StagedRow)]
    tables.append(ImportBatch._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        cursor.execute(f"VACUUM ANALYZE {', '.join(tables)}")


# --- (a) the floor: parse + COPY into a scratch table -------------------------------------------


def child_baseline(path: Path, kind: str, columns: int) -> dict:
    """Parse the file (calamine or a streamed csv.reader) and COPY every data row, as text, in chunks."""
    import psycopg
    from python_calamine import CalamineWorkbook

    with psycopg.connect(os.environ["BENCH_CONNINFO"]) as conn, ExitStack() as stack:
        with conn.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {SCRATCH}")
            cursor.execute(f"CREATE UNLOGGED TABLE {SCRATCH} ({', '.join(f'c{i} text' for i in range(columns))})")
        conn.commit()
        parse = copying = 0.0
        rows = 0
        start = time.perf_counter()
        if kind == "xlsx":
            reader = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).iter_rows()
        else:
            reader = csv.reader(stack.enter_context(path.open(encoding="utf-8", newline="")))
        next(reader)  # the header row
        parse += time.perf_counter() - start
        with conn.cursor() as cursor, cursor.copy(f"COPY {SCRATCH} FROM STDIN") as copy:
            while True:
                began = time.perf_counter()
                chunk = list(islice(reader, CHUNK))
                parsed = time.perf_counter()
                parse += parsed - began
                if not chunk:
                    break
                for row in chunk:
                    copy.write_row(row)
                rows += len(chunk)
                copying += time.perf_counter() - parsed
            closing = time.perf_counter()
        conn.commit()
        end = time.perf_counter()
        copying += end - closing
        with conn.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {SCRATCH}")  # noqa: S608 - a constant table name
            copied = cursor.fetchone()[0]
            cursor.execute(f"DROP TABLE {SCRATCH}")
        conn.commit()
    if copied != rows:
        raise SystemExit(f"baseline: {rows} rows parsed but {copied} in the scratch table")
    seconds = end - start
    say(f"  (a) {kind}: {rows:,} rows in {seconds:.2f} s (parse {parse:.2f} s, COPY {copying:.2f} s)")
    return {
        "rows": rows,
        "seconds": seconds,
        "parse_seconds": parse,
        "copy_seconds": copying,
        "rows_per_s": rows / seconds,
        **memory(),
    }


# --- (b) the portal's pipeline ------------------------------------------------------------------


def child_pipeline(path: Path, kind: str, profile_path: Path | None) -> dict:
    """create_batch → run_validation → request_import → run_import, as the bench Bappeda admin.

    With no broker Celery is eager, so create_batch and request_import run the tasks themselves
    (transaction.on_commit fires at once in autocommit); the explicit calls after them then find the
    batch already claimed and do nothing. Each call of run_validation / run_import is recorded with
    the batch status before and after it, and exactly one of each must move the batch on.
    """
    django_setup()
    from django.core.files import File
    from django.utils import timezone

    from accounts.models import User
    from beneficiaries.imports import running, services
    from beneficiaries.models import BatchStatus, DesilSource, Household, ImportBatch, Person

    user = User.objects.get(username=BENCH_USER)
    calls: list[dict] = []
    caller = {"now": ""}

    def status_of(batch_id: int) -> str:
        return ImportBatch.objects.filter(pk=batch_id).values_list("status", flat=True).first()

    def instrument(phase: str, original):
        def timed(*, batch_id: int, **options) -> None:
            before = status_of(batch_id)
            began = time.perf_counter()
            try:
                original(batch_id=batch_id, **options)
            finally:
                seconds = time.perf_counter() - began
                calls.append(
                    {
                        "phase": phase,
                        "called_from": caller["now"],
                        "seconds": seconds,
                        "before": before,
                        "after": status_of(batch_id),
                    }
                )

        return timed

    # The tasks call running.*; services re-exports them for explicit calls: one instrumented function each.
    running.run_validation = services.run_validation = instrument("validate", running.run_validation)
    running.run_import = services.run_import = instrument("import", running.run_import)

    profiler = None
    if profile_path:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    start = time.perf_counter()
    caller["now"] = "create_batch"
    with path.open("rb") as handle:
        batch, _ = services.create_batch(
            user=user,
            upload=File(handle, name=path.name),
            desil_source=DesilSource.DTSEN,
            desil_as_of=timezone.localdate(),
        )
    created_at = time.perf_counter()
    caller["now"] = "explicit"
    services.run_validation(batch_id=batch.pk)
    batch.refresh_from_db()
    validated = time.perf_counter()
    if batch.status != BatchStatus.READY:
        problems = list(batch.problems.filter(level="error").values_list("row", "column", "message")[:10])
        raise SystemExit(f"pipeline: batch {batch.status} after validation: {batch.message} {problems}")
    caller["now"] = "request_import"
    if not services.request_import(batch=batch, user=user):
        raise SystemExit("pipeline: request_import refused a ready batch")
    caller["now"] = "explicit"
    services.run_import(batch_id=batch.pk)
    batch.refresh_from_db()
    end = time.perf_counter()
    if profiler:
        profiler.disable()
    if batch.status != BatchStatus.IMPORTED:
        raise SystemExit(f"pipeline: batch {batch.status} after import: {batch.message}")

    effective = {
        phase: [c for c in calls if c["phase"] == phase and c["before"] != c["after"]]
        for phase in ("validate", "import")
    }
    expected = {"validate": ("uploaded", "ready"), "import": ("importing", "imported")}
    for phase, found in effective.items():
        if len(found) != 1 or (found[0]["before"], found[0]["after"]) != expected[phase]:
            raise SystemExit(f"pipeline: expected one {phase} call moving {expected[phase]}, got {calls}")
    summary = batch.summary
    persons, households = Person.objects.count(), Household.objects.count()
    if persons != summary["valid_rows"]:
        raise SystemExit(f"pipeline: {persons} persons in the registry, {summary['valid_rows']} valid rows")

    validate, merge = effective["validate"][0]["seconds"], effective["import"][0]["seconds"]
    seconds = end - start
    rows = summary["rows"]
    result = {
        "rows": rows,
        "seconds": seconds,
        "rows_per_s": rows / seconds,
        "validate_seconds": validate,
        "import_seconds": merge,
        "other_seconds": seconds - validate - merge,  # hashing + storing the upload, claims, refreshes
        "create_batch_seconds": created_at - start,
        "until_ready_seconds": validated - start,
        "request_to_imported_seconds": end - validated,
        "validate_ran_in": effective["validate"][0]["called_from"],
        "import_ran_in": effective["import"][0]["called_from"],
        "calls": calls,
        # Cross-check from the batch's own timestamps (database clock).
        "timestamps": {
            "created_to_validated": (batch.validated_at - batch.created_at).total_seconds(),
            "import_started_to_imported": (batch.imported_at - batch.started_at).total_seconds(),
        },
        "summary": {key: value for key, value in summary.items() if key not in ("columns", "ignored_columns")},
        "registry": {"persons": persons, "households": households},
        **memory(),
        "profiled": bool(profiler),
    }
    say(
        f"  (b) {kind}: {rows:,} rows in {seconds:.2f} s = validate {validate:.2f} s (ran in "
        f"{result['validate_ran_in']}) + import {merge:.2f} s (ran in {result['import_ran_in']}) + other "
        f"{result['other_seconds']:.2f} s; calls: "
        + ", ".join(f"{c['phase']}[{c['called_from']}] {c['before']}→{c['after']} {c['seconds']:.2f} s" for c in calls)
    )
    say(
        "      summary: "
        + ", ".join(f"{key} {value:,}" for key, value in result["summary"].items() if isinstance(value, int))
        + f"; merge result {summary.get('result')}; registry {persons:,} persons, {households:,} households"
    )
    if profiler:
        result["profile"] = write_profile(profiler, profile_path)
    return result


def write_profile(profiler, path: Path) -> str:
    import io
    import pstats

    profiler.dump_stats(str(path))
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).strip_dirs().sort_stats("cumulative").print_stats(PROFILE_TOP)
    report = text.getvalue()
    path.with_suffix(".txt").write_text(report)
    say(f"      cProfile (top {PROFILE_TOP} cumulative; {path}):\n{report}")
    return report


# --- (a′) the registry write alone --------------------------------------------------------------


def child_registry_write() -> dict:
    """What PostgreSQL alone needs to write what (b) wrote: the same households, desil records and
    persons, inserted in one transaction into the emptied registry tables (their indexes, constraints
    and WAL) from unlogged copies, with no parsing, checking, staging or upsert logic.

    Informative, not a target: (a) + (a′) is a lower bound for any pipeline that reads the file and
    writes the registry, the portal's included. (a″) is the same write with the foreign-key triggers
    off (``session_replication_role = replica``, superusers only): what even a registry without
    foreign keys would cost.
    """
    django_setup()
    from django.db import connection

    from beneficiaries.models import DesilRecord, Household, Person

    tables = [model._meta.db_table for model in (Household, DesilRecord, Person)]  # insertion order (foreign keys)
    counts = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        superuser = cursor.fetchone()[0]
        for table in tables:
            cursor.execute(f"DROP TABLE IF EXISTS {SCRATCH}_{table}")
            cursor.execute(f"CREATE UNLOGGED TABLE {SCRATCH}_{table} AS SELECT * FROM {table}")  # noqa: S608
            counts[table] = cursor.rowcount
        # Without the foreign-key checks first, so the registry is left as written with them.
        without_fks = _timed_registry_write(cursor, tables, fk_checks=False) if superuser else None
        seconds = _timed_registry_write(cursor, tables, fk_checks=True)
        for table in tables:
            cursor.execute(f"DROP TABLE {SCRATCH}_{table}")
    persons = counts[Person._meta.db_table]
    say(
        f"  (a′) registry write: {persons:,} persons, {counts[Household._meta.db_table]:,} households, "
        f"{counts[DesilRecord._meta.db_table]:,} desil records in {seconds:.2f} s; "
        + (f"(a″) without foreign-key checks {without_fks:.2f} s" if superuser else "(a″) skipped: not a superuser")
    )
    return {"rows": persons, "seconds": seconds, "without_fk_checks_seconds": without_fks, "tables": counts}


def _timed_registry_write(cursor, tables: list[str], *, fk_checks: bool) -> float:
    from django.db import transaction

    cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
    cursor.execute(f"VACUUM ANALYZE {', '.join(tables)}")
    start = time.perf_counter()
    with transaction.atomic():
        if not fk_checks:
            cursor.execute("SET LOCAL session_replication_role = replica")  # no triggers, so no FK checks
        for table in tables:
            cursor.execute(f"INSERT INTO {table} SELECT * FROM {SCRATCH}_{table}")  # noqa: S608 - constant names
    return time.perf_counter() - start


# --- (c) django-import-export ------------------------------------------------------------------


def child_import_export(path: Path, rows: int) -> dict:
    """A plain ModelResource for Person importing the file's first ``rows`` persons (default settings)."""
    django_setup()
    import tablib
    from import_export import fields, resources, widgets

    from beneficiaries.imports.values import relationship
    from beneficiaries.models import Household, Person
    from villages.models import Village

    class PersonResource(resources.ModelResource):
        household = fields.Field(
            attribute="household", column_name="household", widget=widgets.ForeignKeyWidget(Household, "no_kk")
        )

        class Meta:
            model = Person
            fields = ("nik", "name", "sex", "birth_place", "birth_date", "relationship", "household")
            import_id_fields = ["nik"]

    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        records = [dict(zip(header, row, strict=True)) for row in islice(reader, rows)]
    # Outside the timing: the households the persons belong to, and the dataset in model terms.
    villages = dict(Village.objects.values_list("code", "pk"))
    households = {}
    for record in records:
        households.setdefault(
            record["No KK"],
            Household(
                no_kk=record["No KK"],
                village_id=villages[record["Kode Desa"]],
                address=record["Alamat"],
                dusun=record["Dusun"],
                rt=record["RT"],
                rw=record["RW"],
            ),
        )
    Household.objects.bulk_create(households.values(), batch_size=5000)
    dataset = tablib.Dataset(headers=["nik", "name", "sex", "birth_place", "birth_date", "relationship", "household"])
    for record in records:
        day, month, year = record["Tanggal Lahir"].split("/")
        dataset.append(
            [
                record["NIK"],
                record["Nama"],
                record["Jenis Kelamin"],
                record["Tempat Lahir"],
                f"{year}-{month}-{day}",
                str(relationship(record["Hubungan Keluarga"])),
                record["No KK"],
            ]
        )
    resource = PersonResource()
    start = time.perf_counter()
    result = resource.import_data(dataset, dry_run=False, use_transactions=True)
    seconds = time.perf_counter() - start
    if result.has_errors() or result.has_validation_errors():
        errors = [error.error for _, row_errors in result.row_errors()[:3] for error in row_errors]
        raise SystemExit(f"import-export: errors {errors} {result.invalid_rows[:3]}")
    persons = Person.objects.count()
    if persons != len(records):
        raise SystemExit(f"import-export: {persons} persons after importing {len(records)} rows")
    sample = Person.objects.select_related("household").get(nik=records[0]["NIK"])
    say(
        f"  (c) import-export: {len(records):,} rows in {seconds:.2f} s = {len(records) / seconds:,.0f} rows/s "
        f"({len(households):,} households created first; totals {dict(result.totals)}; sample birth date "
        f"{sample.birth_date}, household {sample.household.no_kk == records[0]['No KK']})"
    )
    return {
        "rows": len(records),
        "seconds": seconds,
        "rows_per_s": len(records) / seconds,
        "households": len(households),
        **memory(),
    }


# --- the parent: generate the files, run the children, report -----------------------------------


def generate_csv(path: Path, persons: int) -> dict:
    from beneficiaries.demo import SyntheticRegistry, write_csv

    began = time.perf_counter()
    households = max(1, round(persons / MEAN_HOUSEHOLD_SIZE))
    count = write_csv(path, SyntheticRegistry.for_villages(seed=SEED), households)
    return {
        "households": households,
        "persons": count,
        "bytes": path.stat().st_size,
        "seconds": time.perf_counter() - began,
    }


def generate_xlsx(path: Path, persons: int) -> dict:
    """The same seed as the CSV, so these households are the CSV's first ones; identity numbers as text."""
    import xlsxwriter

    from beneficiaries.demo import HEADER, SyntheticRegistry

    began = time.perf_counter()
    text_columns = {HEADER.index(label) for label in ("No KK", "NIK", "Kode Desa")}
    registry = SyntheticRegistry.for_villages(seed=SEED)
    households = count = 0
    with xlsxwriter.Workbook(str(path), {"constant_memory": True}) as book:
        sheet = book.add_worksheet("Data")
        text = book.add_format({"num_format": "@"})
        for column in text_columns:
            sheet.set_column(column, column, 18, text)
        for column, label in enumerate(HEADER):
            sheet.write_string(0, column, label)
        for members in registry.households(sys.maxsize):
            for row in members:
                count += 1
                for column, value in enumerate(row):
                    if isinstance(value, str):
                        sheet.write_string(count, column, value, text if column in text_columns else None)
                    else:
                        sheet.write_number(count, column, value)
            households += 1
            if count >= persons:
                break
    return {
        "households": households,
        "persons": count,
        "bytes": path.stat().st_size,
        "seconds": time.perf_counter() - began,
    }


def child_setup(workdir: Path, persons_xlsx: int, persons_csv: int) -> dict:
    """Check the database, create the bench Bappeda admin, generate the two files."""
    django_setup()
    from django.conf import settings
    from django.db import connection
    from psycopg.conninfo import make_conninfo

    from accounts.models import Role, User
    from beneficiaries.demo import HEADER
    from villages.models import Village

    if not Village.objects.exists():
        sys.exit("No villages in the bench database: run `manage.py load_regions` (make bench-import does).")
    user, created = User.objects.get_or_create(
        username=BENCH_USER, defaults={"role": Role.BAPPEDA_ADMIN, "first_name": "Bench", "last_name": "Admin"}
    )
    if created:
        user.set_unusable_password()
        user.save()
    db = settings.DATABASES["default"]
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
    say(f"PostgreSQL {server}, database {db['NAME']} at {db.get('HOST') or 'local socket'}:{db.get('PORT') or 5432}")
    files = {"xlsx": workdir / "bnba-bench.xlsx", "csv": workdir / "bnba-bench.csv"}
    generated = {
        "xlsx": generate_xlsx(files["xlsx"], persons_xlsx),
        "csv": generate_csv(files["csv"], persons_csv),
    }
    for kind, info in generated.items():
        info["path"] = str(files[kind])
        say(
            f"generated {kind}: {info['persons']:,} persons in {info['households']:,} households, "
            f"{info['bytes'] / 2**20:.1f} MiB, {info['seconds']:.1f} s"
        )
    reset_registry()
    return {
        "postgresql": server,
        "database": db["NAME"],
        "host": f"{db.get('HOST') or 'local socket'}:{db.get('PORT') or 5432}",
        "conninfo": make_conninfo(
            dbname=db["NAME"],
            user=db.get("USER") or None,
            password=db.get("PASSWORD") or None,
            host=db.get("HOST") or None,
            port=str(db.get("PORT") or "") or None,
        ),
        "columns": len(HEADER),
        "files": generated,
    }


def child_reset() -> dict:
    django_setup()
    reset_registry()
    return {}


def code_version() -> dict:
    """The commit measured and the pipeline files that differ from it (the working tree is what runs)."""

    def git(*arguments: str) -> str:
        try:
            done = subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True, check=True)  # noqa: S603, S607
        except (OSError, subprocess.CalledProcessError):
            return ""
        return done.stdout.rstrip()

    changed = git("status", "--porcelain", "--", "beneficiaries", "desakumaju", "villages")
    return {"commit": git("rev-parse", "--short", "HEAD"), "changed": [line[3:] for line in changed.splitlines()]}


def run_child(workdir: Path, name: str, arguments: list[str]) -> dict:
    """Run one step in a fresh interpreter (this module with --child) and read back its JSON result."""
    out = workdir / f"{name}.json"
    command = [sys.executable, "-m", "benchmarks.bench_import", "--child", *arguments, "--out", str(out)]
    subprocess.run(command, cwd=ROOT, check=True)  # noqa: S603 - this very script
    return json.loads(out.read_text())


def orchestrate(args) -> int:
    """The parent never imports Django and holds no data, so the children's ru_maxrss is their own."""
    workdir = Path(tempfile.mkdtemp(prefix="bench-import-"))
    # Uploads are stored by create_batch: keep them in the scratch folder, not in the portal's media.
    os.environ["PRIVATE_ROOT"] = str(workdir / "private")
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    # Run the tasks in the measuring process (Celery eager), whatever a .env says about a broker.
    os.environ["CELERY_BROKER_URL"] = ""
    try:
        return _orchestrate(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _orchestrate(args, workdir: Path) -> int:
    stamp = datetime.now().astimezone()
    load_before = os.getloadavg()
    version = code_version()
    RESULTS_DIR.mkdir(exist_ok=True)
    say(f"BNBA import benchmark, {stamp:%Y-%m-%d %H:%M:%S %Z}; working folder {workdir}")
    setup = run_child(
        workdir,
        "setup",
        ["setup", "--workdir", str(workdir), "--persons-xlsx", str(args.persons_xlsx),
         "--persons-csv", str(args.persons_csv)],
    )  # fmt: skip
    os.environ["BENCH_CONNINFO"] = setup["conninfo"]
    files = {kind: info["path"] for kind, info in setup["files"].items()}

    results: dict = {"xlsx": {}, "csv": {}}
    for kind, path in files.items():
        say(f"[{kind}] (a) baseline: parse + COPY into an UNLOGGED scratch table")
        results[kind]["baseline"] = run_child(
            workdir,
            f"baseline-{kind}",
            ["baseline", "--kind", kind, "--file", path, "--columns", str(setup["columns"])],
        )
        run_child(workdir, "reset", ["reset"])
        say(
            f"[{kind}] (b) portal pipeline: create_batch → validate → request_import → import"
            + (" (under cProfile: timings inflated)" if args.profile else "")
        )
        pipeline_args = ["pipeline", "--kind", kind, "--file", path]
        if args.profile:
            pipeline_args += ["--profile-out", str(RESULTS_DIR / f"bench_import-{stamp:%Y%m%d-%H%M%S}-{kind}.prof")]
        results[kind]["pipeline"] = run_child(workdir, f"pipeline-{kind}", pipeline_args)
        say(f"[{kind}] (a′) the registry write alone: what (b) wrote, inserted again into the emptied tables")
        results[kind]["registry_write"] = run_child(workdir, f"registry-write-{kind}", ["registry-write"])

    import_export = None
    if args.import_export_rows > 0:
        run_child(workdir, "reset", ["reset"])
        say(f"(c) django-import-export: a plain ModelResource, first {args.import_export_rows:,} rows of the CSV")
        import_export = run_child(
            workdir, "import-export", ["import-export", "--file", files["csv"], "--rows", str(args.import_export_rows)]
        )
    run_child(workdir, "reset", ["reset"])  # leave the bench database empty; the files go with the folder

    report = build_report(stamp, setup, args, results, import_export)
    report["load_average"] = {"start": load_before, "end": os.getloadavg(), "cpus": os.cpu_count()}
    report["code"] = version
    say(format_table(report))
    out = RESULTS_DIR / f"bench_import-{stamp:%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(report, indent=2, default=str))
    say(f"Results written to {out}")
    return 1 if args.strict and not report["all_pass"] else 0


def build_report(stamp, setup, args, results, import_export) -> dict:
    checks = []
    for kind in ("xlsx", "csv"):
        baseline, pipeline = results[kind]["baseline"], results[kind]["pipeline"]
        ratio = pipeline["seconds"] / baseline["seconds"]
        results[kind]["ratio"] = ratio
        bound = baseline["seconds"] + results[kind]["registry_write"]["seconds"]
        results[kind]["ratio_to_read_and_write"] = pipeline["seconds"] / bound
        results[kind]["read_and_write_ratio"] = bound / baseline["seconds"]
        if (without_fks := results[kind]["registry_write"].get("without_fk_checks_seconds")) is not None:
            results[kind]["read_and_write_without_fks_ratio"] = 1 + without_fks / baseline["seconds"]
        checks.append({"check": f"{kind}: (b)/(a) ≤ {TARGET_RATIO}", "value": ratio, "pass": ratio <= TARGET_RATIO})
        if import_export:
            speedup = pipeline["rows_per_s"] / import_export["rows_per_s"]
            results[kind]["speedup_vs_import_export"] = speedup
            checks.append(
                {
                    "check": f"{kind}: (b)÷(c) per row ≥ {TARGET_SPEEDUP}",
                    "value": speedup,
                    "pass": speedup >= TARGET_SPEEDUP,
                }
            )
    peak = results["csv"]["pipeline"]["peak_rss_mib"]
    checks.append(
        {"check": f"csv: (b) peak RSS < {TARGET_PEAK_MIB} MiB", "value": peak, "pass": peak < TARGET_PEAK_MIB}
    )
    return {
        "timestamp": stamp.isoformat(timespec="seconds"),
        "postgresql": setup["postgresql"],
        "database": setup["database"],
        "host": setup["host"],
        "python": sys.version.split()[0],
        "sizes": {
            "persons_xlsx": args.persons_xlsx,
            "persons_csv": args.persons_csv,
            "import_export_rows": args.import_export_rows,
        },
        "profiled": args.profile,
        "files": setup["files"],
        "results": results,
        "import_export": import_export,
        "targets": {"ratio_max": TARGET_RATIO, "speedup_min": TARGET_SPEEDUP, "csv_peak_rss_mib_max": TARGET_PEAK_MIB},
        "checks": checks,
        "all_pass": all(check["pass"] for check in checks),
    }


def format_table(report: dict) -> str:
    results, ie = report["results"], report["import_export"]
    a = {kind: results[kind]["baseline"] for kind in results}
    b = {kind: results[kind]["pipeline"] for kind in results}

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    lines = []

    def line(label: str, *cells: str) -> None:
        lines.append(f"{label:<44}" + "".join(f"{cell:>26}" for cell in cells))

    lines.append(
        f"BNBA import benchmark {report['timestamp']}: PostgreSQL {report['postgresql']}, "
        f"{report['database']} at {report['host']}, Python {report['python']}"
    )
    line("", "xlsx", "csv")
    line("rows (persons in the file)", *(f"{b[k]['rows']:,}" for k in ("xlsx", "csv")))
    line("rows rejected by validation", *(f"{b[k]['summary'].get('rejected_rows', 0):,}" for k in ("xlsx", "csv")))
    line("(a) parse + COPY, s", *(f"{a[k]['seconds']:.2f}" for k in ("xlsx", "csv")))
    line("    parse / COPY, s", *(f"{a[k]['parse_seconds']:.2f} / {a[k]['copy_seconds']:.2f}" for k in ("xlsx", "csv")))
    line("(a) rows/s", *(f"{a[k]['rows_per_s']:,.0f}" for k in ("xlsx", "csv")))
    w = {kind: results[kind]["registry_write"] for kind in results}
    line("(a′) registry write alone, s (informative)", *(f"{w[k]['seconds']:.2f}" for k in ("xlsx", "csv")))
    line(
        "    ((a)+(a′)) ÷ (a): lowest reachable (b)/(a)",
        *(f"{results[k]['read_and_write_ratio']:.2f}" for k in ("xlsx", "csv")),
    )
    if all(w[k].get("without_fk_checks_seconds") is not None for k in w):
        line("(a″) the same without FK checks, s", *(f"{w[k]['without_fk_checks_seconds']:.2f}" for k in w))
        line("    ((a)+(a″)) ÷ (a)", *(f"{results[k]['read_and_write_without_fks_ratio']:.2f}" for k in w))
    line("(b) portal pipeline, s", *(f"{b[k]['seconds']:.2f}" for k in ("xlsx", "csv")))
    line(
        "    validate / import / other, s",
        *(
            f"{b[k]['validate_seconds']:.2f} / {b[k]['import_seconds']:.2f} / {b[k]['other_seconds']:.2f}"
            for k in ("xlsx", "csv")
        ),
    )
    line("(b) rows/s", *(f"{b[k]['rows_per_s']:,.0f}" for k in ("xlsx", "csv")))
    line("(b) ÷ ((a)+(a′)) (informative)", *(f"{results[k]['ratio_to_read_and_write']:.2f}" for k in ("xlsx", "csv")))
    line(
        f"(b)/(a) (target ≤ {TARGET_RATIO})",
        *(f"{results[k]['ratio']:.2f} {verdict(results[k]['ratio'] <= TARGET_RATIO)}" for k in ("xlsx", "csv")),
    )
    line(
        "peak RSS (a) / (b), MiB",
        *(f"{a[k]['peak_rss_mib']:.0f} / {b[k]['peak_rss_mib']:.0f}" for k in ("xlsx", "csv")),
    )
    line(
        "VmHWM (a) / (b), MiB (cross-check)",
        *(f"{a[k]['vmhwm_mib'] or 0:.0f} / {b[k]['vmhwm_mib'] or 0:.0f}" for k in ("xlsx", "csv")),
    )
    csv_peak = b["csv"]["peak_rss_mib"]
    line(
        f"(b) peak RSS, csv (target < {TARGET_PEAK_MIB} MiB)",
        "",
        f"{csv_peak:.0f} {verdict(csv_peak < TARGET_PEAK_MIB)}",
    )
    if ie:
        line(
            f"(b)÷(c) per row (target ≥ {TARGET_SPEEDUP})",
            *(
                f"{results[k]['speedup_vs_import_export']:.1f}× "
                f"{verdict(results[k]['speedup_vs_import_export'] >= TARGET_SPEEDUP)}"
                for k in ("xlsx", "csv")
            ),
        )
    if ie:
        lines.append(
            f"(c) django-import-export: {ie['rows']:,} rows in {ie['seconds']:.2f} s = "
            f"{ie['rows_per_s']:,.0f} rows/s, peak RSS {ie['peak_rss_mib']:.0f} MiB"
        )
    code = report["code"]
    lines.append(
        f"Code: commit {code['commit'] or '?'}"
        + (f", with uncommitted changes in {', '.join(code['changed'])}" if code["changed"] else "")
    )
    load = report["load_average"]
    lines.append(
        f"Load average at start / end: {load['start'][0]:.1f} / {load['end'][0]:.1f} on {load['cpus']} CPUs "
        "(other work on the machine slows both (a) and (b))."
    )
    if report["profiled"]:
        lines.append("(b) ran under cProfile: its timings are inflated; do not compare them with the targets.")
    lines.append(f"Overall: {verdict(report['all_pass'])}")
    rule = "=" * max(len(text) for text in lines)
    return "\n".join([rule, *lines, rule])


# --- command line -------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons-xlsx", type=int, default=100_000, help="persons in the xlsx (default 100,000)")
    parser.add_argument("--persons-csv", type=int, default=1_000_000, help="persons in the CSV (default 1,000,000)")
    parser.add_argument(
        "--import-export-rows",
        type=int,
        default=10_000,
        help="rows django-import-export imports (default 10,000; 0 skips it)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="run (b) under cProfile and print its top cumulative entries (inflates its timings)",
    )
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when a target is missed")
    # Internal: one measurement in this (fresh) process.
    parser.add_argument(
        "--child",
        choices=["setup", "reset", "baseline", "pipeline", "registry-write", "import-export"],
        help=argparse.SUPPRESS,
    )
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--kind", choices=["xlsx", "csv"], help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--columns", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--rows", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    if not args.child:
        return orchestrate(args)
    if args.child == "setup":
        result = child_setup(args.workdir, args.persons_xlsx, args.persons_csv)
    elif args.child == "reset":
        result = child_reset()
    elif args.child == "baseline":
        result = child_baseline(args.file, args.kind, args.columns)
    elif args.child == "pipeline":
        result = child_pipeline(args.file, args.kind, args.profile_out)
    elif args.child == "registry-write":
        result = child_registry_write()
    else:
        result = child_import_export(args.file, args.rows)
    args.out.write_text(json.dumps(result, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
