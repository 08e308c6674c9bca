"""safepassage cases_import_bundle FILE --as EMAIL"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safepassage.cases import transfer
from safepassage.cases.cli import staff_session
from safepassage.cases.management.commands.cases_export import PASSPHRASE_ENV, bundle_passphrase
from safepassage.core.roles import Perm


class Command(BaseCommand):
    help = (
        "Import the cases of a file made by `cases_export` as new cases (new references, new "
        "keys), all or nothing, as a staff member who may import (--as EMAIL; password from "
        "SAFEPASSAGE_PASSWORD or a prompt; the second factor is not asked: an administration "
        f"tool run on the server). The file's passphrase comes from {PASSPHRASE_ENV} or a prompt."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--as", dest="email", required=True, help="your staff email")

    def handle(self, *args: Any, **options: Any) -> None:
        staff, _vault = staff_session(options["email"], Perm.IMPORT_CASES)
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        if path.stat().st_size > transfer.BUNDLE_MAX_BYTES:
            raise CommandError("the file is larger than an import accepts")
        try:
            with path.open("rb") as source:
                created = transfer.import_bundle(staff, source, bundle_passphrase(confirm=False))
        except transfer.TransferError as exc:
            raise CommandError(f"{exc} Nothing was imported.") from None
        for reference in created:
            self.stdout.write(f"case imported: {reference}")
        self.stdout.write(f"{len(created)} cases imported from {path}")
