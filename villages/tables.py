import django_tables2 as tables

from .models import IdmStatus, Village


class VillageTable(tables.Table):
    code = tables.Column("Kode", linkify=("villages:detail", {"code": tables.A("code")}))
    name = tables.Column("Nama", linkify=("villages:detail", {"code": tables.A("code")}))
    kind = tables.Column("Jenis")
    subdistrict = tables.Column("Kecamatan", order_by="subdistrict__name")
    district = tables.Column("Kabupaten/Kota", order_by="district__code")
    idm_status = tables.Column("Status IDM", default="—")
    is_locus = tables.BooleanColumn(verbose_name="Lokus", yesno="✔,")
    postal_code = tables.Column("Kode pos")

    class Meta:
        model = Village
        fields = ["code", "name", "kind", "subdistrict", "district", "idm_status", "is_locus", "postal_code"]
        attrs = {"class": "table table-sm table-hover align-middle", "id": "village-table"}
        orderable = True

    def render_idm_status(self, value):
        return IdmStatus(value).label
