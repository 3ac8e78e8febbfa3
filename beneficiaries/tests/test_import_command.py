from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from beneficiaries.models import BatchStatus, Household, ImportBatch, Person
from tests.bnba_files import family_records, family_rows, import_batch, records_grid, validate_file, write_xlsx
from tests.spreadsheet_writers import SheetSpec, write_text, write_workbook


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


def test_an_unsupported_file_gets_the_same_message_as_the_web_form_and_no_traceback(tmp_path, officer_a):
    path = tmp_path / "bnba.pdf"
    path.write_bytes(b"%PDF-1.7")
    with pytest.raises(CommandError) as refused:
        _run(str(path), "--user", officer_a.username)
    assert str(refused.value) == "Jenis berkas tidak didukung: unggah berkas .xlsx, .xls, .ods, .csv atau .txt."
    page = tmp_path / "ekspor.xls"
    page.write_bytes(b"<html><table><tr><td>NIK</td></tr></table></html>")
    with pytest.raises(CommandError, match="halaman web"):
        _run(str(page), "--user", officer_a.username)


def test_it_prints_every_column_read_or_ignored_and_the_notices(tmp_path, officer_a, village_a):
    records = family_records(village_a)
    for record in records:
        record["RT/RW"] = f"{record.pop('RT')}/{record.pop('RW')}"
        record["Keterangan"] = ""
    path = write_workbook(tmp_path / "bnba.xls", [SheetSpec(records_grid(records), hidden_rows={2})])
    output = _run(str(path), "--user", officer_a.username)
    assert "kolom L   'RT/RW' → RT/RW" in output
    assert "kolom A: No → diabaikan" in output and "kolom M: Keterangan → diabaikan" in output
    assert "catatan: 1 baris tersembunyi di berkas ikut diperiksa: baris 3." in output


def test_a_sheet_can_be_chosen(tmp_path, officer_a, village_a):
    first = SheetSpec(records_grid(family_records(village_a)), name="A")
    second = SheetSpec(records_grid(family_records(village_a, start=40)), name="B")
    path = write_workbook(tmp_path / "bnba.xlsx", [first, second])
    with pytest.raises(CommandError):
        output = _run(str(path), "--user", officer_a.username)
    output = _run(str(path), "--user", officer_a.username, "--sheet", "B", "--commit")
    assert "lembar 'B'" in output and Person.objects.count() == 3


def test_a_desil_ranking_from_the_command_line(tmp_path, officer_a, village_a):
    records = family_records(village_a)
    import_batch(validate_file(officer_a, write_text(tmp_path / "a.csv", records_grid(records))), officer_a)
    path = write_text(tmp_path / "desil.csv", [["No KK", "Desil"], [records[0]["No KK"], "3"]])
    output = _run(str(path), "--user", officer_a.username, "--kind", "desil", "--commit")
    assert "desil_up" in output and Household.objects.get().desil == 3
