"""The big synthetic dataset the page and report benchmarks run on, generated inside PostgreSQL.

3,000,000 persons in 1,000,000 households spread over every village of Lampung, a desil record per
household, 200,000 interventions of the fiscal year with five person recipients each (in the
intervention's village), a tenth of the villages designated locus, and some graduations. Everything
is synthetic: invented names, NIKs built from the village's kecamatan code, a date and a serial.

The tables of the registry and of the programs are emptied first (``TRUNCATE … RESTART IDENTITY``),
so the generator only runs on a database made for benchmarks (see ``make bench-web``).
"""

import time
from dataclasses import dataclass

from django.db import connection, transaction

from accounts.models import Role, User
from beneficiaries.models import DesilSource, GraduationSource, HouseholdStatus
from programs.models import (
    Agency,
    AgencyLevel,
    Cluster,
    FundingSource,
    InterventionStatus,
    Program,
    ProgramKind,
    TargetKind,
)
from villages.models import Village

REGISTRY_TABLES = [
    "programs_recipient", "programs_statuschange", "programs_evidence", "programs_assignment",
    "programs_intervention",
    "programs_program", "beneficiaries_graduation", "beneficiaries_desilrecord", "beneficiaries_personmove",
    "beneficiaries_person", "beneficiaries_household", "villages_villageyear",
]  # fmt: skip
FIRST_NAMES = ["Siti", "Ahmad", "Dewi", "Budi", "Sri", "Agus", "Nur", "Eko", "Rina", "Joko", "Wati", "Hendra"]
LAST_NAMES = ["Saputra", "Lestari", "Wijaya", "Rahayu", "Pratama", "Susanti", "Hidayat", "Kusuma", "Purnama"]


@dataclass(frozen=True)
class Size:
    households: int = 1_000_000
    persons_per_household: int = 3
    interventions: int = 200_000
    recipients_per_intervention: int = 5
    year: int = 2026

    @property
    def persons(self) -> int:
        return self.households * self.persons_per_household


def loaded(size: Size) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM beneficiaries_person), (SELECT count(*) FROM programs_intervention)"
        )
        persons, interventions = cursor.fetchone()
    return persons == size.persons and interventions == size.interventions


def generate(size: Size, *, log=print) -> None:
    """Empty the registry and program tables and fill them with ``size``; prints each step's time."""
    assert connection.vendor == "postgresql", "the benchmark dataset is generated in PostgreSQL"
    with transaction.atomic():
        _step("empty", log, _truncate)
        _step("villages", log, _villages, size)
        _step("households", log, _households, size)
        _step("persons", log, _persons, size)
        _step("desil history", log, _desil_history, size)
        programs = _step("programs", log, _programs, size)
        _step("interventions", log, _interventions, size, programs)
        _step("recipients", log, _recipients, size)
        _step("graduations", log, _graduations, size)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _step(label, log, function, *args):
    started = time.perf_counter()
    result = function(*args)
    log(f"  {label:<15} {time.perf_counter() - started:6.1f} s")
    return result


def _sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _truncate():
    _sql(f"TRUNCATE {', '.join(REGISTRY_TABLES)} RESTART IDENTITY CASCADE")
    # v.i numbers the villages 0..n-1; household h lives in the village numbered h mod n.
    _sql("DROP TABLE IF EXISTS bench_village")
    _sql(
        "CREATE TABLE bench_village AS SELECT row_number() OVER (ORDER BY v.code) - 1 AS i, v.id, v.code, "
        "replace(s.code, '.', '') AS kec FROM villages_village v JOIN villages_subdistrict s ON s.id = v.subdistrict_id"
    )
    _sql("CREATE UNIQUE INDEX ON bench_village (i)")


def _village_count() -> int:
    return Village.objects.count()


def _villages(size: Size):
    # Every tenth village is a locus village of the year; every village has a year row.
    _sql(
        "INSERT INTO villages_villageyear (village_id, year, idm_status, is_locus) "
        "SELECT id, %s, (ARRAY['sangat_tertinggal','tertinggal','berkembang','maju','mandiri'])[1 + i %% 5], "
        "i %% 10 = 0 FROM bench_village",
        [size.year],
    )


def _households(size: Size):
    n = _village_count()
    _sql(
        """
        INSERT INTO beneficiaries_household
            (no_kk, village_id, address, dusun, rt, rw, desil, desil_source, desil_as_of, status, status_reason,
             created_at, updated_at)
        SELECT v.kec || lpad(g::text, 10, '0'), v.id, 'Jalan Sintetis ' || (g %% 97), 'Dusun ' || (g %% 7 + 1),
               lpad((g %% 12 + 1)::text, 3, '0'), lpad((g %% 5 + 1)::text, 3, '0'),
               CASE WHEN g::bigint * 7919 %% 100 < 30 THEN 1 WHEN g::bigint * 7919 %% 100 < 55 THEN 2
                    WHEN g::bigint * 7919 %% 100 < 75 THEN 3 WHEN g::bigint * 7919 %% 100 < 90 THEN 4
                    ELSE 5 + g %% 6 END,
               %(source)s, make_date(%(year)s, 3, 31), %(active)s, '', now(), now()
        FROM generate_series(1, %(households)s) g JOIN bench_village v ON v.i = g %% %(villages)s
        """,
        {
            "year": size.year,
            "households": size.households,
            "villages": n,
            "source": DesilSource.DTSEN,
            "active": HouseholdStatus.ACTIVE,
        },
    )


def _persons(size: Size):
    # Person p (1-based) of household h = (p - 1) / k + 1; its NIK: kecamatan code, a birth date
    # (day + 40 for women), and a serial, all derived from p so every NIK is different.
    k = size.persons_per_household
    _sql(
        f"""
        INSERT INTO beneficiaries_person
            (nik, household_id, name, sex, birth_place, birth_date, relationship, marital_status, education,
             occupation, has_disability, created_at, updated_at)
        SELECT v.kec || lpad((d.day + CASE WHEN d.sex = 'P' THEN 40 ELSE 0 END)::text, 2, '0')
                     || lpad(d.month::text, 2, '0') || lpad((d.yy %% 100)::text, 2, '0')
                     || lpad((p %% 9999 + 1)::text, 4, '0'),
               h.id, (ARRAY{FIRST_NAMES!r})[1 + p %% {len(FIRST_NAMES)}] || ' '
                     || (ARRAY{LAST_NAMES!r})[1 + p / 7 %% {len(LAST_NAMES)}],
               d.sex, 'Lampung', make_date(1900 + d.yy, d.month, d.day),
               CASE WHEN (p - 1) %% {k} = 0 THEN 'kepala' WHEN (p - 1) %% {k} = 1 THEN 'istri' ELSE 'anak' END,
               '', '', '', p %% 50 = 0, now(), now()
        FROM generate_series(1, %(persons)s) p
        JOIN beneficiaries_household h ON h.id = (p - 1) / {k} + 1
        JOIN bench_village v ON v.id = h.village_id
        CROSS JOIN LATERAL (SELECT (p / 9999) %% 28 + 1 AS day, (p / 9999 / 28) %% 12 + 1 AS month,
                                   50 + (p / 9999 / 336) %% 50 AS yy,
                                   CASE WHEN (p - 1) %% {k} = 1 THEN 'P' ELSE 'L' END AS sex) d
        """,
        {"persons": size.persons},
    )


def _desil_history(size: Size):
    _sql(
        "INSERT INTO beneficiaries_desilrecord (household_id, desil, source, as_of, recorded_at) "
        "SELECT id, desil, desil_source, desil_as_of, now() FROM beneficiaries_household"
    )


def _programs(size: Size) -> list[int]:
    agencies = list(Agency.objects.filter(level=AgencyLevel.PROVINCE).order_by("pk"))
    kinds = list(ProgramKind.objects.order_by("pk"))
    programs = [
        Program(
            name=f"{kind.name} (sintetis {i + 1})", code=f"BENCH.{i + 1:02d}", fiscal_year=size.year, kind=kind,
            cluster=kind.cluster, lead_agency=agencies[i % len(agencies)], target_kind=TargetKind.PERSON,
            target_count=25_000, budget_ceiling=50_000_000_000, funding_source=FundingSource.APBD_PROVINCE,
            is_desaku_maju=kind.cluster != Cluster.BASIC_SERVICES,
        )
        for i, kind in enumerate(kinds * 3)
    ]  # fmt: skip
    return [program.pk for program in Program.objects.bulk_create(programs)]


def bench_user(role: str, **scope) -> User:
    username = f"bench.{role}.{'.'.join(str(value.pk) for value in scope.values()) or 'all'}"
    user, _ = User.objects.get_or_create(username=username, defaults={"role": role, **scope})
    if user.has_usable_password():
        user.set_unusable_password()
        user.save()
    return user


def _interventions(size: Size, programs: list[int]):
    creator = bench_user(Role.BAPPEDA_ADMIN)
    _sql("DROP TABLE IF EXISTS bench_program")
    _sql("CREATE TABLE bench_program (i int PRIMARY KEY, id int, agency_id int)")
    _sql(
        "INSERT INTO bench_program SELECT row_number() OVER (ORDER BY id) - 1, id, lead_agency_id "
        "FROM programs_program WHERE id = ANY(%s)",
        [programs],
    )
    _sql(
        """
        INSERT INTO programs_intervention
            (program_id, agency_id, village_id, description, quantity, unit, planned_budget, realised_spending,
             overspend_note, planned_date, actual_date, status, cancel_reason, created_by_id, updated_by_id,
             created_at, updated_at)
        SELECT p.id, p.agency_id, v.id, 'Kegiatan sintetis ' || g, 5, 'paket', 5000000 + (g %% 40) * 250000,
               CASE WHEN g %% 4 = 0 THEN 0 ELSE 4000000 + (g %% 40) * 250000 END, '',
               make_date(%(year)s, 1 + g %% 12, 1 + g %% 28),
               CASE WHEN g %% 4 = 0 THEN NULL ELSE make_date(%(year)s, 1 + g %% 12, 1 + g %% 28) END,
               (%(statuses)s::text[])[1 + g %% 4], '',
               %(creator)s, %(creator)s, now(), now()
        FROM generate_series(1, %(interventions)s) g
        JOIN bench_program p ON p.i = g %% %(programs)s
        JOIN bench_village v ON v.i = (g * 31) %% %(villages)s
        """,
        {
            "year": size.year, "interventions": size.interventions, "programs": len(programs),
            "villages": _village_count(), "creator": creator.pk,
            "statuses": [InterventionStatus.PLANNED, InterventionStatus.IN_PROGRESS, InterventionStatus.COMPLETED,
                         InterventionStatus.VERIFIED],
        },
    )  # fmt: skip


def _recipients(size: Size):
    # The households of the village numbered i are h = i + j * n; recipient j of an intervention is the
    # head of one of them, chosen so that the five are different.
    n = _village_count()
    per_village = size.households // n
    _sql(
        """
        INSERT INTO programs_recipient (intervention_id, person_id, received_on, added_by_id, added_at)
        SELECT t.id, (hh.h - 1) * %(k)s + 1, t.planned_date, t.created_by_id, now()
        FROM programs_intervention t
        JOIN bench_village v ON v.id = t.village_id
        CROSS JOIN generate_series(0, %(recipients)s - 1) j
        CROSS JOIN LATERAL (SELECT v.i + ((t.id + j * 53) %% %(per_village)s) * %(villages)s AS h) hh
        WHERE hh.h BETWEEN 1 AND %(households)s
        """,
        {
            "k": size.persons_per_household, "recipients": size.recipients_per_intervention,
            "per_village": per_village, "villages": n, "households": size.households,
        },
    )  # fmt: skip


def _graduations(size: Size):
    # 12,000 households (one in 83) lifted above the threshold this year.
    _sql(
        """
        WITH lifted AS (
            UPDATE beneficiaries_household SET status = %(graduated)s, status_date = make_date(%(year)s, 6, 30),
                   status_reason = 'Graduasi sintetis'
            WHERE id %% 83 = 0 RETURNING id, desil)
        INSERT INTO beneficiaries_graduation (household_id, graduated_on, source, reason, evidence,
            evidence_extension, evidence_name, desil_before, desil_after, recorded_at)
        SELECT id, make_date(%(year)s, 6, 30), %(source)s, 'Graduasi sintetis', '', '', '', desil, 6, now() FROM lifted
        """,
        {"year": size.year, "graduated": HouseholdStatus.GRADUATED, "source": GraduationSource.DESIL},
    )
