"""safepassage cases create | list | assign | stage | alerts"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from safepassage.accounts.models import Staff
from safepassage.cases import listing, services
from safepassage.cases.cli import staff_session
from safepassage.cases.gate import open_case
from safepassage.cases.models import Alert, Stage
from safepassage.core.prompt import HELP, name_argument
from safepassage.core.roles import Perm


class Command(BaseCommand):
    stealth_options = ("stdin",)  # tests hand the typed name in here
    help = (
        "Work with cases as a staff member (--as EMAIL; password from SAFEPASSAGE_PASSWORD or a "
        "prompt). create: a new case; list: your cases; assign: give a colleague a case; stage: "
        "move a case; alerts: your alerts. The same rules, gate and audit as the web pages."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as", dest="email", required=True, help="your staff email")
        sub = parser.add_subparsers(dest="verb", required=True)
        create = sub.add_parser("create")
        create.add_argument("name", nargs="?", help=f"the principal's name as he writes it; {HELP}")
        create.add_argument("--country", help="ISO code of where he is now, e.g. KZ")
        sub.add_parser("list").add_argument("--json", action="store_true")
        assign = sub.add_parser("assign")
        assign.add_argument("reference")
        assign.add_argument("staff_email")
        assign.add_argument("--role", default="caseworker")
        stage = sub.add_parser("stage")
        stage.add_argument("reference")
        stage.add_argument("target", choices=Stage.values)
        stage.add_argument("--why", default="")
        stage.add_argument("--reason", default="")
        sub.add_parser("alerts").add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        verb = options["verb"]
        permission = {"create": Perm.CREATE_CASE, "assign": Perm.ASSIGN_CASE}.get(
            verb, Perm.WORK_CASES
        )
        staff, vault = staff_session(options["email"], permission)
        try:
            getattr(self, f"_{verb}")(staff, vault, options)
        except services.CaseError as exc:
            raise CommandError(str(exc)) from None
        except Http404:
            raise CommandError("no such case among yours") from None

    def _create(self, staff: Staff, vault: Any, options: dict[str, Any]) -> None:
        name = name_argument(options["name"], options.get("stdin") or sys.stdin)
        access = services.create_case(staff, name, country=options["country"])
        self.stdout.write(f"case created: {access.case.reference}")

    def _list(self, staff: Staff, vault: Any, options: dict[str, Any]) -> None:
        cases = list(listing.my_cases(staff).order_by("reference"))
        rows = listing.with_names(cases, staff, vault)
        data = [
            {
                "reference": r.case.reference,
                "name": r.name,
                "stage": r.case.stage,
                "country": r.case.country_id,
            }
            for r in rows
        ]
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        for row in data:
            self.stdout.write(
                f"{row['reference']}  {row['stage']:<14} {row['country'] or '--'}  {row['name']}"
            )
        self.stdout.write(f"{len(data)} cases")

    def _assign(self, staff: Staff, vault: Any, options: dict[str, Any]) -> None:
        access = open_case(staff, options["reference"], vault, "edited")
        member = Staff.objects.filter(email__iexact=options["staff_email"]).first()
        if member is None:
            raise CommandError(f"no staff member {options['staff_email']}")
        services.assign(access, member, options["role"])
        self.stdout.write(
            f"{member.email} assigned to {access.case.reference} as {options['role']}"
        )

    def _stage(self, staff: Staff, vault: Any, options: dict[str, Any]) -> None:
        access = open_case(staff, options["reference"], vault, "edited")
        services.move_stage(access, options["target"], options["why"], options["reason"])
        self.stdout.write(f"{access.case.reference} is now at {options['target']}")

    def _alerts(self, staff: Staff, vault: Any, options: dict[str, Any]) -> None:
        rows = Alert.objects.filter(staff=staff).select_related("case").order_by("due_on")
        data = [
            {"reference": a.case.reference, "kind": a.kind, "due_on": a.due_on.isoformat()}
            for a in rows
        ]
        if options["json"]:
            self.stdout.write(json.dumps(data))
            return
        for row in data:
            self.stdout.write(f"{row['due_on']}  {row['kind']:<16} {row['reference']}")
        self.stdout.write(f"{len(data)} alerts")
