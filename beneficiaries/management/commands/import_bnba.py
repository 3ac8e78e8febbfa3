from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import User
from beneficiaries.imports import services
from beneficiaries.models import BatchKind, BatchStatus, DesilSource, ImportBatch, ProblemLevel
from desakumaju.lib.spreadsheets import SpreadsheetError

COUNTS = {
    BatchKind.BNBA: ("rows", "valid_rows", "rejected_rows", "warnings", "new_households", "new_persons",
                     "updated_households", "linked_households", "updated_persons", "unchanged_persons",
                     "moved_persons"),
    BatchKind.RANKING: ("rows", "valid_rows", "rejected_rows", "warnings", "unknown_families", "desil_down",
                        "desil_same", "desil_up", "would_graduate", "first_rankings", "older_rankings"),
}  # fmt: skip
SHOWN_PROBLEMS = 20


class Command(BaseCommand):
    help = (
        "Validate a BNBA file (xlsx, xls, ods, csv, txt) like an upload by USERNAME; with --commit, import its "
        "valid rows. With --kind desil, a desil re-ranking (No KK or head's NIK, desil, source, date)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="Username of the uploader (scope of the rows).")
        parser.add_argument("--commit", action="store_true", help="Import the valid rows after validating.")
        parser.add_argument("--kind", default=BatchKind.BNBA, choices=BatchKind.values)
        parser.add_argument("--sheet", default="", help="The sheet to read, when the workbook has several.")
        parser.add_argument("--desil-source", default=DesilSource.DTSEN, choices=DesilSource.values)
        parser.add_argument("--desil-as-of", type=_date, default=timezone.localdate())

    def handle(self, *args, file, user, commit, kind, sheet, desil_source, desil_as_of, **options):
        uploader = User.objects.filter(username=user, is_active=True).first()
        if uploader is None or not (uploader.is_bappeda_admin or uploader.is_district_officer):
            raise CommandError(f"Pengguna {user!r} tidak ada atau tidak boleh mengunggah BNBA.")
        if not file.is_file():
            raise CommandError(f"Berkas {file} tidak ditemukan.")
        batch = self._validate(file, uploader, kind=kind, sheet_name=sheet, desil_source=desil_source,
                               desil_as_of=desil_as_of)  # fmt: skip
        self._report(batch)
        if batch.status != BatchStatus.READY:
            raise CommandError(f"Berkas tidak dapat diimpor (status: {batch.get_status_display()}).")
        if same := services.identical_import(batch, uploader):
            self.stdout.write(
                f"Berkas ini sama persis dengan unggahan #{same.pk} yang sudah diimpor; tidak diimpor lagi."
            )
            return
        if commit:
            self._import(batch, uploader)

    def _validate(self, file: Path, uploader, **choices) -> ImportBatch:
        try:
            with file.open("rb") as handle:
                batch, _ = services.create_batch(user=uploader, upload=File(handle, name=file.name), **choices)
        except SpreadsheetError as error:
            raise CommandError(str(error)) from None
        services.run_validation(batch_id=batch.pk)
        batch.refresh_from_db()
        return batch

    def _import(self, batch: ImportBatch, uploader) -> None:
        services.request_import(batch=batch, user=uploader)
        services.run_import(batch_id=batch.pk)
        batch.refresh_from_db()
        if batch.status != BatchStatus.IMPORTED:
            raise CommandError(batch.message or "Impor gagal.")
        self.stdout.write(f"Diimpor: {batch.summary['result']}")

    def _report(self, batch: ImportBatch) -> None:
        summary = batch.summary
        sheet = f", lembar '{summary['sheet']}'" if summary.get("sheet") else ""
        self.stdout.write(f"Unggahan #{batch.pk} ({batch.get_kind_display()}{sheet}): {batch.get_status_display()}")
        for letter, name, label in summary.get("mapping", []):
            self.stdout.write(f"  kolom {letter:<3} {name!r} → {label}")
        for ignored in summary.get("ignored_columns", []):
            self.stdout.write(f"  kolom {ignored} → diabaikan")
        for notice in summary.get("notices", []):
            self.stdout.write(f"  catatan: {notice}")
        if summary.get("sheets"):
            self.stdout.write(f"  lembar yang dapat dipilih (--sheet): {', '.join(summary['sheets'])}")
        for key in COUNTS[batch.kind]:
            self.stdout.write(f"  {key:<20} {summary.get(key, 0):>10,}")
        errors = batch.problems.filter(level=ProblemLevel.ERROR)
        for problem in errors[:SHOWN_PROBLEMS]:
            self.stdout.write(f"  baris {problem.row or '-'} [{problem.column or 'berkas'}] {problem.message}")
        if (count := errors.count()) > SHOWN_PROBLEMS:
            self.stdout.write(f"  … dan {count - SHOWN_PROBLEMS:,} kesalahan lain (lihat halaman unggahan).")


def _date(value: str):
    return timezone.datetime.strptime(value, "%Y-%m-%d").date()
