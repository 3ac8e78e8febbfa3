"""Writing synthetic BNBA spreadsheets for tests (invented people, generated NIKs)."""

import csv
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from beneficiaries.validators import compose_nik

HEADER = ["No", "No KK", "NIK", "Nama", "Jenis Kelamin", "Hubungan Keluarga", "Tempat Lahir", "Tanggal Lahir",
          "Kode Desa", "Alamat", "RT", "RW", "Desil"]  # fmt: skip


def person_row(number: int, *, no_kk: str, kecamatan: str, village_code: str, head: bool, sex: str = "L",
               born: date = date(1980, 5, 17), desil: int | str = 1, name: str | None = None) -> list:  # fmt: skip
    nik = compose_nik(kecamatan_code=kecamatan, birth_date=born, sex=sex, serial=number)
    return [
        number, no_kk, nik, name or f"Warga Uji {number}", sex, "Kepala Keluarga" if head else "Anak",
        "Natar", born.strftime("%d/%m/%Y"), village_code, "Jl. Uji", "001", "002", desil,
    ]  # fmt: skip


def family_rows(village, *, families: int, members: int = 3, start: int = 1) -> list[list]:
    """``families`` households of ``members`` persons in ``village``; NIK serials from ``start``."""
    kecamatan = village.subdistrict.code
    rows, number = [], start
    for family in range(families):
        no_kk = f"{kecamatan.replace('.', '')}0101{20 + family % 5:02d}{start + family:04d}"
        for member in range(members):
            rows.append(person_row(number, no_kk=no_kk, kecamatan=kecamatan, village_code=village.code,
                                   head=member == 0))  # fmt: skip
            number += 1
    return rows


def write_xlsx(path: Path, rows: list[list], *, header=HEADER, title: str | None = None) -> Path:
    """Identity columns as text cells, the way the portal's template formats them."""
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
        sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def write_csv(path: Path, rows: list[list], *, header=HEADER, delimiter: str = ",", encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def validate_file(user, path: Path, *, desil_source: str = "dtsen", desil_as_of: date = date(2026, 10, 1)):
    """Upload ``path`` as ``user`` and run the validation task's work; the refreshed batch."""
    from django.core.files import File

    from beneficiaries.imports import services

    with path.open("rb") as handle:
        batch, _ = services.create_batch(
            user=user, upload=File(handle, name=path.name), desil_source=desil_source, desil_as_of=desil_as_of
        )
    services.run_validation(batch_id=batch.pk)
    batch.refresh_from_db()
    return batch


def import_batch(batch, user):
    """Confirm and run the import of a validated batch; the refreshed batch."""
    from beneficiaries.imports import services

    services.request_import(batch=batch, user=user)
    services.run_import(batch_id=batch.pk)
    batch.refresh_from_db()
    return batch


def problems(batch) -> list[tuple]:
    return list(batch.problems.values_list("row", "column", "message"))


def family_records(village, *, families: int = 1, members: int = 3, start: int = 1) -> list[dict]:
    """The rows of ``family_rows`` keyed by their column names (HEADER)."""
    return [dict(zip(HEADER, row, strict=True)) for row in family_rows(village, families=families, members=members,
                                                                       start=start)]  # fmt: skip


def records_grid(records: list[dict], header: list[str] | None = None) -> list[list]:
    """A header row and one row per record; columns a record lacks stay empty."""
    header = header or list(records[0])
    return [header, *([record.get(name, "") for name in header] for record in records)]
