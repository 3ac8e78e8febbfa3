"""Ticket codes such as ``ADU-2026-7KQ3XZ``: random, unguessable, easy to read out over the phone."""

import secrets

from django.utils import timezone

# No 0/O, 1/I/L or U/V that people confuse: 29 characters, 29⁶ ≈ 595 million codes a year.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
LENGTH = 6


def new_ticket_code() -> str:
    suffix = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"ADU-{timezone.localdate().year}-{suffix}"


def normalise_code(text: str) -> str:
    """What a person typed into the status form, in the stored form (upper case, no spaces)."""
    return "".join(text.split()).upper()[:16]
