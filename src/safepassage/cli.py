"""The `safepassage` console command: Django's manage.py under our own name."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safepassage.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["safepassage", *sys.argv[1:]])


if __name__ == "__main__":
    main()
