from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = "Pengaduan"

    def ready(self):
        from records import subjects

        from . import privacy

        subjects.register(privacy.resolve)
