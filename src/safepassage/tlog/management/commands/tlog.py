"""safepassage tlog status | keys | checkpoint | cosign | publish | check | recover | witness |
monitor | prove"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safepassage.tlog import check, hooks, monitor, prove, publish, services, witnessing
from safepassage.tlog.client import FetchError, LogClient
from safepassage.tlog.forms import FollowForm, WitnessForm, errors_text
from safepassage.tlog.leaf import LeafError
from safepassage.tlog.models import MonitoredLog, Witness, WitnessedLog
from safepassage.tlog.note import NoteError, parse_vkey
from safepassage.tlog.tiles import TileError

# Larger than any attestation (PDF or JSON); a bigger file is refused unread.
MAX_FILE = 10 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "The public transparency log of attestations. 'status' shows the log, its witnesses and "
        "the logs followed; 'keys' prints the log's and the witness's verifier keys; "
        "'checkpoint' signs the current tree (refused if it contradicts a checkpoint signed "
        "before); 'cosign' asks every witness to cosign it (run it from a timer); 'publish DIR' "
        "writes the checkpoint, tiles and entry bundles for a plain web server; 'check' "
        "recomputes the log from its entries; 'recover URL' takes back, from a published copy, "
        "the entries a database restored from an older backup lacks; 'witness add VKEY URL' "
        "names a witness of this log; 'witness follow VKEY' witnesses a partner's log; "
        "'monitor URL [--vkey VKEY]' follows another organisation's log and reports every new "
        "entry; 'prove FILE --log URL --vkey VKEY [--witness VKEY]' finds an attestation in "
        "a log with public keys only. Exits non-zero when a check fails."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        sub.add_parser("status", help="the log, its witnesses, the logs witnessed and followed")
        sub.add_parser("keys", help="print the verifier keys (vkeys) to give to partners")
        sub.add_parser("checkpoint", help="sign a checkpoint of the current tree")
        sub.add_parser("cosign", help="ask every witness to cosign the latest checkpoint")
        sub.add_parser("check", help="recompute the log from its entries and compare")
        rec = sub.add_parser(
            "recover", help="after restoring an older backup, take back the missing entries"
        )
        rec.add_argument("source", metavar="URL", help="a published copy of this log (its prefix)")
        out = sub.add_parser("publish", help="write the log as static files")
        out.add_argument("folder", metavar="DIR")
        witness = sub.add_parser("witness", help="witnesses of this log; logs this one witnesses")
        wsub = witness.add_subparsers(dest="witness_verb", required=True)
        add = wsub.add_parser("add", help="ask this witness to cosign our checkpoints")
        add.add_argument("vkey", metavar="VKEY")
        add.add_argument("url", metavar="URL")
        follow = wsub.add_parser("follow", help="cosign this partner log's checkpoints")
        follow.add_argument("vkey", metavar="VKEY")
        prove = sub.add_parser("prove", help="find a signed file in a log, with public keys only")
        prove.add_argument("file", metavar="FILE", help="an attestation, PDF or JSON")
        prove.add_argument("--log", required=True, metavar="URL", help="the log's prefix")
        prove.add_argument("--vkey", required=True, help="the log's verifier key")
        prove.add_argument(
            "--witness", action="append", default=[], metavar="VKEY", help="a trusted witness"
        )
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

    def _recover(self, options: dict[str, Any]) -> None:
        try:
            count = services.recover(LogClient(options["source"]))
        except (FetchError, TileError, LeafError) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{count} entries taken back; the log is at size {services.size()}")

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

    def _prove(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        try:
            if path.stat().st_size > MAX_FILE:
                raise CommandError(f"{path}: larger than {MAX_FILE // (1024 * 1024)} MB")
            raw = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: cannot be read ({exc.strerror})") from None
        log_key = parse_vkey(options["vkey"])
        witnesses = [parse_vkey(v) for v in options["witness"]]
        try:
            found = prove.find(hooks.signed_file_of(raw), options["log"], log_key, witnesses)
        except (FetchError, TileError) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"log {found.origin}, checkpoint of size {found.size}")
        self.stdout.write(f"  file SHA-256 {found.digest}")
        for index, entry in found.entries:
            what = "revocation logged" if entry.kind == "attestation-revocation" else "logged"
            self.stdout.write(
                f"  {what} at index {index} in checkpoint of size {found.size} ({entry.kind}, "
                f"{entry.day.isoformat()}); the inclusion proof verifies"
            )
        self.stdout.write(
            f"  cosigned by {len(found.cosigned_by)} of the {len(witnesses)} witnesses given"
            + (f": {', '.join(found.cosigned_by)}" if found.cosigned_by else "")
        )
        if not found.entries:
            self.stdout.write("NOT LOGGED: the file's hash is not in this log")
            raise CommandError("not logged", returncode=1)

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
