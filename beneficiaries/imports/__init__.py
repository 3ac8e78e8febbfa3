"""The BNBA spreadsheet import: read → validate → stage → (confirm) → merge into the registry."""
