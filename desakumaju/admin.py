from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the portal writes through its own services: read in admin, never added, changed or deleted."""

    show_full_result_count = False  # a million rows: no second COUNT(*) per page

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PortalAdminSite(admin.AdminSite):
    """Django admin, open to active Bappeda admins who passed the second factor (users and master data)."""

    site_header = "Administrasi Portal Desaku Maju"
    site_title = "Admin Desaku Maju"
    index_title = "Pengguna dan data induk"

    def has_permission(self, request):
        # Verified too: besides the middleware that sends an admin to the second factor first.
        user = request.user
        verified = getattr(user, "is_verified", lambda: False)()
        return user.is_active and getattr(user, "is_bappeda_admin", False) and verified
