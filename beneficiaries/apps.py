from django.apps import AppConfig


class BeneficiariesConfig(AppConfig):
    name = "beneficiaries"
    verbose_name = "Registri BNBA"

    def ready(self):
        from records import subjects

        from . import privacy

        subjects.register(privacy.resolve)
