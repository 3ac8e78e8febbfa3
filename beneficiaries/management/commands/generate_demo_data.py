import tempfile
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import Role, User
from beneficiaries.demo import SyntheticRegistry, write_csv
from beneficiaries.imports import services
from beneficiaries.models import BatchStatus, DesilSource, Household

DEMO_USER = "sistem.demo"


class Command(BaseCommand):
    help = "Create synthetic households and persons (invented names, valid NIKs) through the import pipeline."

    def add_arguments(self, parser):
        parser.add_argument("--households", type=int, default=3000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when the registry has households.")

    def handle(self, *args, households, seed, if_empty, **options):
        if if_empty and Household.objects.exists():
            self.stdout.write("Registri sudah berisi data; data demo tidak dibuat lagi.")
            return
        registry = SyntheticRegistry.for_villages(seed=seed)
        if not registry.villages:
            raise CommandError("Belum ada desa: jalankan `manage.py load_regions` dulu.")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bnba-demo.csv"
            persons = write_csv(path, registry, households)
            batch = self._import(path)
        self.stdout.write(f"Data demo: {households:,} keluarga, {persons:,} orang (unggahan #{batch.pk}).")

    def _import(self, path: Path):
        user = _demo_user()
        with path.open("rb") as handle:
            batch, _ = services.create_batch(
                user=user, upload=File(handle, name=path.name), desil_source=DesilSource.DTSEN,
                desil_as_of=timezone.localdate(),
            )  # fmt: skip
        services.run_validation(batch_id=batch.pk)
        batch.refresh_from_db()
        if batch.status != BatchStatus.READY:
            raise CommandError(f"Data demo tidak valid: {batch.problems.first()}")
        services.request_import(batch=batch, user=user)
        services.run_import(batch_id=batch.pk)
        batch.refresh_from_db()
        return batch


def _demo_user() -> User:
    """The Bappeda account demo data is imported by; it cannot log in."""
    user, created = User.objects.get_or_create(
        username=DEMO_USER, defaults={"role": Role.BAPPEDA_ADMIN, "first_name": "Sistem", "last_name": "Demo"}
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user
