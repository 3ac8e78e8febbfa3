from django.core.management.base import BaseCommand
from django.utils import timezone

from villages.demo import generate_demo_villages


class Command(BaseCommand):
    help = "Fill villages with synthetic IDM status, locus, commodities and institutions (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=timezone.localdate().year)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, year, seed, **options):
        created = generate_demo_villages(year=year, seed=seed)
        self.stdout.write(
            f"Data demo desa {year}: {created['years']} data tahunan, {created['institutions']} lembaga baru."
        )
