"""The records in Django admin (Bappeda admins only, desakumaju.admin.PortalAdminSite): read-only."""

from django.contrib import admin

from desakumaju.admin import ReadOnlyAdmin as PortalReadOnlyAdmin

from .models import AccessRecord, Alert, BulkLookup, ExportJob, ExportRecord, PurgeRecord


class ReadOnlyAdmin(PortalReadOnlyAdmin):
    date_hierarchy = "created_at"


@admin.register(ExportRecord)
class ExportRecordAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "user", "role", "district", "list_name", "file_format", "row_count",
                    "full_identity_numbers", "purpose", "query"]  # fmt: skip
    list_filter = ["list_name", "file_format", "role", "full_identity_numbers", "purpose", "district", "created_at"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "query"]
    list_select_related = ["user", "district"]


@admin.register(AccessRecord)
class AccessRecordAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "user", "role", "action", "object_type", "object_id", "subject_count", "purpose",
                    "address"]  # fmt: skip
    list_filter = ["action", "purpose", "role", "district", "created_at"]
    search_fields = ["user__username", "path"]
    list_select_related = ["user"]


@admin.register(PurgeRecord)
class PurgeRecordAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "kind", "object_type", "object_id", "count", "size", "kept_for"]
    list_filter = ["kind", "created_at"]


@admin.register(Alert)
class AlertAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "rule", "user", "observed", "threshold", "window_start"]
    list_filter = ["rule", "created_at"]
    list_select_related = ["user"]


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
