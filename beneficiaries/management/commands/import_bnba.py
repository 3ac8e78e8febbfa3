from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import User
from beneficiaries.imports import services
from beneficiaries.models import BatchStatus, DesilSource, ImportBatch


class Command(BaseCommand):
    help = "Validate a BNBA file (xlsx/csv) like an upload by USERNAME; with --commit, import its valid rows."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="Username of the uploader (scope of the rows).")
        parser.add_argument("--commit", action="store_true", help="Import the valid rows after validating.")
        parser.add_argument("--desil-source", default=DesilSource.DTSEN, choices=DesilSource.values)
        parser.add_argument("--desil-as-of", type=_date, default=timezone.localdate())

    def handle(self, *args, file, user, commit, desil_source, desil_as_of, **options):
        uploader = User.objects.filter(username=user, is_active=True).first()
        if uploader is None or not (uploader.is_bappeda_admin or uploader.is_district_officer):
            raise CommandError(f"Pengguna {user!r} tidak ada atau tidak boleh mengunggah BNBA.")
        if not file.is_file():
            raise CommandError(f"Berkas {file} tidak ditemukan.")
        with file.open("rb") as handle:
            batch, _ = services.create_batch(
                user=uploader, upload=File(handle, name=file.name), desil_source=desil_source, desil_as_of=desil_as_of
            )
        services.run_validation(batch_id=batch.pk)
        batch.refresh_from_db()
        self._report(batch)
        if batch.status != BatchStatus.READY:
            raise CommandError(f"Berkas tidak dapat diimpor (status: {batch.get_status_display()}).")
        if commit:
            services.request_import(batch=batch, user=uploader)
            services.run_import(batch_id=batch.pk)
            batch.refresh_from_db()
            if batch.status != BatchStatus.IMPORTED:
                raise CommandError(batch.message or "Impor gagal.")
            self.stdout.write(f"Diimpor: {batch.summary['result']}")

    def _report(self, batch: ImportBatch) -> None:
        summary = batch.summary
        self.stdout.write(f"Unggahan #{batch.pk}: {batch.get_status_display()}")
        for key in ("rows", "valid_rows", "rejected_rows", "warnings", "new_households", "new_persons",
                    "updated_households", "updated_persons", "unchanged_persons", "moved_persons"):  # fmt: skip
            self.stdout.write(f"  {key:<20} {summary.get(key, 0):>10,}")
        for problem in batch.problems.filter(level="error")[:20]:
            self.stdout.write(f"  baris {problem.row or '-'} [{problem.column or 'berkas'}] {problem.message}")


def _date(value: str):
    return timezone.datetime.strptime(value, "%Y-%m-%d").date()
