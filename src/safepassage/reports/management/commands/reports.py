"""safepassage reports show | releases | prepare | preview | publish | verify | budget"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safepassage.cases.cli import staff_session
from safepassage.core.roles import Perm
from safepassage.reports import figures
from safepassage.reports.figures import Period, PeriodError, default_period


class Command(BaseCommand):
    help = (
        "Figures counted from recorded events, and their public releases. show [--from YYYY-MM "
        "--to YYYY-MM] [--json]: the figures the dashboard shows to the staff member named by "
        "--as (a coordinator sees the organisation, others their own cases; password from "
        "SAFEPASSAGE_PASSWORD or a prompt)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as", dest="email", required=True, help="your staff email")
        sub = parser.add_subparsers(dest="verb", required=True)
        show = sub.add_parser("show")
        show.add_argument("--from", dest="first")
        show.add_argument("--to", dest="last")
        show.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        verb = options["verb"]
        if verb == "show":
            self._show(options)

    def _period(self, options: dict[str, Any]) -> Period:
        default = default_period()
        first = options.get("first") or default.start.strftime("%Y-%m")
        last = options.get("last") or default.end.strftime("%Y-%m")
        try:
            period = Period.of_months(first, last)
            period.check()
        except PeriodError as exc:
            raise CommandError(str(exc)) from None
        return period

    def _show(self, options: dict[str, Any]) -> None:
        staff, _vault = staff_session(options["email"], Perm.VIEW_REPORTS)
        found = figures.for_staff(staff, self._period(options)).as_dict()
        if options["json"]:
            self.stdout.write(json.dumps(found, indent=2, ensure_ascii=False))
            return
        self.stdout.write(f"{found['period']['from']} – {found['period']['to']}")
        for event, total in found["totals"].items():
            self.stdout.write(f"{event}: {total}")
        for stage, days in found["median_days_in_stage"].items():
            self.stdout.write(f"median days in {stage}: {'-' if days is None else days}")
