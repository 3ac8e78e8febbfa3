import logging

from desakumaju.lib.logging import MaskIdentityNumbers, mask_identity_numbers


def test_it_masks_every_sixteen_digit_run():
    assert mask_identity_numbers("NIK 1801044107900001 KK 1801040101200003.") == (
        "NIK 1801********0001 KK 1801********0003."
    )


def test_it_leaves_other_numbers_alone():
    assert mask_identity_numbers("18010441079000012 dan 180104410790000") == "18010441079000012 dan 180104410790000"


def test_the_filter_masks_messages_arguments_and_tracebacks():
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "NIK %s ditolak", ("1801044107900001",), None)
    try:
        raise ValueError("NIK 1801044107900001 tidak valid")
    except ValueError as error:
        record.exc_info = (type(error), error, error.__traceback__)
    MaskIdentityNumbers().filter(record)
    text = logging.Formatter().format(record)
    assert "1801044107900001" not in text
    assert "NIK 1801********0001 ditolak" in text
    assert "ValueError: NIK 1801********0001 tidak valid" in text
