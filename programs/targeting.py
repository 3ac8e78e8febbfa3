"""Targeting and convergence: who is reached, who waits, which households get what, who graduated.

"Reached" in a year: a person is a recipient, or a member of a household that is a recipient, of an
intervention of that fiscal year that was not cancelled. Reach is a fact about the person, so it is
counted over every agency's interventions; what a user sees is scoped by ``visible_to(user)`` of the
villages, households and persons listed. A locus village's floor counts the persons reached by the
interventions delivered in it (``reached_by_village``).
"""

from django.db import connection
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, F, OuterRef, Q

from beneficiaries.models import Household, HouseholdStatus, Person
from villages.models import District, Village, VillageYear

from .models import Cluster, InterventionStatus, Recipient

LOCUS_FLOOR = 20
GRADUATION_TARGET = 10_000
FLAGS = {
    "aid_only": "Bantuan tanpa pemberdayaan",
    "duplicate": "Bantuan ganda",
    "neglected": "Desil 1 di desa lokus belum tersentuh",
}


def receipts(*, year: int | None = None, cluster: int | None = None):
    """Recipients of interventions not cancelled, of ``year`` and ``cluster`` when given."""
    found = Recipient.objects.exclude(intervention__status=InterventionStatus.CANCELLED)
    if year is not None:
        found = found.filter(intervention__program__fiscal_year=year)
    return found.filter(intervention__program__cluster=cluster) if cluster else found


def reaching_person(**kwargs):
    """Receipts that reach the person of the outer query, directly or through their household."""
    return receipts(**kwargs).filter(Q(person=OuterRef("pk")) | Q(household=OuterRef("household_id")))


def reaching_household(**kwargs):
    """Receipts that reach the household of the outer query or one of its members."""
    return receipts(**kwargs).filter(Q(household=OuterRef("pk")) | Q(person__household=OuterRef("pk")))


def reached_by_village(village_ids, *, year: int, found=None) -> dict[int, int]:
    """``{village pk: distinct persons reached}`` by ``found`` receipts (default: the year's) of
    interventions delivered in each village, in person or as members of a household that received.

    A locus village meets its floor with the persons reached *there*: the intervention's village
    counts, not where a person lives today (recipients always come from the intervention's village).
    One query from the interventions' side, which their village index serves (bench-web).
    """
    found = (found if found is not None else receipts(year=year)).filter(intervention__village__in=village_ids)
    in_person = found.filter(person__isnull=False).values(village=F("intervention__village"), reached=F("person"))
    members = found.filter(household__isnull=False).values(
        village=F("intervention__village"), reached=F("household__members")
    )
    sql, params = in_person.order_by().union(members.order_by(), all=True).query.sql_with_params()
    # The inner SQL is the ORM's own, with its values as parameters.
    count = f"SELECT u.village, COUNT(DISTINCT u.reached) FROM ({sql}) u WHERE u.reached IS NOT NULL GROUP BY u.village"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(count, params)
        return dict(cursor.fetchall())


def locus_village_status(*, user, year: int, district=None) -> list[Village]:
    """The user's locus villages of ``year`` (of ``district`` when given) in code order, each with
    ``reached`` (distinct persons, ``reached_by_village``) and ``below_floor``."""
    villages = (
        Village.objects.visible_to(user)
        .filter(years__year=year, years__is_locus=True)
        .select_related("subdistrict", "district")
        .order_by("code")
    )
    villages = list(villages.filter(district=district) if district is not None else villages)
    reached = reached_by_village([v.pk for v in villages], year=year) if villages else {}
    for village in villages:
        village.reached = reached.get(village.pk, 0)
        village.below_floor = village.reached < LOCUS_FLOOR
    return villages


def priority_list(*, user, year: int, village=None, district=None, subdistrict=None):
    """Active persons of desil-ranked households not reached in ``year``: desil 1 first, then by region."""
    persons = (
        Person.objects.visible_to(user)
        .filter(household__status=HouseholdStatus.ACTIVE, household__desil__isnull=False)
        # Two anti-joins rather than one with an OR: each can use its own index (bench-web).
        .exclude(Exists(receipts(year=year).filter(person=OuterRef("pk"))))
        .exclude(Exists(receipts(year=year).filter(household=OuterRef("household_id"))))
        .select_related("household__village__subdistrict", "household__village__district")
    )
    for lookup, value in (("village", village), ("village__subdistrict", subdistrict), ("village__district", district)):
        if value is not None:
            persons = persons.filter(**{f"household__{lookup}": value})
    # A village code starts with its kecamatan's, which starts with its kabupaten's.
    return persons.order_by("household__desil", "household__village__code", "household__no_kk", "pk")


def convergence(*, user, year: int):
    """The user's households reached in ``year`` or waiting in vain: the clusters each received and the
    three flags (``aid_only``, ``duplicate``, ``neglected``)."""
    same_kind_twice = (
        reaching_household(year=year)
        .order_by()
        .values("intervention__program__kind")
        .annotate(n=Count("intervention", distinct=True))
        .filter(n__gte=2)
    )
    locus = VillageYear.objects.filter(village=OuterRef("village"), year=year, is_locus=True)
    households = Household.objects.visible_to(user).annotate(
        reached=Exists(reaching_household(year=year)),
        **{f"cluster_{c}": Exists(reaching_household(year=year, cluster=c)) for c in Cluster.values},
        duplicate=Exists(same_kind_twice),
        in_locus=Exists(locus),
    )
    return households.annotate(
        aid_only=ExpressionWrapper(Q(cluster_1=True, cluster_2=False, cluster_3=False), output_field=BooleanField()),
        neglected=ExpressionWrapper(
            Q(desil=1, in_locus=True, reached=False, status=HouseholdStatus.ACTIVE), output_field=BooleanField()
        ),
    ).filter(Q(reached=True) | Q(neglected=True))


def convergence_counts(households) -> dict[str, int]:
    """How many of ``households`` (from ``convergence``) carry each flag: one COUNT per flag, because an
    aggregate's ``filter`` on these annotations loses them when Django wraps the query."""
    return {flag: households.filter(**{flag: True}).count() for flag in FLAGS}


def graduation_counts(*, user) -> dict:
    """Persons of graduated households in the user's scope, against the target: in total, by kabupaten
    and by the cluster of the interventions their household received (any year)."""
    graduated = Person.objects.visible_to(user).filter(household__status=HouseholdStatus.GRADUATED).order_by()
    by_district = dict(
        graduated.values("household__village__district")
        .annotate(n=Count("*"))
        .values_list("household__village__district", "n")
    )
    # The Exists go straight into the filters: aliases of annotations are lost when Django wraps the aggregate.
    clusters = graduated.aggregate(
        total=Count("*"),
        none=Count("pk", filter=~Exists(reaching_person())),
        **{f"cluster_{c}": Count("pk", filter=Exists(reaching_person(cluster=c))) for c in Cluster.values},
    )
    districts = [(d, by_district.get(d.pk, 0)) for d in District.objects.visible_to(user)]
    by_cluster = [(label, clusters[f"cluster_{value}"]) for value, label in Cluster.choices]
    return {
        "total": clusters["total"],
        "target": GRADUATION_TARGET,
        "percent": round(100 * clusters["total"] / GRADUATION_TARGET, 1),
        "bar": min(100, 100 * clusters["total"] // GRADUATION_TARGET),
        "by_district": districts,
        "by_cluster": [*by_cluster, ("Belum menerima intervensi", clusters["none"])],
    }
