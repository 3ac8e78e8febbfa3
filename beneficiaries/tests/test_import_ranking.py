"""Quarterly desil re-ranking (DTSEN): only desil history changes, with the BNBA lifecycle and scoping."""

from datetime import date

import pytest

from beneficiaries.imports import services
from beneficiaries.models import BatchKind, BatchStatus, DesilRecord, Graduation, Household, HouseholdStatus, Person
from tests.bnba_files import family_records, import_batch, problems, records_grid, validate_file
from tests.spreadsheet_writers import SheetSpec, write_text, write_workbook


def _rank(user, path, *, as_of=date(2026, 10, 1)):
    from django.core.files import File

    with path.open("rb") as handle:
        batch, _ = services.create_batch(user=user, upload=File(handle, name=path.name), desil_source="dtsen",
                                         desil_as_of=as_of, kind=BatchKind.RANKING)  # fmt: skip
    services.run_validation(batch_id=batch.pk)
    batch.refresh_from_db()
    return batch


@pytest.fixture
def registry(tmp_path, officer_a, village_a):
    """Four families in desil 1, ranked on 1 July 2026."""
    records = family_records(village_a, families=4)
    path = write_text(tmp_path / "bnba.csv", records_grid(records))
    import_batch(validate_file(officer_a, path, desil_as_of=date(2026, 7, 1)), officer_a)
    return records


def _heads(records):
    return [record for record in records if record["Hubungan Keluarga"] == "Kepala Keluarga"]


def test_the_preview_says_how_families_move_and_which_are_unknown(tmp_path, officer_a, registry):
    heads = _heads(registry)
    grid = [["No KK", "NIK Kepala Keluarga", "Desil", "Tanggal Desil"],
            [heads[0]["No KK"], "", "1", "01/10/2026"],  # stays
            [heads[1]["No KK"], "", "3", "01/10/2026"],  # up, under the threshold
            ["", heads[2]["NIK"], "7", "01/10/2026"],  # up past the threshold: would graduate; by the head's NIK
            ["1801040101999999", "", "2", "01/10/2026"]]  # fmt: skip
    batch = _rank(officer_a, write_text(tmp_path / "desil.csv", grid))
    assert batch.status == BatchStatus.READY, problems(batch)
    summary = batch.summary
    assert (summary["valid_rows"], summary["desil_same"], summary["desil_up"], summary["desil_down"],
            summary["would_graduate"], summary["unknown_families"]) == (3, 1, 2, 0, 1, 1)  # fmt: skip
    assert (5, "No KK", "Keluarga ini tidak ditemukan di registri wilayah Anda; baris dilewati.") in problems(batch)
    assert DesilRecord.objects.count() == 4, "validation writes nothing"


def test_importing_changes_only_desil_history_and_graduates_who_rose(tmp_path, officer_a, registry):
    heads = _heads(registry)
    before = list(Person.objects.order_by("pk").values_list("pk", "name", "updated_at"))
    grid = [["No KK", "Desil"], [heads[0]["No KK"], "Desil 3"], [heads[1]["No KK"], "7"]]
    batch = import_batch(_rank(officer_a, write_workbook(tmp_path / "desil.xlsx", [SheetSpec(grid)])), officer_a)
    assert batch.status == BatchStatus.IMPORTED
    first, second = (Household.objects.get(no_kk=head["No KK"]) for head in heads[:2])
    assert (first.desil, first.desil_as_of, first.status) == (3, date(2026, 10, 1), HouseholdStatus.ACTIVE)
    assert (second.desil, second.status) == (7, HouseholdStatus.GRADUATED)
    assert Graduation.objects.get().household == second
    assert list(Person.objects.order_by("pk").values_list("pk", "name", "updated_at")) == before
    assert list(first.desil_history.values_list("desil", flat=True)) == [3, 1]


def test_the_same_ranking_twice_changes_nothing(tmp_path, officer_a, registry):
    heads = _heads(registry)
    grid = [["No KK", "Desil"], *([head["No KK"], "2"] for head in heads)]
    import_batch(_rank(officer_a, write_text(tmp_path / "a.csv", grid)), officer_a)
    again = _rank(officer_a, write_text(tmp_path / "b.csv", [*grid, ["", ""]]))
    assert again.summary["desil_same"] == 4
    assert import_batch(again, officer_a).summary["result"] == {"desil_records": 0, "graduations": 0}
    assert DesilRecord.objects.count() == 8


def test_an_older_ranking_joins_the_history_without_becoming_current(tmp_path, officer_a, registry):
    heads = _heads(registry)
    grid = [["No KK", "Desil", "Tanggal Desil"], [heads[0]["No KK"], "9", "01/01/2026"]]
    batch = _rank(officer_a, write_text(tmp_path / "lama.csv", grid))
    assert (batch.summary["older_rankings"], batch.summary["would_graduate"]) == (1, 0)
    import_batch(batch, officer_a)
    assert Household.objects.get(no_kk=heads[0]["No KK"]).desil == 1


def test_a_family_of_another_district_is_unknown_to_an_officer(tmp_path, officer_b, registry):
    grid = [["No KK", "Desil"], [_heads(registry)[0]["No KK"], "5"]]
    batch = _rank(officer_b, write_text(tmp_path / "desil.csv", grid))
    assert batch.status == BatchStatus.INVALID and batch.summary["unknown_families"] == 1
    assert Household.objects.get(no_kk=_heads(registry)[0]["No KK"]).desil == 1


def test_a_member_nik_is_not_a_head_and_a_bad_desil_is_refused(tmp_path, officer_a, registry):
    member = next(record for record in registry if record["Hubungan Keluarga"] != "Kepala Keluarga")
    grid = [["NIK", "Desil"], [member["NIK"], "4"], [_heads(registry)[0]["NIK"], "11"]]
    batch = _rank(officer_a, write_text(tmp_path / "desil.csv", grid))
    messages = {row: text for row, _, text in problems(batch)}
    assert messages[2] == "NIK ini bukan NIK kepala keluarga di registri wilayah Anda; baris dilewati."
    assert "harus angka 1 sampai 10" in messages[3]


def test_other_columns_are_not_used_and_said_so(tmp_path, officer_a, registry):
    grid = [["No KK", "Nama", "Desil"], [_heads(registry)[0]["No KK"], "Nama Lain", "2"]]
    batch = import_batch(_rank(officer_a, write_text(tmp_path / "desil.csv", grid)), officer_a)
    assert any("kolom Nama tidak dipakai" in notice for notice in batch.summary["notices"])
    assert not Person.objects.filter(name="Nama Lain").exists()
