"""safepassage keys backup | published | rotate-signing | sheet | check-words"""

from __future__ import annotations

import getpass
import sys
import tarfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from safepassage.crypto.keyfolder import write_private
from safepassage.crypto.words import words_to_bytes
from safepassage.ops import keysheet, services
from safepassage.vault.keys import ROTATION_REASONS
from safepassage.vault.models import OrganisationKeyring, RetiredSigningKey


class Command(BaseCommand):
    help = (
        "The organisation's keys. backup: write the key folder as a tar stream to standard "
        "output, to pipe into age or gpg (never to a terminal), and record the backup for "
        "doctor. published: every public signing key, current and retired, to publish. "
        "rotate-signing: a new signing key; what the old one signed still verifies under it. "
        "sheet: the printable backup sheet of the recovery key (the words are typed, never "
        "given on the command line). check-words: test a transcription of the recovery key."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        sub.add_parser("backup", help="the key folder as a tar stream on standard output")
        sub.add_parser("published", help="the public signing keys, current and retired")
        rotate = sub.add_parser("rotate-signing", help="replace the organisation signing key")
        rotate.add_argument("--reason", choices=ROTATION_REASONS, required=True)
        sheet = sub.add_parser("sheet", help="write the recovery key's printable sheet (PDF)")
        sheet.add_argument("--out", required=True, help="the PDF to write (mode 0600)")
        check = sub.add_parser("check-words", help="check a transcription of the recovery key")
        for each in (sheet, check):
            each.add_argument(
                "--words-file", help="read the words from this file instead of a prompt"
            )

    def handle(self, *args: Any, **options: Any) -> None:
        verb = options["verb"]
        if verb == "backup":
            self._backup()
            return
        keyring = OrganisationKeyring.objects.select_related("organisation").order_by("pk").first()
        if keyring is None:
            raise CommandError("this instance has no organisation yet: run `safepassage setup`")
        if verb == "published":
            self._published(keyring)
        elif verb == "rotate-signing":
            old, new = services.rotate_signing_key(keyring.organisation_id, options["reason"])
            self.stdout.write(
                f"signing key rotated: {old} is retired (what it signed still verifies), {new} "
                "signs from now on. Publish the new key where you published the old one: "
                "`safepassage keys published`."
            )
        elif verb == "sheet":
            self._sheet(keyring, options)
        else:
            self._check(keyring, options)

    def _backup(self) -> None:
        stream = getattr(self.stdout, "_out", sys.stdout)
        if stream.isatty():
            raise CommandError(
                "refusing to write the key folder to a terminal: pipe it into age or gpg, e.g. "
                "safepassage keys backup | age -r RECIPIENT > keys-$(date +%F).tar.age"
            )
        folder = Path(settings.KEY_DIR)
        if not (folder / "server.key").is_file():
            raise CommandError(f"{folder} holds no server.key: nothing to back up")
        out = stream.buffer
        with tarfile.open(fileobj=out, mode="w|") as tar:
            tar.add(folder, arcname="keys", filter=_skip_locks)
        out.flush()
        services.key_folder_backed_up()
        self.stderr.write(f"key folder {folder} written; doctor now counts from this backup")

    def _published(self, keyring: OrganisationKeyring) -> None:
        from safepassage.crypto.signing import key_id

        public = bytes(keyring.signing_public)
        self.stdout.write(f"current   {key_id(public)}  {public.hex()}")
        for old in RetiredSigningKey.objects.filter(organisation_id=keyring.organisation_id):
            self.stdout.write(
                f"retired   {old.key_id}  {bytes(old.public).hex()}  used "
                f"{old.in_use_since:%Y-%m-%d} to {old.retired_at:%Y-%m-%d} ({old.reason})"
            )

    def _words(self, options: dict[str, Any]) -> str:
        if options["words_file"]:
            try:
                return Path(options["words_file"]).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(f"cannot read {options['words_file']}: {exc}") from None
        return getpass.getpass("The twenty words of the recovery key (not shown): ")

    def _sheet(self, keyring: OrganisationKeyring, options: dict[str, Any]) -> None:
        out = Path(options["out"])
        if out.exists():
            raise CommandError(f"{out} exists: choose a new file")
        recovery_public = bytes(keyring.recovery_public)
        typed = keysheet.check(self._words(options), recovery_public)
        if not typed.matches:
            raise CommandError(typed.message)
        secret = words_to_bytes(" ".join(w for row, _code in typed.rows for w in row), 32)
        pdf = keysheet.render_pdf(
            keyring.organisation.name, secret, recovery_public, timezone.localdate()
        )
        write_private(out, pdf, exclusive=True)
        self.stdout.write(
            f"sheet written to {out}: print it, then delete the file (shred -u {out})"
        )

    def _check(self, keyring: OrganisationKeyring, options: dict[str, Any]) -> None:
        typed = keysheet.check(self._words(options), bytes(keyring.recovery_public))
        for number, (row, code) in enumerate(typed.rows, 1):
            self.stdout.write(f"row {number}: {' '.join(row):<30} [{code}]")
        if not typed.matches:
            raise CommandError(typed.message)
        self.stdout.write(f"correct: these words are {typed.message}")


def _skip_locks(info: tarfile.TarInfo) -> tarfile.TarInfo | None:
    return None if info.name.endswith(".lock") else info
