from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from beneficiaries.models import BatchStatus, Household, ImportBatch, Person
from tests.bnba_files import family_rows, write_xlsx


def _run(*args) -> str:
    out = StringIO()
    call_command("import_bnba", *args, stdout=out)
    return out.getvalue()


def test_it_validates_without_importing_and_prints_the_summary(tmp_path, officer_a, village_a):
    path = write_xlsx(tmp_path / "bnba.xlsx", family_rows(village_a, families=2))
    output = _run(str(path), "--user", officer_a.username)
    assert "Siap diimpor" in output and "new_persons" in output
    assert ImportBatch.objects.get().status == BatchStatus.READY
    assert not Person.objects.exists()


def test_with_commit_it_imports(tmp_path, officer_a, village_a):
    path = write_xlsx(tmp_path / "bnba.xlsx", family_rows(village_a, families=2))
    output = _run(str(path), "--user", officer_a.username, "--commit")
    assert "Diimpor" in output
    assert Person.objects.count() == 6 and Household.objects.count() == 2


def test_an_invalid_file_exits_non_zero(tmp_path, officer_a, village_a):
    rows = [row[:4] for row in family_rows(village_a, families=1)]
    path = write_xlsx(tmp_path / "bnba.xlsx", rows, header=["No", "No KK", "NIK", "Nama"])
    with pytest.raises(CommandError, match="tidak dapat diimpor"):
        _run(str(path), "--user", officer_a.username, "--commit")
    assert not Person.objects.exists()


def test_a_user_who_may_not_upload_is_refused(tmp_path, viewer):
    with pytest.raises(CommandError, match="tidak boleh mengunggah"):
        _run(str(tmp_path / "none.xlsx"), "--user", viewer.username)
