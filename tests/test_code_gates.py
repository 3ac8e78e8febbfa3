"""Grep gates for constructs that bypass Django's protections (SECURITY-CHECKLIST OPS-01, AUTH-04)."""

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "node_modules", "static", "staticfiles", ".git", "tests"}
FORBIDDEN = re.compile(r"csrf_exempt|mark_safe\(|\.extra\(|RawSQL\(|import pickle|\|safe\b")


def _sources():
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in SKIP]
        yield from (Path(folder, name) for name in files if name.endswith((".py", ".html")))


def test_no_source_file_uses_csrf_exempt_mark_safe_raw_sql_or_pickle():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _sources()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if FORBIDDEN.search(line)
    ]
    assert not offenders, offenders


CLIENT_ADDRESS_READS = re.compile(r"REMOTE_ADDR|X_FORWARDED_FOR|X-Forwarded-For|get_client_ip")
CLIENT_ADDRESS_HELPER = Path("desakumaju/lib/client_address.py")


def test_only_the_client_address_helper_reads_the_client_address():
    """AUTH-05: every limit keyed by address reads it from the trusted proxy chain, in one place."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _sources()
        if path.suffix == ".py" and path.relative_to(ROOT) != CLIENT_ADDRESS_HELPER
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if CLIENT_ADDRESS_READS.search(line)
    ]
    assert not offenders, offenders
