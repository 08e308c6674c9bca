"""safepassage overlap list | show | start | receive | consent | decline | message | deliver"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safepassage.cases.cli import staff_session
from safepassage.core.roles import Perm
from safepassage.overlap import services
from safepassage.overlap.models import Match, Mode, Run
from safepassage.partners import inbox
from safepassage.partners import services as partner_services
from safepassage.partners.management.commands.partners import _write_new
from safepassage.partners.services import PartnerError

_AS_STAFF = {"start", "consent", "decline", "message", "deliver", "receive"}


class Command(BaseCommand):
    help = (
        "Find the cases a partner organisation also knows, without either side showing its "
        "list (private set intersection). list: the runs; show RUN: one run and its matches; "
        "start PARTNER --mode count|mutual (--out FILE | --deliver): ask a partner for a run; "
        "receive FILE [--out FILE]: take a partner's overlap message (a request waits for "
        "consent; a reply gives our matches and the result to send back); consent RUN "
        "(--out FILE | --deliver): answer a partner's request; decline RUN; message RUN --out "
        "FILE: the message waiting for the partner; deliver RUN: post it to their inbox. RUN is "
        "a run id or its first 8 characters. expire: end the runs that waited longer than a "
        "message lives (their keys destroyed). Staff verbs need --as EMAIL (a coordinator; "
        "password from SAFEPASSAGE_PASSWORD or a prompt); each is audited like the web pages."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as", dest="email", help="your staff email (for staff verbs)")
        sub = parser.add_subparsers(dest="verb", required=True)
        sub.add_parser("list")
        sub.add_parser("expire")
        sub.add_parser("show").add_argument("run")
        start = sub.add_parser("start")
        start.add_argument("partner")
        start.add_argument("--mode", choices=Mode.values, default=Mode.COUNT)
        receive = sub.add_parser("receive")
        receive.add_argument("file")
        for verb in ("consent", "decline", "message", "deliver"):
            sub.add_parser(verb).add_argument("run")
        for verb in ("start", "consent", "message", "receive"):
            parser_of = sub.choices[verb]
            parser_of.add_argument("--out", help="write the message for the partner to this file")
            if verb in ("start", "consent"):
                parser_of.add_argument("--deliver", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        verb = options["verb"]
        staff = vault = None
        if verb in _AS_STAFF:
            if not options["email"]:
                raise CommandError(f"`{verb}` acts as a staff member: give --as EMAIL")
            staff, vault = staff_session(options["email"], Perm.PARTNERS)
        try:
            getattr(self, "_" + verb)(staff, vault, options)
        except (services.OverlapError, PartnerError) as exc:
            raise CommandError(str(exc)) from None

    def _find(self, text: str) -> Run:
        organisation = partner_services.organisation()
        runs = [
            r
            for r in Run.objects.filter(organisation=organisation).select_related("partner")
            if r.run_id.startswith(text.lower()) and len(text) >= 8
        ]
        if len(runs) != 1:
            raise CommandError(f"no single run with id {text!r}")
        return runs[0]

    def _line(self, run: Run) -> str:
        found = "" if run.matched_cases is None else f" matched_cases={run.matched_cases}"
        count = "" if run.their_count is None else f" their_count={run.their_count}"
        return (
            f"{run.run_id} {run.side} {run.mode} {run.state} partner={run.partner.name!r} "
            f"ours={run.our_size} theirs={run.their_size}{found}{count}"
        )

    def _list(self, staff: Any, vault: Any, options: dict[str, Any]) -> None:
        runs = Run.objects.filter(organisation=partner_services.organisation()).select_related(
            "partner"
        )
        for run in runs:
            self.stdout.write(self._line(run))
        self.stdout.write(f"{len(runs)} runs")

    def _expire(self, staff: Any, vault: Any, options: dict[str, Any]) -> None:
        self.stdout.write(f"{services.end_expired()} runs expired")

    def _show(self, staff: Any, vault: Any, options: dict[str, Any]) -> None:
        run = self._find(options["run"])
        self.stdout.write(self._line(run))
        for match in Match.objects.filter(run=run).select_related("case"):
            self.stdout.write(f"  matched: {match.case.reference} ({match.tokens} tokens)")

    def _send(self, staff: Any, run: Run, options: dict[str, Any]) -> None:
        if options.get("deliver"):
            services.deliver(staff, run)
            self.stdout.write(f"{run.outgoing_kind} delivered to {run.partner.name}")
        elif options.get("out"):
            _write_new(Path(options["out"]), services.outgoing(staff, run))
            self.stdout.write(f"{run.outgoing_kind} written to {options['out']}")

    def _start(self, staff: Any, vault: Any, options: dict[str, Any]) -> None:
        if not (options["out"] or options["deliver"]):
            raise CommandError("give --out FILE or --deliver")
        partner = partner_services.find_partner(staff.organisation_id, options["partner"])
        self.stdout.write("reading your cases and blinding their tokens…")
        run = services.start(staff, vault, partner, options["mode"])
        self._send(staff, run, options)
        self.stdout.write(f"run {run.run_id} started: {run.our_size} tokens, {run.our_cases} cases")

    def _receive(self, staff: Any, vault: Any, options: dict[str, Any]) -> None:
        taken = inbox.receive(Path(options["file"]))
        if not isinstance(taken, Run):
            raise CommandError("this is not an overlap message: use `safepassage partners`")
        run = Run.objects.get(pk=taken.pk)
        if run.state == "asked":
            self.stdout.write(
                f"run {run.run_id} asked by {run.partner.name}: {run.their_size} tokens from "
                f"{run.their_people} people; it waits for a coordinator's consent"
            )
            return
        if run.outgoing and options.get("out"):
            self._send(staff, run, options)
        self.stdout.write(self._line(run))

    def _consent(self, staff: Any, vault: Any, options: dict[str, Any]) -> None:
        if not (options["out"] or options["deliver"]):
            raise CommandError("give --out FILE or --deliver")
        run = services.consent(staff, vault, self._find(options["run"]))
        self._send(staff, run, options)
        self.stdout.write(self._line(run))

    def _decline(self, staff: Any, vault: Any, options: dict[str, Any]) -> None:
        run = self._find(options["run"])
        services.decline(staff, run)
        self.stdout.write(f"run {run.run_id} declined")

    def _message(self, staff: Any, vault: Any, options: dict[str, Any]) -> None:
        if not options["out"]:
            raise CommandError("give --out FILE")
        self._send(staff, self._find(options["run"]), options)

    def _deliver(self, staff: Any, vault: Any, options: dict[str, Any]) -> None:
        self._send(staff, self._find(options["run"]), {"deliver": True})
