"""Shared helpers of the portal that belong to no single app."""
