"""safepassage backup create FILE | restore FILE | verify FILE"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from safepassage.audit import services as audit
from safepassage.ops import backup


class Command(BaseCommand):
    help = (
        "create: write one encrypted archive of the database and the stored files (the key "
        "folder is NOT in it; back it up separately, see docs/operations.md). restore: bring an "
        "archive back into a fresh, migrated instance that has the same key folder. verify: the "
        "drill: restore the archive into a scratch instance (never this one) with a copy of the "
        "key folder given, report what it holds and whether everything opens (with "
        "--recovery-key-file, every encrypted value and file too); exit 1 if not."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("verb", choices=["create", "restore", "verify"])
        parser.add_argument("file")
        parser.add_argument(
            "--key-dir", help="verify: the key folder to restore with (default: this instance's)"
        )
        parser.add_argument(
            "--recovery-key-file",
            help="verify: a file holding the organisation recovery key's words, to open everything",
        )
        parser.add_argument(
            "--scratch", help="verify: where to make the scratch instance (default: temp folder)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if options["verb"] == "verify":
            self._verify(path, options)
            return
        try:
            if options["verb"] == "create":
                summary = backup.create(path)
                with transaction.atomic():
                    audit.record("backup.created", details={"files": summary.files})
                self.stdout.write(
                    f"backup written: {path} ({summary.size} bytes, {summary.files} files)"
                )
                return
            if not path.is_file():
                raise CommandError(f"no such backup: {path}")
            manifest = backup.restore(path)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        # The signed head kept in the key folder describes the log as it was before; it is set
        # aside (not deleted) so the gap the restore made stays visible.
        head = audit.head_path()
        if head.exists():
            stamp = timezone.now().strftime("%Y%m%dT%H%M%S")
            os.replace(head, head.with_name(f"audit-head.before-restore-{stamp}.json"))
        with transaction.atomic():
            audit.record("backup.restored", details={"files": manifest.get("files", 0)})
        self.stdout.write(f"backup restored from {path} (made {manifest.get('created')})")

    def _verify(self, path: Path, options: dict[str, Any]) -> None:
        from safepassage.ops import drill

        key_dir = Path(options["key_dir"] or settings.KEY_DIR)
        recovery = Path(options["recovery_key_file"]) if options["recovery_key_file"] else None
        scratch = Path(options["scratch"]) if options["scratch"] else None
        try:
            result = drill.verify(path, key_dir, recovery, scratch)
        except drill.DrillFailed as exc:
            raise CommandError(f"backup verify FAILED: {exc}") from None
        from safepassage.ops.inventory import Inventory

        found = Inventory(**{k: v for k, v in result.inventory.items() if k != "ok"})
        for line in found.lines():
            self.stdout.write(line)
        for problem in found.problems:
            self.stderr.write(f"problem: {problem}")
        if not result.ok:
            raise CommandError(f"backup verify FAILED: {len(found.problems)} problems")
        self.stdout.write(f"backup verified: {path} restores and everything in it opens")
