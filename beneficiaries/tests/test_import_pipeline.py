"""The import pipeline end to end: validate, count, import in one transaction, re-import as a no-op."""

from datetime import date

import pytest

from beneficiaries.imports import merge, services
from beneficiaries.models import BatchStatus, DesilRecord, Household, Person, PersonMove, StagedRow
from tests.bnba_files import HEADER, family_rows, import_batch, problems, validate_file, write_csv, write_xlsx


@pytest.fixture
def three_families(tmp_path, village_a):
    return write_xlsx(tmp_path / "bnba.xlsx", family_rows(village_a, families=3), title="DATA BNBA HAJIMENA")


def test_validation_counts_without_writing_to_the_registry(officer_a, three_families):
    batch = validate_file(officer_a, three_families)
    assert batch.status == BatchStatus.READY, problems(batch)
    summary = batch.summary
    assert (summary["rows"], summary["valid_rows"], summary["rejected_rows"]) == (9, 9, 0)
    assert (summary["new_households"], summary["new_persons"]) == (3, 9)
    assert not Person.objects.exists() and not Household.objects.exists()


def test_import_writes_households_members_and_desil_history(officer_a, three_families, village_a):
    batch = import_batch(validate_file(officer_a, three_families), officer_a)
    assert batch.status == BatchStatus.IMPORTED and batch.imported_by == officer_a
    assert Household.objects.filter(village=village_a, import_batch=batch).count() == 3
    assert Person.objects.filter(import_batch=batch).count() == 9
    household = Household.objects.first()
    assert (household.desil, household.desil_source, household.desil_as_of) == (1, "dtsen", date(2026, 10, 1))
    assert household.members.filter(relationship="kepala").count() == 1
    assert DesilRecord.objects.filter(import_batch=batch).count() == 3
    assert not StagedRow.objects.filter(batch=batch).exists(), "staging is purged after the merge"
    nik = Person.objects.order_by("pk").first().nik
    assert isinstance(nik, str) and len(nik) == 16


def test_re_uploading_the_same_file_changes_nothing_and_says_so(officer_a, three_families):
    first = import_batch(validate_file(officer_a, three_families), officer_a)
    before = list(Person.objects.order_by("pk").values_list("pk", "updated_at", "import_batch"))
    again = validate_file(officer_a, three_families)
    assert (again.summary["new_persons"], again.summary["updated_persons"], again.summary["unchanged_persons"]) == (
        0,
        0,
        9,
    )
    again = import_batch(again, officer_a)
    assert again.summary["result"] == {"households": 0, "desil_records": 0, "moves": 0, "persons": 0}
    assert list(Person.objects.order_by("pk").values_list("pk", "updated_at", "import_batch")) == before
    assert Household.objects.filter(import_batch=first).count() == 3


def test_a_changed_row_updates_that_person_only_and_links_the_new_batch(tmp_path, officer_a, village_a):
    rows = family_rows(village_a, families=2)
    import_batch(validate_file(officer_a, write_xlsx(tmp_path / "a.xlsx", rows)), officer_a)
    rows[1][3] = "Nama Diperbaiki"
    second = import_batch(validate_file(officer_a, write_xlsx(tmp_path / "b.xlsx", rows)), officer_a)
    assert second.summary["updated_persons"] == 1 and second.summary["unchanged_persons"] == 5
    assert list(Person.objects.filter(import_batch=second).values_list("name", flat=True)) == ["Nama Diperbaiki"]


def test_a_newer_desil_ranking_is_added_to_the_history(tmp_path, officer_a, village_a):
    rows = family_rows(village_a, families=1)
    path = write_xlsx(tmp_path / "a.xlsx", rows)
    import_batch(validate_file(officer_a, path, desil_as_of=date(2026, 1, 1)), officer_a)
    for row in rows:
        row[-1] = "Desil 3"
    second = validate_file(officer_a, write_xlsx(tmp_path / "b.xlsx", rows), desil_as_of=date(2026, 4, 1))
    assert second.summary["updated_households"] == 1
    import_batch(second, officer_a)
    household = Household.objects.get()
    assert (household.desil, household.desil_as_of) == (3, date(2026, 4, 1))
    assert list(household.desil_history.values_list("desil", flat=True)) == [3, 1]


def test_a_column_missing_from_the_file_is_left_as_it_is(tmp_path, officer_a, village_a):
    rows = family_rows(village_a, families=1)
    import_batch(validate_file(officer_a, write_xlsx(tmp_path / "a.xlsx", rows)), officer_a)
    without_address = [row[:9] + row[10:] for row in rows]
    header = HEADER[:9] + HEADER[10:]
    batch = validate_file(officer_a, write_xlsx(tmp_path / "b.xlsx", without_address, header=header))
    assert batch.summary["updated_households"] == 0
    import_batch(batch, officer_a)
    assert Household.objects.get().address == "Jl. Uji"


def test_rows_outside_the_officers_district_are_rejected(tmp_path, officer_a, village_a, village_b):
    rows = family_rows(village_a, families=1) + family_rows(village_b, families=1, start=50)
    batch = validate_file(officer_a, write_xlsx(tmp_path / "a.xlsx", rows))
    assert batch.summary["valid_rows"] == 3 and batch.summary["rejected_rows"] == 3
    assert {message for _, _, message in problems(batch)} == {
        "Desa ini berada di Kota Metro, di luar wilayah kerja Anda; baris ditolak."
    }


def test_a_nik_held_in_another_district_is_rejected_for_an_officer(
    tmp_path, officer_a, officer_b, village_a, village_b
):
    rows_b = family_rows(village_b, families=1)
    import_batch(validate_file(officer_b, write_xlsx(tmp_path / "b.xlsx", rows_b)), officer_b)
    moved = family_rows(village_a, families=1, start=50)
    moved[2][2] = rows_b[2][2]  # a member of B's family appears in A's file
    batch = validate_file(officer_a, write_xlsx(tmp_path / "a.xlsx", moved))
    assert batch.summary["valid_rows"] == 2
    assert any("sudah terdaftar di kabupaten/kota lain" in message for _, _, message in problems(batch))
    import_batch(batch, officer_a)
    assert Person.objects.get(nik=rows_b[2][2]).household.village == village_b


def test_an_admin_may_move_a_person_across_districts_and_the_move_is_recorded(
    tmp_path, admin_user, officer_b, village_a, village_b
):
    rows_b = family_rows(village_b, families=1)
    import_batch(validate_file(officer_b, write_xlsx(tmp_path / "b.xlsx", rows_b)), officer_b)
    moved = family_rows(village_a, families=1, start=50)
    moved[2][2] = rows_b[2][2]
    batch = import_batch(validate_file(admin_user, write_xlsx(tmp_path / "a.xlsx", moved)), admin_user)
    assert batch.summary["moved_persons"] == 1
    person = Person.objects.get(nik=rows_b[2][2])
    assert person.household.village == village_a
    move = PersonMove.objects.get()
    assert (move.person, move.to_household, move.batch, move.moved_by) == (person, person.household, batch, admin_user)
    assert move.from_household.village == village_b


def test_the_import_is_all_or_nothing(monkeypatch, officer_a, three_families):
    batch = validate_file(officer_a, three_families)

    def explode(params, present, *, heads):
        raise RuntimeError("disk full")

    monkeypatch.setattr(merge, "merge_persons", explode)
    batch = import_batch(batch, officer_a)
    assert batch.status == BatchStatus.FAILED
    assert "data registri tidak berubah" in batch.message
    assert not Household.objects.exists() and not Person.objects.exists() and not DesilRecord.objects.exists()


def test_the_import_task_run_twice_imports_once(officer_a, three_families):
    batch = validate_file(officer_a, three_families)
    services.request_import(batch=batch, user=officer_a)
    services.run_import(batch_id=batch.pk)
    services.run_import(batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.IMPORTED and batch.attempts == 1
    assert Person.objects.count() == 9


def test_the_validation_task_run_twice_validates_once(officer_a, three_families):
    batch = validate_file(officer_a, three_families)
    services.run_validation(batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.READY and batch.problems.count() == 0


def test_the_same_file_in_progress_is_not_stored_twice(officer_a, three_families):
    first = validate_file(officer_a, three_families)
    second = validate_file(officer_a, three_families)
    assert first == second


def test_a_cancelled_batch_cannot_be_imported(officer_a, three_families):
    batch = validate_file(officer_a, three_families)
    assert services.cancel_batch(batch=batch)
    assert not services.request_import(batch=batch, user=officer_a)
    assert not Person.objects.exists() and not StagedRow.objects.filter(batch=batch).exists()


@pytest.mark.parametrize(
    ("delimiter", "encoding"), [(",", "utf-8"), (";", "utf-8-sig"), (";", "cp1252"), ("\t", "utf-8")]
)
def test_it_reads_csv_in_the_encodings_and_separators_of_indonesian_excel(
    tmp_path, officer_a, village_a, delimiter, encoding
):
    rows = family_rows(village_a, families=1)
    rows[0][3] = "Sébastien D’Souza"
    path = write_csv(tmp_path / "bnba.csv", rows, delimiter=delimiter, encoding=encoding)
    batch = import_batch(validate_file(officer_a, path), officer_a)
    assert batch.status == BatchStatus.IMPORTED, problems(batch)
    assert Person.objects.filter(name="Sébastien D’Souza").exists()


def test_blank_rows_are_skipped(tmp_path, officer_a, village_a):
    rows = family_rows(village_a, families=2)
    rows.insert(3, [""] * len(HEADER))
    rows.insert(1, [None] * 4)
    batch = validate_file(officer_a, write_xlsx(tmp_path / "a.xlsx", rows))
    assert batch.summary["rows"] == 6 and batch.summary["rejected_rows"] == 0


def test_an_admin_file_may_span_districts(tmp_path, admin_user, village_a, village_b):
    rows = family_rows(village_a, families=1) + family_rows(village_b, families=1, start=50)
    batch = import_batch(validate_file(admin_user, write_xlsx(tmp_path / "a.xlsx", rows)), admin_user)
    assert batch.status == BatchStatus.IMPORTED
    assert set(Household.objects.values_list("village__district", flat=True)) == {
        village_a.district_id,
        village_b.district_id,
    }


def _family_then(tmp_path, officer, village, change):
    """Import one family of three, then validate a file of it changed by ``change``."""
    rows = family_rows(village, families=1)
    import_batch(validate_file(officer, write_xlsx(tmp_path / "first.xlsx", rows)), officer)
    return validate_file(officer, write_xlsx(tmp_path / "second.xlsx", change(rows)))


def test_a_new_member_of_a_registered_family_needs_no_head_in_the_file(tmp_path, officer_a, village_a):
    def only_a_newborn(rows):
        newborn = family_rows(village_a, families=1, start=90)[1]
        newborn[1] = rows[0][1]
        return [newborn]

    batch = _family_then(tmp_path, officer_a, village_a, only_a_newborn)
    assert batch.status == BatchStatus.READY and batch.summary["new_persons"] == 1
    import_batch(batch, officer_a)
    assert Household.objects.get().members.count() == 4


def test_a_second_head_for_a_registered_family_is_refused(tmp_path, officer_a, village_a):
    def new_head(rows):
        rows[1][5] = "Kepala Keluarga"
        return rows[1:]

    batch = _family_then(tmp_path, officer_a, village_a, new_head)
    assert "sudah punya Kepala Keluarga lain di registri" in problems(batch)[0][2]


def test_the_head_changes_when_the_former_head_is_in_the_file(tmp_path, officer_a, village_a):
    def swap(rows):
        rows[0][5], rows[1][5] = "Famili Lain", "Kepala Keluarga"
        return rows

    batch = import_batch(_family_then(tmp_path, officer_a, village_a, swap), officer_a)
    assert batch.status == BatchStatus.IMPORTED, problems(batch)
    head = Household.objects.get().members.get(relationship="kepala")
    assert head.name == "Warga Uji 2"


def test_a_first_desil_for_a_registered_household_becomes_its_current_desil(tmp_path, officer_a, village_a):
    rows = family_rows(village_a, families=1)
    without_desil = [row[:-1] for row in rows]
    import_batch(
        validate_file(officer_a, write_xlsx(tmp_path / "a.xlsx", without_desil, header=HEADER[:-1])), officer_a
    )
    assert Household.objects.get().desil is None
    import_batch(validate_file(officer_a, write_xlsx(tmp_path / "b.xlsx", rows)), officer_a)
    assert (Household.objects.get().desil, Household.objects.get().desil_source) == (1, "dtsen")
