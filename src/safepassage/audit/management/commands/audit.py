"""safepassage audit verify | checkpoint | witness"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safepassage.audit import services
from safepassage.audit.chain import Checkpoint
from safepassage.audit.merkle import verify_consistency
from safepassage.crypto.signing import SignatureError


def _load_checkpoint(path: str) -> tuple[Checkpoint, dict[str, Any]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return Checkpoint.from_json(data), data
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValueError) as exc:
        raise CommandError(f"{path}: not a readable audit checkpoint ({exc})") from None


def _public_key(value: str) -> bytes:
    try:
        key = bytes.fromhex(value)
    except ValueError:
        raise CommandError("--public-key must be 64 hexadecimal digits") from None
    if len(key) != 32:
        raise CommandError("--public-key must be 64 hexadecimal digits")
    return key


class Command(BaseCommand):
    help = (
        "The tamper-evident audit log. 'verify' recomputes every entry's hash and the Merkle tree "
        "and checks them against every signed checkpoint (exit 1 naming the first bad entry); "
        "'checkpoint' signs the current size and root and can export it for a partner to keep; "
        "'witness' checks, with only public data, that a newer exported checkpoint extends an "
        "older one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        verify = sub.add_parser("verify", help="verify the whole log")
        verify.add_argument(
            "--checkpoint",
            action="append",
            default=[],
            metavar="FILE",
            help="an exported checkpoint the log must still contain (repeatable)",
        )
        verify.add_argument("--public-key", help="the organisation's signing key, in hex")
        checkpoint = sub.add_parser("checkpoint", help="sign and store a checkpoint")
        checkpoint.add_argument("--export", metavar="FILE", help="also write it to FILE")
        checkpoint.add_argument(
            "--since", metavar="FILE", help="embed a proof that it extends this older checkpoint"
        )
        witness = sub.add_parser("witness", help="check that NEW extends OLD (public data only)")
        witness.add_argument("old")
        witness.add_argument("new")
        witness.add_argument("--public-key", required=True, help="the signing key, in hex")

    def handle(self, *args: Any, **options: Any) -> None:
        verb = options["verb"]
        if verb == "verify":
            self._verify(options)
        elif verb == "checkpoint":
            self._checkpoint(options)
        else:
            self._witness(options)

    def _verify(self, options: dict[str, Any]) -> None:
        extra = [_load_checkpoint(path)[0] for path in options["checkpoint"]]
        key = options["public_key"]
        report = services.verify(extra, _public_key(key) if key is not None else None)
        if report.ok:
            self.stdout.write(
                f"audit log intact: {report.entries} entries, "
                f"{report.checkpoints_checked} checkpoints matched"
            )
            return
        for problem in report.problems:
            self.stderr.write(problem)
        where = f"first bad entry: {report.first_bad_seq}" if report.first_bad_seq else ""
        raise CommandError(f"audit log verification FAILED. {where}".strip())

    def _checkpoint(self, options: dict[str, Any]) -> None:
        try:
            checkpoint = services.create_checkpoint()
        except LookupError as exc:
            raise CommandError(str(exc)) from None
        if options["export"]:
            since = _load_checkpoint(options["since"])[0] if options["since"] else None
            try:
                data = services.export_checkpoint(checkpoint, since)
            except ValueError as exc:
                raise CommandError(f"{options['since']}: {exc}") from None
            Path(options["export"]).write_text(json.dumps(data, indent=2), encoding="utf-8")
        self.stdout.write(
            f"checkpoint signed: size {checkpoint.size}, root {checkpoint.root.hex()}, "
            f"key {checkpoint.key_id}"
        )

    def _witness(self, options: dict[str, Any]) -> None:
        key = _public_key(options["public_key"])  # required by the parser
        old, _ = _load_checkpoint(options["old"])
        new, new_data = _load_checkpoint(options["new"])
        try:
            old.check_signature(key)
            new.check_signature(key)
        except SignatureError as exc:
            raise CommandError(f"signature check failed: {exc}") from None
        consistency = new_data.get("consistency") or {}
        try:
            proof = [bytes.fromhex(h) for h in consistency.get("proof", [])]
            from_size = int(consistency.get("from_size", -1))
        except (TypeError, ValueError):
            raise CommandError("the new checkpoint carries a malformed proof") from None
        if from_size != old.size:
            raise CommandError("the new checkpoint carries no proof from the old one's size")
        if old.size and not verify_consistency(old.size, new.size, old.root, new.root, proof):
            raise CommandError("NOT consistent: the log was rewritten between the two checkpoints")
        self.stdout.write(f"consistent: size {old.size} is a prefix of size {new.size}")
