"""Export records in Django admin (Bappeda admins only, desakumaju.admin.PortalAdminSite): read-only."""

from django.contrib import admin

from .exports_models import ExportRecord


@admin.register(ExportRecord)
class ExportRecordAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "role", "district", "list_name", "file_format", "row_count",
                    "full_identity_numbers", "query"]  # fmt: skip
    list_filter = ["list_name", "file_format", "role", "full_identity_numbers", "district", "created_at"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "query"]
    list_select_related = ["user", "district"]
    date_hierarchy = "created_at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
