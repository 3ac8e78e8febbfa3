"""Masking identity numbers wherever the records show values (the trail's diffs, search results)."""

import re

SIXTEEN_DIGITS = re.compile(r"(?<!\d)(\d{4})\d{8}(\d{4})(?!\d)")


def mask_numbers(text: str) -> str:
    """Every 16-digit run (a NIK or No KK) as ``1801••••••••0001``: the region and serial, never the birth date."""
    return SIXTEEN_DIGITS.sub(lambda match: f"{match[1]}{'•' * 8}{match[2]}", text)
