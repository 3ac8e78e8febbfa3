"""The registry in Django admin, read-only: corrections go through the portal's scoped, validated
forms and imports. No NIK or No KK search here: admin searches travel in the URL (PII-03)."""

from django.contrib import admin

from desakumaju.admin import ReadOnlyAdmin

from .models import DesilRecord, Household, Person


@admin.register(Household)
class HouseholdAdmin(ReadOnlyAdmin):
    list_display = ["masked_no_kk", "village", "desil", "desil_source", "desil_as_of", "status"]
    list_filter = ["status", "desil", "desil_source", "village__district"]
    list_select_related = ["village"]


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["name", "masked_nik", "sex", "relationship", "household"]
    list_filter = ["relationship", "sex", "has_disability"]
    list_select_related = ["household"]
    search_fields = ["name"]


@admin.register(DesilRecord)
class DesilRecordAdmin(ReadOnlyAdmin):
    list_display = ["household", "desil", "source", "as_of", "recorded_by"]
    list_filter = ["source", "desil"]
    list_select_related = ["household", "recorded_by"]
