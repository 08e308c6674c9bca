"""safepassage doctor [--json]"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from safepassage.ops import doctor

MARK = {doctor.OK: "  ok ", doctor.WARNING: " WARN", doctor.ERROR: "ERROR"}


class Command(BaseCommand):
    help = (
        "Check this deployment and say what to do about each finding: "
        + ", ".join(name for name, _check in doctor.CHECKS)
        + ". Exit status 1 when any check finds an error (warnings alone exit 0); --json "
        "prints the findings for a monitoring system. Reads only; safe to run at any time."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print the findings as JSON")
        parser.add_argument(
            "--only",
            action="append",
            choices=[name for name, _check in doctor.CHECKS],
            help="run only this check (repeatable)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        findings = doctor.run(options["only"])
        errors = sum(f.status == doctor.ERROR for f in findings)
        warnings = sum(f.status == doctor.WARNING for f in findings)
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "ok": errors == 0,
                        "errors": errors,
                        "warnings": warnings,
                        "findings": [f.as_dict() for f in findings],
                    },
                    indent=2,
                )
            )
        else:
            for finding in findings:
                self.stdout.write(f"[{MARK[finding.status]}] {finding.check}: {finding.found}")
                if finding.advice:
                    self.stdout.write(f"         -> {finding.advice}")
            self.stdout.write(f"{len(findings)} checks: {errors} errors, {warnings} warnings")
        if errors:
            raise SystemExit(1)
