from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RecordsConfig(AppConfig):
    name = "records"
    verbose_name = "Catatan"

    def ready(self):
        from . import append_only, fallback, signals  # noqa: F401

        fallback.connect()
        # After pgtrigger's own post_migrate (installed apps order): the append-only triggers.
        post_migrate.connect(append_only.install, sender=self, dispatch_uid="records-append-only")
