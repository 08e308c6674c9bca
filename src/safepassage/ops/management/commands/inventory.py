"""safepassage inventory [--recovery-key-file FILE] [--json]"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safepassage.ops import inventory
from safepassage.ops.recovery import RecoveryKeyError, read_recovery_key


class Command(BaseCommand):
    help = (
        "Count what this instance holds and check that it opens: with the key folder alone, "
        "every key copy's outer layer, every server-readable field, every attestation, every "
        "stored file's presence and the audit log; with --recovery-key-file (the organisation "
        "recovery key's twenty words), every encrypted value, file and intake message too. "
        "Reads only. Exit 1 when anything does not open."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--recovery-key-file", help="a file holding the recovery key's words")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        parser.add_argument(
            "--digests",
            action="store_true",
            help="with --json: add a SHA-256 of every plaintext, to compare two instances",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        recovery = None
        if options["recovery_key_file"]:
            try:
                recovery = read_recovery_key(Path(options["recovery_key_file"]))
            except RecoveryKeyError as exc:
                raise CommandError(str(exc)) from None
        found = inventory.take(recovery, collect=options["digests"])
        if options["json"]:
            self.stdout.write(json.dumps(found.as_dict(), indent=2, sort_keys=True))
        else:
            for line in found.lines():
                self.stdout.write(line)
            for problem in found.problems:
                self.stderr.write(f"problem: {problem}")
        if not found.ok:
            raise SystemExit(1)
