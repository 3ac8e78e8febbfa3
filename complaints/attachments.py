"""Attachments of public complaints: the type is read from the content, with programs' evidence rules."""

import re
from pathlib import Path

from django import forms
from django.conf import settings

from programs.forms import EVIDENCE_MAGIC

CONTENT_TYPES = {".jpg": "image/jpeg", ".png": "image/png", ".pdf": "application/pdf"}


def sniff_extension(upload) -> str | None:
    """``.jpg``, ``.png`` or ``.pdf`` from the file's first bytes; None for anything else."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    return next((extension for extension, magic in EVIDENCE_MAGIC.items() if head.startswith(magic)), None)


def max_bytes() -> int:
    return settings.COMPLAINT_ATTACHMENT_MAX_MB * 1024 * 1024


def clean_attachment(upload):
    """The upload with ``extension`` set from its content; ValidationError if too big or of another type."""
    if upload.size > max_bytes():
        raise forms.ValidationError(f"Lampiran terlalu besar: maksimal {settings.COMPLAINT_ATTACHMENT_MAX_MB} MB.")
    extension = sniff_extension(upload)
    if extension is None:
        raise forms.ValidationError("Lampiran harus foto (JPG atau PNG) atau dokumen PDF.")
    upload.extension = extension
    return upload


def safe_name(name: str, extension: str) -> str:
    """A file name fit for a download header: no path, no odd characters, the extension of the content."""
    stem = re.sub(r"[^\w\- ]+", "_", Path(name.replace("\\", "/")).stem).strip(" _") or "lampiran"
    return f"{stem[:100]}{extension}"
