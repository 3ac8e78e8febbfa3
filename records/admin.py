"""Bulk look-ups and large exports in Django admin: read by Bappeda admins, written only by the portal."""

from django.contrib import admin

from .models import BulkLookup, ExportJob


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BulkLookup)
class BulkLookupAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "user", "role", "kind", "count"]
    list_filter = ["kind", "role"]
    list_select_related = ["user"]


@admin.register(ExportJob)
class ExportJobAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "user", "list_name", "file_format", "status", "rows_written", "expires_at"]
    list_filter = ["status", "list_name", "file_format"]
    list_select_related = ["user"]
    exclude = ["params"]  # the list's filter may hold a name searched for
