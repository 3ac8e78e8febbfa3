"""Staging streams checked rows through one open COPY: the problems and progress written meanwhile
pause it, and a file refused half-way leaves nothing staged."""

from datetime import date

import pytest

from beneficiaries.imports import validation
from beneficiaries.models import BatchStatus, ImportProblem, StagedRow
from beneficiaries.validators import compose_nik
from tests.bnba_files import family_rows, problems, validate_file, write_csv

NIK, BIRTH_DATE = 2, 7  # columns of tests.bnba_files.HEADER


@pytest.mark.django_db(transaction=True)  # progress goes through the same connection, as in a worker
def test_problems_and_progress_written_mid_file_do_not_break_the_staging(tmp_path, officer_a, village_a):
    rows = family_rows(village_a, families=2_550, members=4)  # 10,200 rows: two problem chunks, one progress
    for index, row in enumerate(rows):  # NIK serials have four digits: a new birth year every 9,000 rows
        born = date(1980 + index // 9_000, 5, 17)
        row[NIK] = compose_nik(
            kecamatan_code=village_a.subdistrict.code, birth_date=born, sex="L", serial=index % 9_000 + 1
        )
        row[BIRTH_DATE] = "01/01/1979"  # disagrees with the NIK: a warning on every row, the row is kept
    batch = validate_file(officer_a, write_csv(tmp_path / "bnba.csv", rows))
    assert batch.status == BatchStatus.READY, problems(batch)
    assert batch.summary["valid_rows"] == batch.summary["warnings"] == len(rows) > validation.PROGRESS_EVERY
    assert StagedRow.objects.filter(batch=batch).count() == len(rows)
    assert ImportProblem.objects.filter(batch=batch, level="warning").count() == len(rows)


@pytest.mark.django_db
def test_a_file_refused_half_way_leaves_nothing_staged(tmp_path, settings, officer_a, village_a):
    settings.BNBA_MAX_ROWS = 10
    batch = validate_file(officer_a, write_csv(tmp_path / "bnba.csv", family_rows(village_a, families=5)))
    assert batch.status == BatchStatus.INVALID
    assert "lebih dari 10 baris" in " ".join(message for _, _, message in problems(batch))
    assert not StagedRow.objects.filter(batch=batch).exists()
