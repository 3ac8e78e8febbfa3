import django_tables2 as tables
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from .models import Household, Person, Relationship, mask_identity_number


def with_head_and_size(households):
    """One row per household with its head's name and NIK and its member count, in one query.

    All three are correlated subqueries rather than a join with GROUP BY, so that the paginator's
    COUNT(*) drops them and a page costs one indexed lookup per row.
    """
    members = Person.objects.filter(household=OuterRef("pk"))
    heads = members.filter(relationship=Relationship.HEAD)
    size = members.order_by().values("household").annotate(n=Count("*")).values("n")
    return households.select_related("village__subdistrict", "village__district").annotate(
        head_name=Subquery(heads.values("name")[:1]),
        head_nik=Subquery(heads.values("nik")[:1]),
        member_count=Coalesce(Subquery(size), 0),
    )


class HouseholdTable(tables.Table):
    """Identity numbers are masked on the server for every role: the list is not the place to copy them."""

    masked_no_kk = tables.Column(
        "No. KK", order_by="no_kk", linkify=("beneficiaries:household_detail", {"pk": tables.A("pk")})
    )
    head_name = tables.Column("Kepala keluarga", default="—")
    head_nik = tables.Column("NIK kepala keluarga", default="—", orderable=False)
    village = tables.Column("Desa/Kelurahan", accessor="village__name", order_by="village__name")
    subdistrict = tables.Column(
        "Kecamatan", accessor="village__subdistrict__name", order_by="village__subdistrict__name"
    )
    district = tables.Column("Kabupaten/Kota", accessor="village__district__name", order_by="village__code")
    desil = tables.Column("Desil", default="Belum ada")
    status = tables.Column("Status")
    member_count = tables.Column("Anggota", attrs={"td": {"class": "text-end"}})

    class Meta:
        model = Household
        fields = []
        sequence = [
            *("masked_no_kk", "head_name", "head_nik", "village", "subdistrict", "district"),
            *("desil", "status", "member_count"),
        ]
        attrs = {"class": "table table-sm table-hover align-middle", "id": "household-table"}
        orderable = True

    def render_head_nik(self, value):
        return mask_identity_number(value)
