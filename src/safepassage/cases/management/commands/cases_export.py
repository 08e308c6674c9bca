"""safepassage cases_export --as EMAIL [--case REF ...] --out FILE"""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from safepassage.cases import transfer
from safepassage.cases.cli import staff_session
from safepassage.core.roles import Perm

PASSPHRASE_ENV = "SAFEPASSAGE_BUNDLE_PASSPHRASE"  # noqa: S105 - a variable name, not a secret


def bundle_passphrase(confirm: bool) -> str:
    """From the environment (scripts, tests) or typed, twice when it is being chosen."""
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if passphrase:
        return passphrase
    passphrase = getpass.getpass("Passphrase of the export file: ")
    if confirm and getpass.getpass("The passphrase again: ") != passphrase:
        raise CommandError("the two passphrases differ")
    return passphrase


class Command(BaseCommand):
    help = (
        "Export cases you can open (all of them, or those named with --case) to one file "
        "encrypted under a passphrase (at least 12 characters; from "
        f"{PASSPHRASE_ENV} or a prompt), for `cases_import_bundle` on another instance. "
        "--as EMAIL; password from SAFEPASSAGE_PASSWORD or a prompt (the second factor is not "
        "asked: an administration tool run on the server). Every case is opened through the "
        "access gate and audited. An existing file is never overwritten."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as", dest="email", required=True, help="your staff email")
        parser.add_argument("--case", action="append", dest="cases", metavar="REF")
        parser.add_argument("--out", required=True, help="file to write (must not exist)")

    def handle(self, *args: Any, **options: Any) -> None:
        staff, vault = staff_session(options["email"], Perm.WORK_CASES)
        out = Path(options["out"])
        if out.exists():
            raise CommandError(f"{out} exists; choose a new file name")
        try:
            content, count = transfer.export_cases(
                staff, vault, options["cases"], bundle_passphrase(confirm=True)
            )
        except transfer.TransferError as exc:
            raise CommandError(str(exc)) from None
        except Http404:
            raise CommandError("no such case among yours") from None
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        self.stdout.write(f"{count} cases exported to {out} ({len(content)} bytes)")
