from django.contrib import admin

from desakumaju.lib.admin_exports import SafeImportExportAdmin, SafeModelResource

from .models import Agency, Assignment


class AgencyResource(SafeModelResource):
    class Meta:
        model = Agency
        fields = ["id", "name", "short_name", "level", "district", "active"]


@admin.register(Agency)
class AgencyAdmin(SafeImportExportAdmin):
    resource_classes = [AgencyResource]
    list_display = ["name", "short_name", "level", "district", "active"]
    list_filter = ["level", "active", "district"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["district"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    """Read-only: assignments are made and worked through the portal's pages (programs.assignments)."""

    list_display = ["agency", "program", "village", "due_year", "due_semester", "status", "target_recipients"]
    list_filter = ["status", "due_year", "due_semester", "agency"]
    search_fields = ["village__name", "village__code", "program__name", "description"]
    list_select_related = ["agency", "program", "village"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
