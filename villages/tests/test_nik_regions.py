import pytest

from villages.nik_regions import is_known_kecamatan, is_known_province


@pytest.mark.parametrize(("code", "known"), [("18", True), ("31", True), ("11", True), ("00", False), ("99", False)])
def test_it_knows_the_provinces_of_indonesia(code, known):
    assert is_known_province(code) is known


@pytest.mark.parametrize(
    ("prefix", "known"),
    [("180104", True), ("187201", True), ("317101", True), ("180199", False), ("000000", False)],
)
def test_it_knows_kecamatan_prefixes_anywhere_in_indonesia(prefix, known):
    assert is_known_kecamatan(prefix) is known
