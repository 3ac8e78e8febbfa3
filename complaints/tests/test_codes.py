"""Ticket codes: the ADU-year-XXXXXX shape, an unambiguous alphabet, drawn at random."""

import re

from complaints.codes import ALPHABET, new_ticket_code, normalise_code


def test_it_makes_codes_of_the_documented_shape_without_confusable_characters():
    codes = {new_ticket_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(re.fullmatch(rf"ADU-\d{{4}}-[{ALPHABET}]{{6}}", code) for code in codes)
    assert not set("01ILOUV") & set(ALPHABET)


def test_it_reads_back_what_people_type():
    assert normalise_code(" adu-2026-7kq3xz ") == "ADU-2026-7KQ3XZ"
    assert normalise_code("ADU 2026 7KQ3XZ") == "ADU20267KQ3XZ"
