import os

from django.apps import AppConfig
from django.conf import settings
from django.contrib.admin.apps import AdminConfig
from django.utils.module_loading import autodiscover_modules


class PortalConfig(AppConfig):
    name = "desakumaju"
    verbose_name = "Portal Desaku Maju"

    def ready(self):
        from . import checks  # noqa: F401

        # Each app's list exports register themselves (desakumaju.lib.list_exports): a worker builds
        # a large export with the same builder the request would have used.
        autodiscover_modules("exports")

        # Uploads are spooled to a private folder, which must exist before the first upload.
        if settings.FILE_UPLOAD_TEMP_DIR:
            os.makedirs(settings.FILE_UPLOAD_TEMP_DIR, mode=0o700, exist_ok=True)


class PortalAdminConfig(AdminConfig):
    default_site = "desakumaju.admin.PortalAdminSite"
