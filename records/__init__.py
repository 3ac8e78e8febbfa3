"""Cross-cutting records every app writes: the audit trail, personal-data access and exports.

It sits below the domain apps: they import it, it never imports them.
"""
