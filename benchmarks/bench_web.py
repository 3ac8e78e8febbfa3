"""`make bench-web`: how fast the heaviest pages render on the full-size dataset (benchmarks/README.md).

Each page is requested through Django's test client as the user it is meant for, ``--runs`` times
after ``--warmup`` unmeasured requests; the median and the 95th percentile of the wall time of the
whole request (middleware, queries, template) are printed next to the target.
"""

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass

TARGET_MS = 300


@dataclass(frozen=True)
class Page:
    label: str
    user: str  # a key of the users made in ``_users``
    url_name: str
    query: str = ""


def pages(year: int, district_pk: int) -> list[Page]:
    district = f"district={district_pk}"
    return [
        Page("Daftar intervensi (admin, provinsi)", "admin", "programs:intervention_list", f"tahun={year}"),
        Page("Daftar intervensi (perangkat daerah)", "agency", "programs:intervention_list", f"tahun={year}"),
        Page("Daftar intervensi (admin, satu kab.)", "admin", "programs:intervention_list", f"tahun={year}&{district}"),
        Page("Desa lokus (admin, provinsi)", "admin", "programs:locus_villages", f"tahun={year}"),
        Page("Desa lokus (petugas kabupaten)", "officer", "programs:locus_villages", f"tahun={year}"),
        Page("Daftar prioritas (admin, satu kab.)", "admin", "programs:priority_list", f"tahun={year}&{district}"),
        Page("Daftar prioritas (petugas kabupaten)", "officer", "programs:priority_list", f"tahun={year}&{district}"),
        Page("Dasbor provinsi (admin)", "admin", "dashboard:overview", f"tahun={year}"),
        Page("Dasbor kabupaten (admin, telusur)", "admin", "dashboard:overview", f"tahun={year}&{district}"),
        Page("Dasbor kabupaten (petugas kabupaten)", "officer", "dashboard:overview", f"tahun={year}"),
        Page("Dasbor perangkat daerah (staf OPD)", "agency", "dashboard:overview", f"tahun={year}"),
    ]


def cold_pages(year: int) -> list[Page]:
    """Dashboard views no worker warmed: the first view of another filter choice, or of any view
    right after a change before the warming task has run (printed, not held to the target)."""
    return [
        Page("Dasbor provinsi, klaster 1 (admin)", "admin", "dashboard:overview", f"tahun={year}&cluster=1"),
        Page("Dasbor provinsi, sebelum pemanasan", "admin", "dashboard:overview", f"tahun={year}"),
        Page("Dasbor kabupaten, sebelum pemanasan", "officer", "dashboard:overview", f"tahun={year}"),
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--interventions", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--regenerate", action="store_true", help="generate the dataset even if it is there")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a page misses the target")
    args = parser.parse_args(argv)

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "desakumaju.settings")
    django.setup()
    from django.db import connection

    from benchmarks import web_dataset

    if connection.vendor != "postgresql":
        sys.exit("bench-web runs on PostgreSQL only (set DATABASE_URL)")
    size = web_dataset.Size(households=args.households, interventions=args.interventions)
    if args.regenerate or not web_dataset.loaded(size):
        print(f"Generating {size.persons:,} persons, {size.households:,} households, {size.interventions:,} "
              f"interventions ({size.interventions * size.recipients_per_intervention:,} recipients)…")  # fmt: skip
        started = time.perf_counter()
        web_dataset.generate(size)
        print(f"  total           {time.perf_counter() - started:6.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # statistics of indexes added since the data was generated, as autovacuum would
    users, district = _users()
    print(_dataset_line(size))
    _warm_dashboards()
    print(f"{args.runs} measured requests per page after {args.warmup} warm-up; target {TARGET_MS} ms (median and p95)")
    print(f"{'page':<42} {'median':>9} {'p95':>9}  {'vs target':>9}")
    missed = 0
    for page in pages(size.year, district.pk):
        median, p95 = _measure(page, users[page.user], args.runs, args.warmup)
        ok = p95 <= TARGET_MS
        missed += not ok
        print(f"{page.label:<42} {median:7.1f}ms {p95:7.1f}ms  {p95 / TARGET_MS:8.2f}× {'PASS' if ok else 'MISS'}")
    print(f"{'all pages meet the target' if not missed else f'{missed} page(s) miss the target'}")
    _cold_dashboards(size.year, users)
    return 1 if (missed and args.strict) else 0


def _warm_dashboards() -> None:
    """What the worker does after every change (reporting.dashboard_warming), timed."""
    from django.core.cache import cache

    from reporting import dashboard_warming

    cache.clear()
    started = time.perf_counter()
    choices = dashboard_warming.warm()
    print(f"Dashboard warming (worker, {choices} filter choices): {time.perf_counter() - started:.1f} s")


def _cold_dashboards(year: int, users) -> None:
    """One request each, with the cache emptied first as after a change (only the registry's counts
    are kept for the other filter choice, as they are after warming)."""
    from django.core.cache import cache

    print("First view without warming (one request each, cache emptied; not held to the target):")
    for index, page in enumerate(cold_pages(year)):
        if index:
            cache.clear()
        else:
            _warm_dashboards()
        elapsed = _measure(page, users[page.user], runs=1, warmup=0, single=True)
        print(f"  {page.label:<40} {elapsed:7.0f}ms")


def _dataset_line(size) -> str:
    from beneficiaries.models import Household, Person
    from programs.models import Intervention, Recipient

    return (
        f"Dataset: {Person.objects.count():,} persons, {Household.objects.count():,} households, "
        f"{Intervention.objects.count():,} interventions, {Recipient.objects.count():,} recipients"
    )


def _users():
    from django.db.models import Count

    from accounts.models import Role
    from benchmarks.web_dataset import bench_user
    from programs.models import Agency
    from villages.models import District

    # The heaviest cases: the district with the most households, the agency with the most interventions.
    district = District.objects.annotate(n=Count("villages__household")).order_by("-n").first()
    agency = Agency.objects.annotate(n=Count("programs__interventions")).order_by("-n").first()
    users = {
        "admin": bench_user(Role.BAPPEDA_ADMIN),
        "officer": bench_user(Role.DISTRICT_OFFICER, district=district),
        "agency": bench_user(Role.AGENCY_STAFF, agency=agency),
    }
    return users, district


def _measure(page: Page, user, runs: int, warmup: int, single: bool = False):
    from django.test import Client
    from django.urls import reverse

    from tests.otp import needs_second_factor, pass_second_factor

    client = Client()
    client.force_login(user)
    if needs_second_factor(user):  # the admin's pages open only after the second factor
        pass_second_factor(client, user)
    url = f"{reverse(page.url_name)}?{page.query}"
    times = []
    for i in range(warmup + runs):
        started = time.perf_counter()
        response = client.get(url, secure=True)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            sys.exit(f"{page.label}: {url} answered {response.status_code}")
        if i >= warmup:
            times.append(elapsed)
    if single:
        return times[0]
    return statistics.median(times), statistics.quantiles(times, n=20, method="inclusive")[18]


if __name__ == "__main__":
    sys.exit(main())
