from django.apps import AppConfig


class BeneficiariesConfig(AppConfig):
    name = "beneficiaries"
    verbose_name = "Registri BNBA"

    def ready(self):
        from records import retention as records_retention
        from records import subjects

        from . import privacy, retention

        subjects.register(privacy.resolve)
        records_retention.register(retention.purge_expired_uploads)
        records_retention.register(retention.purge_expired_problems)
