"""Benchmarks of the portal (see README.md); not imported by the portal itself."""
