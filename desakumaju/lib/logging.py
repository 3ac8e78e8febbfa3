import logging
import re

SIXTEEN_DIGITS = re.compile(r"(?<!\d)(\d{4})\d{8}(\d{4})(?!\d)")


def mask_identity_numbers(text: str) -> str:
    """Mask every 16-digit run (NIK, No KK) as ``1801********0001``."""
    return SIXTEEN_DIGITS.sub(r"\1********\2", text)


class MaskIdentityNumbers(logging.Filter):
    """Logging filter: no NIK or No KK reaches a log line or a logged traceback (UU PDP)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_identity_numbers(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_identity_numbers(record.exc_text)
        return True
