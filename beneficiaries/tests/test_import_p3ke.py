"""P3KE individu as distributed: families grouped by ID Keluarga P3KE, without a No KK until one is known."""

import pytest
from django.db import IntegrityError

from beneficiaries.models import BatchStatus, Household, HouseholdStatus, Person, PersonMove
from tests.bnba_files import family_records, import_batch, problems, records_grid, validate_file
from tests.factories import HouseholdFactory
from tests.spreadsheet_writers import write_text


def p3ke_rows(village, *, families: int = 2, with_no_kk: bool = False, start: int = 1) -> list[dict]:
    """The P3KE individu file's rows for ``families`` synthetic families."""
    rows = []
    for record in family_records(village, families=families, start=start):
        family = f"P3KE{record['No KK'][-6:]}"
        row = {
            "ID Keluarga P3KE": family, "Provinsi": "LAMPUNG", "Kabupaten/Kota": "LAMPUNG SELATAN",
            "Kecamatan": "NATAR", "Desa/Kelurahan": "HAJIMENA", "Kode Kemendagri": record["Kode Desa"],
            "Desil Kesejahteraan": "Desil 1", "Alamat": "DUSUN II", "ID Individu": f"I{record['NIK'][-8:]}",
            "Nama": record["Nama"].upper(), "NIK": record["NIK"], "Jenis Kelamin": "Laki-laki",
            "Hubungan Dengan Kepala Keluarga": "Kepala Keluarga" if record["Hubungan Keluarga"] == "Kepala Keluarga"
            else "Anak", "Tanggal Lahir": "17 Mei 1980", "Status Kawin": "KAWIN", "Pekerjaan": "PETANI/PEKEBUN",
            "Pendidikan": "TAMAT SD / SEDERAJAT",
        }  # fmt: skip
        if with_no_kk:
            row["No KK"] = record["No KK"]
        rows.append(row)
    return rows


def _validate(tmp_path, officer, rows, name="p3ke.csv"):
    return validate_file(officer, write_text(tmp_path / name, records_grid(rows), delimiter=";"))


def test_families_without_a_no_kk_are_grouped_by_their_p3ke_id(tmp_path, officer_a, village_a):
    batch = _validate(tmp_path, officer_a, p3ke_rows(village_a))
    assert batch.status == BatchStatus.READY, problems(batch)
    assert (batch.summary["new_households"], batch.summary["new_persons"]) == (2, 6)
    assert batch.summary["ignored_columns"] == ["B: Provinsi", "I: ID Individu"]
    import_batch(batch, officer_a)
    households = Household.objects.order_by("p3ke_family_id")
    assert [(h.no_kk, h.members.count(), h.desil) for h in households] == [(None, 3, 1), (None, 3, 1)]
    assert set(Person.objects.values_list("education", "occupation", "marital_status")) == {("sd", "petani", "kawin")}


def test_re_importing_the_p3ke_file_changes_nothing(tmp_path, officer_a, village_a):
    import_batch(_validate(tmp_path, officer_a, p3ke_rows(village_a)), officer_a)
    again = _validate(tmp_path, officer_a, p3ke_rows(village_a), name="lagi.csv")
    assert (again.summary["new_households"], again.summary["unchanged_households"], again.summary["new_persons"],
            again.summary["unchanged_persons"]) == (0, 2, 0, 6)  # fmt: skip
    assert import_batch(again, officer_a).summary["result"]["persons"] == 0


def test_a_later_file_with_the_no_kk_gives_the_family_its_no_kk(tmp_path, officer_a, village_a):
    import_batch(_validate(tmp_path, officer_a, p3ke_rows(village_a)), officer_a)
    later = _validate(tmp_path, officer_a, p3ke_rows(village_a, with_no_kk=True), name="dengan-kk.csv")
    assert (later.summary["new_households"], later.summary["linked_households"]) == (0, 2)
    import_batch(later, officer_a)
    assert Household.objects.count() == 2
    assert not Household.objects.filter(no_kk__isnull=True).exists()
    assert Household.objects.filter(p3ke_family_id__isnull=False).count() == 2


def test_a_p3ke_family_that_is_a_known_no_kk_household_is_folded_into_it(tmp_path, officer_a, village_a):
    import_batch(_validate(tmp_path, officer_a, p3ke_rows(village_a, families=1)), officer_a)
    by_kk = family_records(village_a, families=1, start=50)  # the same family, registered by No KK, other people
    import_batch(validate_file(officer_a, write_text(tmp_path / "kk.csv", records_grid(by_kk))), officer_a)
    p3ke = p3ke_rows(village_a, families=1)
    for row in p3ke:
        row["No KK"] = by_kk[0]["No KK"]
        if row["Hubungan Dengan Kepala Keluarga"] == "Kepala Keluarga":
            row["Hubungan Dengan Kepala Keluarga"] = "Anak"
    p3ke.append({**p3ke[0], "NIK": by_kk[0]["NIK"], "Nama": "KEPALA", "Hubungan Dengan Kepala Keluarga":
                 "Kepala Keluarga"})  # fmt: skip
    batch = _validate(tmp_path, officer_a, p3ke, name="gabung.csv")
    assert batch.status == BatchStatus.READY, problems(batch)
    import_batch(batch, officer_a)
    folded = Household.objects.get(status=HouseholdStatus.MERGED)
    kept = Household.objects.get(no_kk=by_kk[0]["No KK"])
    assert (folded.no_kk, folded.p3ke_family_id, folded.members.count()) == (None, None, 0)
    assert kept.p3ke_family_id == p3ke[0]["ID Keluarga P3KE"] and kept.members.count() == 6
    assert PersonMove.objects.filter(from_household=folded, to_household=kept).count() == 3


def test_a_pairing_the_registry_contradicts_is_refused(tmp_path, officer_a, village_a):
    import_batch(_validate(tmp_path, officer_a, p3ke_rows(village_a, families=1, with_no_kk=True)), officer_a)
    other = p3ke_rows(village_a, families=1, with_no_kk=True)
    for row in other:
        row["ID Keluarga P3KE"] = "P3KE-LAIN"
    batch = _validate(tmp_path, officer_a, other, name="lain.csv")
    assert "No KK ini di registri tercatat dengan ID Keluarga P3KE yang lain." in {m for _, _, m in problems(batch)}


def test_within_one_file_one_no_kk_goes_with_one_p3ke_id(tmp_path, officer_a, village_a):
    rows = p3ke_rows(village_a, families=1, with_no_kk=True)
    rows[2]["ID Keluarga P3KE"] = "P3KE-LAIN"
    batch = _validate(tmp_path, officer_a, rows)
    assert any(row == 4 and "pasangan No KK/ID P3KE-nya berbeda" in m for row, _, m in problems(batch))


def test_a_row_with_neither_no_kk_nor_p3ke_id_is_refused(tmp_path, officer_a, village_a):
    rows = p3ke_rows(village_a, families=1)
    rows[1]["ID Keluarga P3KE"] = ""
    batch = _validate(tmp_path, officer_a, rows)
    assert (3, "No KK", "No KK atau ID Keluarga P3KE wajib diisi.") in problems(batch)


def test_the_registry_keeps_no_kk_and_p3ke_ids_unique_and_a_household_known_by_one(village_a):
    HouseholdFactory(village=village_a, no_kk=None, p3ke_family_id="P3KE-1")
    HouseholdFactory(village=village_a, no_kk=None, p3ke_family_id="P3KE-2")  # two unknown No KKs do not clash
    with pytest.raises(IntegrityError):
        HouseholdFactory(village=village_a, no_kk=None, p3ke_family_id="P3KE-1")


def test_a_household_needs_a_no_kk_or_a_p3ke_id(village_a):
    with pytest.raises(IntegrityError):
        HouseholdFactory(village=village_a, no_kk=None, p3ke_family_id=None)
