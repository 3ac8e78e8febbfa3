"""`make bench-report`: build a province annual LP2KD (xlsx + PDF) on a loaded database; prints seconds.

    DJANGO_SETTINGS_MODULE=desakumaju.settings DJANGO_DEBUG=false DJANGO_SECRET_KEY=bench \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/desakumaju_bench_web \\
    .venv/bin/python -m benchmarks.bench_report [--year 2026]

``run(year)`` assumes the data is loaded (the page benchmark's generator, ``make bench-web``, loads
3,000,000 persons, 1,000,000 households and 200,000 interventions). It builds the report as a worker
does (``build_report``), so the time covers the aggregates, the workbook, the PDF and saving the files.
Target: under 60 seconds.
"""

import argparse
import os
import sys
import time

TARGET_SECONDS = 60
BENCH_USER = "bench_laporan"


def run(year: int) -> float:
    """Seconds to build the province annual report of ``year``; raises if the build did not succeed."""
    from accounts.models import Role, User
    from reporting.reports_models import PROVINCE_CODE, Report, ReportKind, ReportStatus
    from reporting.reports_services import build_report

    admin, _ = User.objects.get_or_create(username=BENCH_USER, defaults={"role": Role.BAPPEDA_ADMIN})
    Report.objects.filter(requested_by=admin).running().update(status=ReportStatus.FAILED, message="bench")
    report = Report.objects.create(kind=ReportKind.ANNUAL, year=year, scope_code=PROVINCE_CODE, requested_by=admin)
    started = time.perf_counter()
    build_report(report_id=report.pk)
    elapsed = time.perf_counter() - started
    report.refresh_from_db()
    if report.status != ReportStatus.READY:
        raise RuntimeError(f"report {report.pk} ended {report.status}: {report.message}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2026)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "desakumaju.settings")
    import django

    django.setup()
    seconds = run(args.year)
    verdict = "OK" if seconds < TARGET_SECONDS else "TOO SLOW"
    print(f"province annual report {args.year}: {seconds:.1f} s (target < {TARGET_SECONDS} s) {verdict}")
    return 0 if seconds < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
