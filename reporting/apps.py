from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = "Pelaporan"

    def ready(self):
        from records import retention

        from .dashboard_signals import connect
        from .retention import purge_expired_reports

        connect()
        retention.register(purge_expired_reports)
