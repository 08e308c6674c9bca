"""safepassage reports show | releases | prepare | preview | publish | verify | budget"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safepassage.cases.cli import staff_session
from safepassage.core.roles import Perm
from safepassage.reports import rollup, services
from safepassage.reports.figures import Period, PeriodError, default_period
from safepassage.reports.models import Release, RollupCount
from safepassage.reports.services import ReleaseError


class Command(BaseCommand):
    help = (
        "Figures counted from recorded events, and their public releases. show [--from YYYY-MM "
        "--to YYYY-MM] [--json]: the figures the dashboard shows to the staff member named by "
        "--as (a coordinator sees the organisation, others their own cases; password from "
        "SAFEPASSAGE_PASSWORD or a prompt). releases: the organisation's releases; prepare "
        "--title T --from M --to M --tables a,b [--method threshold|privacy] [--threshold N] "
        "[--rounding N] [--epsilon E]: a draft; preview ID: what would be published, what stops "
        "it and the privacy budget; publish ID: freeze, sign and publish it; verify FILE: check a "
        "release file's signature; budget YEAR [--epsilon E]: show or set the year's privacy "
        "budget; refresh: count the organisation's monthly roll-up again (the dashboard does "
        "so by itself when it is older than REPORTS_ROLLUP_SECONDS). prepare, publish, budget "
        "and refresh need a coordinator."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as", dest="email", help="your staff email (all verbs but verify)")
        sub = parser.add_subparsers(dest="verb", required=True)
        show = sub.add_parser("show")
        show.add_argument("--from", dest="first")
        show.add_argument("--to", dest="last")
        show.add_argument("--json", action="store_true")
        sub.add_parser("releases")
        prepare = sub.add_parser("prepare")
        prepare.add_argument("--title", required=True)
        prepare.add_argument("--from", dest="first", required=True)
        prepare.add_argument("--to", dest="last", required=True)
        prepare.add_argument("--tables", required=True, help="comma-separated table keys")
        prepare.add_argument("--method", default="threshold")
        prepare.add_argument("--threshold", type=int, default=10)
        prepare.add_argument("--rounding", type=int, default=5)
        prepare.add_argument("--epsilon")
        sub.add_parser("preview").add_argument("release")
        sub.add_parser("publish").add_argument("release")
        sub.add_parser("verify").add_argument("file")
        budget = sub.add_parser("budget")
        budget.add_argument("year", type=int)
        budget.add_argument("--epsilon")
        sub.add_parser("refresh")

    def handle(self, *args: Any, **options: Any) -> None:
        verb = options["verb"]
        if verb == "show":
            self._show(options)
            return
        if verb == "verify":
            raw = Path(options["file"]).read_bytes()
            try:
                statement = services.verify_document(raw)
            except ReleaseError as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write(f"signed release {statement['release']}: {statement['title']}")
            return
        if not options["email"]:
            raise CommandError("this verb needs --as EMAIL")
        staff, _vault = staff_session(options["email"], Perm.PUBLISH_REPORTS)
        try:
            getattr(self, f"_{verb}")(staff, options)
        except ReleaseError as exc:
            raise CommandError(str(exc)) from None

    def _release(self, staff: Any, public_id: str) -> Release:
        row = Release.objects.filter(
            organisation_id=staff.organisation_id, public_id=public_id
        ).first()
        if row is None:
            raise CommandError(f"no release {public_id}")
        return row

    def _releases(self, staff: Any, options: dict[str, Any]) -> None:
        for row in Release.objects.filter(organisation_id=staff.organisation_id):
            self.stdout.write(
                f"{row.public_id} {row.status} {row.method} "
                f"{row.period_start:%Y-%m}..{row.period_end:%Y-%m} {row.title}"
            )

    def _prepare(self, staff: Any, options: dict[str, Any]) -> None:
        row = services.prepare(
            staff,
            title=options["title"],
            first=options["first"],
            last=options["last"],
            tables=[t.strip() for t in options["tables"].split(",") if t.strip()],
            method=options["method"],
            threshold=options["threshold"],
            rounding=options["rounding"],
            epsilon=options["epsilon"],
        )
        self.stdout.write(f"prepared release {row.public_id}: preview it, then publish it")

    def _preview(self, staff: Any, options: dict[str, Any]) -> None:
        preview = services.preview(self._release(staff, options["release"]), staff)
        self.stdout.write(json.dumps(preview.tables, indent=2, ensure_ascii=False))
        for name, value in preview.budget.items():
            self.stdout.write(f"privacy {name}: {value.normalize():f}")
        for problem in preview.problems:
            self.stdout.write(f"cannot publish: {problem}")
        if not preview.problems:
            self.stdout.write("ready to publish")

    def _publish(self, staff: Any, options: dict[str, Any]) -> None:
        row = services.publish(self._release(staff, options["release"]), staff)
        self.stdout.write(f"published release {row.public_id}, signed by key {row.key_id}")

    def _refresh(self, staff: Any, options: dict[str, Any]) -> None:
        state = rollup.rebuild(staff.organisation_id)
        rows = RollupCount.objects.filter(organisation_id=staff.organisation_id).count()
        self.stdout.write(f"roll-up counted again at {state.built_at:%Y-%m-%d %H:%M}: {rows} rows")

    def _budget(self, staff: Any, options: dict[str, Any]) -> None:
        if options["epsilon"]:
            services.set_budget(staff, options["year"], options["epsilon"])
        budget = services.budget_of(staff.organisation_id, options["year"])
        self.stdout.write(
            " ".join(f"{name}: {value.normalize():f}" for name, value in budget.items())
        )

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
        if not options["email"]:
            raise CommandError("show needs --as EMAIL")
        staff, _vault = staff_session(options["email"], Perm.VIEW_REPORTS)
        found = rollup.for_staff(staff, self._period(options)).as_dict()
        if options["json"]:
            self.stdout.write(json.dumps(found, indent=2, ensure_ascii=False))
            return
        self.stdout.write(f"{found['period']['from']} – {found['period']['to']}")
        for event, total in found["totals"].items():
            self.stdout.write(f"{event}: {total}")
        for stage, days in found["median_days_in_stage"].items():
            self.stdout.write(f"median days in {stage}: {'-' if days is None else days}")
