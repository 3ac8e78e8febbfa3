from django.contrib import admin

from .models import Commodity, District, Institution, Subdistrict, Village, VillageYear


class RegionAdmin(admin.ModelAdmin):
    """Regions come from the Kemendagri list (`load_regions`): browse them, do not hand-edit codes."""

    search_fields = ["code", "name"]
    readonly_fields = ["code"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(District)
class DistrictAdmin(RegionAdmin):
    list_display = ["code", "name", "kind"]


@admin.register(Subdistrict)
class SubdistrictAdmin(RegionAdmin):
    list_display = ["code", "name", "district"]
    list_filter = ["district"]


@admin.register(Village)
class VillageAdmin(RegionAdmin):
    list_display = ["code", "name", "kind", "subdistrict", "district", "postal_code"]
    list_filter = ["kind", "district"]
    list_select_related = ["subdistrict", "district"]
    readonly_fields = ["code", "subdistrict", "district"]


@admin.register(Commodity)
class CommodityAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(VillageYear)
class VillageYearAdmin(admin.ModelAdmin):
    list_display = ["village", "year", "idm_status", "is_locus"]
    list_filter = ["year", "is_locus", "idm_status", "village__district"]
    search_fields = ["village__name", "village__code"]
    autocomplete_fields = ["village"]
    list_select_related = ["village"]


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "village", "active"]
    list_filter = ["kind", "active", "village__district"]
    search_fields = ["name", "village__name", "village__code"]
    autocomplete_fields = ["village"]
    list_select_related = ["village"]
