from django.contrib import admin


class PortalAdminSite(admin.AdminSite):
    """Django admin, open to active Bappeda admins only (users and master data)."""

    site_header = "Administrasi Portal Desaku Maju"
    site_title = "Admin Desaku Maju"
    index_title = "Pengguna dan data induk"

    def has_permission(self, request):
        return request.user.is_active and getattr(request.user, "is_bappeda_admin", False)
