from django.core.management.base import BaseCommand

from villages.regions import load_regions


class Command(BaseCommand):
    help = "Load Lampung's provinsi, kabupaten/kota, kecamatan and desa/kelurahan (idempotent)."

    def handle(self, *args, **options):
        summary = load_regions()
        for level in ("provinsi", "kabupaten", "kecamatan", "desa", "kelurahan"):
            self.stdout.write(f"{level:>10}: {summary.levels[level]:>5}")
        if summary.changed:
            self.stdout.write(f"dibuat: {dict(summary.created)}; diubah: {dict(summary.updated)}")
        else:
            self.stdout.write("Wilayah sudah mutakhir: tidak ada perubahan.")
