"""The `safepassage` console command: Django's manage.py under our own name."""

from __future__ import annotations

import os
import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from safepassage import __version__

        print(f"safepassage {__version__}")
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safepassage.settings")
    from django.core.management import execute_from_command_line

    from safepassage.env import ConfigError

    try:
        execute_from_command_line(["safepassage", *sys.argv[1:]])
    except ConfigError as exc:
        # A setting is missing or wrong: say which, without a traceback, before doing anything.
        sys.stderr.write(f"safepassage: configuration error: {exc}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
