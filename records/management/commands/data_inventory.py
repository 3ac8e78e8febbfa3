from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from records.inventory import render

TARGET = Path(settings.BASE_DIR) / "docs" / "privacy" / "data-inventory.md"


class Command(BaseCommand):
    help = "Write docs/privacy/data-inventory.md from records/inventory.py (SECURITY-CHECKLIST DOC-01)."

    def handle(self, *args, **options):
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        TARGET.write_text(render() + "\n", encoding="utf-8")
        self.stdout.write(f"Wrote {TARGET}")
