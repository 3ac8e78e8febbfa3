from django.contrib.auth.backends import ModelBackend

from .models import Role


class RoleBackend(ModelBackend):
    """Bappeda admins manage users and master data, so they hold every model permission.

    Other roles never get Django model permissions from their role: what they see and edit is
    decided by ``visible_to`` / ``editable_by`` scoping, not by the admin.
    """

    def _is_admin(self, user_obj) -> bool:
        return user_obj.is_active and getattr(user_obj, "role", None) == Role.BAPPEDA_ADMIN

    def has_perm(self, user_obj, perm, obj=None):
        return self._is_admin(user_obj) or super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj, app_label):
        return self._is_admin(user_obj) or super().has_module_perms(user_obj, app_label)
