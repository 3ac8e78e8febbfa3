from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = "Pelaporan"

    def ready(self):
        from .dashboard_signals import connect

        connect()
