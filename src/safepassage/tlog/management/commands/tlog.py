"""safepassage tlog status | keys | checkpoint | cosign | publish | check | witness | monitor"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safepassage.tlog import check, monitor, publish, services, witnessing
from safepassage.tlog.forms import FollowForm, WitnessForm, errors_text
from safepassage.tlog.models import MonitoredLog, Witness, WitnessedLog
from safepassage.tlog.note import NoteError


class Command(BaseCommand):
    help = (
        "The public transparency log of attestations. 'status' shows the log, its witnesses and "
        "the logs followed; 'keys' prints the log's and the witness's verifier keys; "
        "'checkpoint' signs the current tree (refused if it contradicts a checkpoint signed "
        "before); 'cosign' asks every witness to cosign it (run it from a timer); 'publish DIR' "
        "writes the checkpoint, tiles and entry bundles for a plain web server; 'check' "
        "recomputes the log from its entries; 'witness add VKEY URL' names a witness of this "
        "log; 'witness follow VKEY' witnesses a partner's log; 'monitor URL [--vkey VKEY]' "
        "follows another organisation's log and reports every new entry. Exits non-zero when "
        "a check fails."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        sub.add_parser("status", help="the log, its witnesses, the logs witnessed and followed")
        sub.add_parser("keys", help="print the verifier keys (vkeys) to give to partners")
        sub.add_parser("checkpoint", help="sign a checkpoint of the current tree")
        sub.add_parser("cosign", help="ask every witness to cosign the latest checkpoint")
        sub.add_parser("check", help="recompute the log from its entries and compare")
        out = sub.add_parser("publish", help="write the log as static files")
        out.add_argument("folder", metavar="DIR")
        witness = sub.add_parser("witness", help="witnesses of this log; logs this one witnesses")
        wsub = witness.add_subparsers(dest="witness_verb", required=True)
        add = wsub.add_parser("add", help="ask this witness to cosign our checkpoints")
        add.add_argument("vkey", metavar="VKEY")
        add.add_argument("url", metavar="URL")
        follow = wsub.add_parser("follow", help="cosign this partner log's checkpoints")
        follow.add_argument("vkey", metavar="VKEY")
        mon = sub.add_parser("monitor", help="follow another organisation's log")
        mon.add_argument("url", metavar="URL", help="the log's prefix, e.g. https://host/tlog")
        mon.add_argument("--vkey", help="the log's verifier key (needed the first time)")
        mon.add_argument("--forget", action="store_true", help="stop following it")

    def handle(self, *args: Any, **options: Any) -> None:
        verb = options["verb"]
        try:
            getattr(self, f"_{verb}")(options)
        except (NoteError, services.LogError, monitor.MonitorError) as exc:
            raise CommandError(str(exc)) from None

    def _status(self, options: dict[str, Any]) -> None:
        latest = services.latest_checkpoint()
        self.stdout.write(f"log {services.log_vkey()}")
        self.stdout.write(f"  entries      {services.size()}")
        if latest is None:
            self.stdout.write("  checkpoint   none signed yet")
        else:
            self.stdout.write(
                f"  checkpoint   size {latest.size}, signed {latest.signed_at:%Y-%m-%d %H:%M}"
            )
        for witness in Witness.objects.order_by("name"):
            state = witness.last_error or f"last cosigned size {witness.last_size}"
            self.stdout.write(f"  witness      {witness.name}: {state}")
        self.stdout.write(f"witness {witnessing.witness_vkey()}")
        for log in WitnessedLog.objects.order_by("origin"):
            self.stdout.write(f"  witnesses    {log.origin}: cosigned size {log.size}")
        for followed in MonitoredLog.objects.order_by("url"):
            state = followed.problem or f"verified up to size {followed.size}"
            self.stdout.write(f"  monitors     {followed.url}: {state}")

    def _keys(self, options: dict[str, Any]) -> None:
        self.stdout.write(f"log key:     {services.log_vkey()}")
        self.stdout.write(f"witness key: {witnessing.witness_vkey()}")

    def _checkpoint(self, options: dict[str, Any]) -> None:
        signed = services.sign_checkpoint()
        self.stdout.write(f"checkpoint of size {signed.size} signed")

    def _cosign(self, options: dict[str, Any]) -> None:
        results = services.request_cosignatures()
        for result in results:
            self.stdout.write(
                f"{'OK' if result.ok else 'FAILED'} {result.witness}: {result.message}"
            )
        failed = sum(not r.ok for r in results)
        self.stdout.write(f"{len(results) - failed} of {len(results)} witnesses cosigned")
        if failed:
            raise CommandError(f"{failed} witness(es) did not cosign", returncode=1)

    def _publish(self, options: dict[str, Any]) -> None:
        result = publish.publish(Path(options["folder"]))
        self.stdout.write(
            f"published size {result.size}: {result.written} files written, "
            f"{result.kept} full ones already there"
        )

    def _check(self, options: dict[str, Any]) -> None:
        result = check.check_log()
        for problem in result.problems:
            self.stdout.write(f"PROBLEM: {problem}")
        self.stdout.write(
            f"{result.entries} entries and {result.checkpoints} signed checkpoints checked: "
            f"{'the log is intact' if result.ok else 'the log was changed'}"
        )
        if not result.ok:
            raise CommandError("the log does not verify", returncode=1)

    def _witness(self, options: dict[str, Any]) -> None:
        if options["witness_verb"] == "add":
            form = WitnessForm({"vkey": options["vkey"], "url": options["url"]})
            if not form.is_valid():
                raise CommandError(errors_text(form))
            witness = services.add_witness(form.cleaned_data["vkey"], form.cleaned_data["url"])
            self.stdout.write(f"witness {witness.name} added; run 'safepassage tlog cosign'")
            return
        follow = FollowForm({"vkey": options["vkey"]})
        if not follow.is_valid():
            raise CommandError(errors_text(follow))
        log = witnessing.follow(follow.cleaned_data["vkey"])
        self.stdout.write(f"witnessing {log.origin}; give partners: {witnessing.witness_vkey()}")

    def _monitor(self, options: dict[str, Any]) -> None:
        if options["forget"]:
            found = monitor.forget(options["url"])
            self.stdout.write("forgotten" if found else "this log was not followed")
            return
        report = monitor.monitor(options["url"], options["vkey"])
        for line in report.new:
            self.stdout.write(f"{report.origin} {line}")
        if report.problem:
            self.stdout.write(f"PROBLEM: {report.problem}")
            raise CommandError(f"{report.url}: {report.problem}", returncode=1)
        self.stdout.write(
            f"{report.origin}: consistent from size {report.old_size} to {report.size}, "
            f"{len(report.new)} new entries"
        )
