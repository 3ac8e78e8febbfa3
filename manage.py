#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
from pathlib import Path


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "desakumaju.settings")
    # A bare development checkout (no DJANGO_SECRET_KEY, no DJANGO_DEBUG, no .env) runs its commands
    # in development mode instead of refusing; anything configured, and the web server (wsgi.py), is
    # untouched, and still refuses to start without a secret key unless DJANGO_DEBUG=true.
    configured = {"DJANGO_SECRET_KEY", "DJANGO_DEBUG"} & set(os.environ)
    if not configured and not (Path(__file__).resolve().parent / ".env").exists():
        os.environ["DJANGO_DEBUG"] = "true"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
