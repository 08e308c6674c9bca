"""safepassage cases_import FILE --as EMAIL [--map COLUMN=FIELD ...] [--dry-run] [--partial]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safepassage.cases import importing, spreadsheet
from safepassage.cases.cli import staff_session
from safepassage.cases.transfer import TransferError
from safepassage.core.roles import Perm


class Command(BaseCommand):
    help = (
        "Import cases from a spreadsheet (CSV in UTF-8 with comma or semicolon, or XLSX; at most "
        "5 MB and 5,000 rows) as a staff member who may import (--as EMAIL; password from "
        "SAFEPASSAGE_PASSWORD or a prompt; the second factor is not asked, as this is an "
        "administration tool run on the server). Columns are matched to fields by their header "
        "names (English or Russian); --map 'HEADER=FIELD' or 'NUMBER=FIELD' overrides a guess, "
        "FIELD 'ignore' leaves a column out. Fields: " + ", ".join(importing.TARGETS) + ". "
        "Nothing is written when any row fails, unless --partial imports the good rows only; "
        "--dry-run only checks."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--as", dest="email", required=True, help="your staff email")
        parser.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD")
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument(
            "--partial", action="store_true", help="import the good rows, leave out the bad"
        )
        parser.add_argument(
            "--confirm-warnings",
            action="store_true",
            help="the text flagged as must-not-hold is needed as it is",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        staff, _vault = staff_session(options["email"], Perm.IMPORT_CASES)
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        if path.stat().st_size > importing.MAX_BYTES:
            raise CommandError(f"the file is larger than {importing.MAX_BYTES // 2**20} MB")
        try:
            table = importing.parse(path.read_bytes())
        except importing.SpreadsheetError as exc:
            raise CommandError(str(exc)) from None
        mapping = self._mapping(table.headers, options["map"])
        for index, key in sorted(mapping.items()):
            self.stdout.write(f"column {index + 1} ({table.headers[index]}) -> {key}")
        try:
            result = spreadsheet.import_table(
                staff,
                table,
                mapping,
                partial=options["partial"],
                confirm_warnings=options["confirm_warnings"],
                dry_run=options["dry_run"],
            )
        except TransferError as exc:
            raise CommandError(f"{exc}; nothing was written") from None
        for problem in result.report.errors:
            where = f"row {problem.row}, {problem.field}" if problem.row else "mapping"
            self.stdout.write(f"{where}: {problem.message}")
        for problem in result.report.warnings:
            self.stdout.write(f"row {problem.row}, {problem.field}: warning {problem.message}")
        if result.written:
            skipped = ", ".join(str(n) for n in result.skipped_rows) or "none"
            self.stdout.write(f"{len(result.created)} case imported; rows left out: {skipped}")
        elif result.held_back == "dry_run":
            self.stdout.write(f"dry run: {len(result.report.good)} rows are ready; nothing written")
        else:
            why = {
                "errors": "some rows have errors (use --partial to import the good rows only)",
                "warnings": "confirm the warnings with --confirm-warnings",
                "empty": "no row is ready",
            }[result.held_back]
            raise CommandError(f"nothing was written: {why}")

    def _mapping(self, headers: list[str], overrides: list[str]) -> dict[int, str]:
        mapping = importing.guess_mapping(headers)
        by_name = {h.strip().casefold(): i for i, h in enumerate(headers)}
        for item in overrides:
            column, sep, key = item.rpartition("=")
            key = key.strip()
            index = (
                int(column) - 1
                if column.strip().isdigit()
                else by_name.get(column.strip().casefold())
            )
            if not sep or index is None or not 0 <= index < len(headers):
                raise CommandError(f"--map {item!r}: no such column")
            if key != "ignore" and key not in importing.TARGETS:
                raise CommandError(f"--map {item!r}: unknown field {key!r}")
            mapping = {i: k for i, k in mapping.items() if k != key}
            if key == "ignore":
                mapping.pop(index, None)
            else:
                mapping[index] = key
        return mapping
