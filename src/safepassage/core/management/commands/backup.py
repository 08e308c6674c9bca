"""safepassage backup create FILE | restore FILE"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from safepassage.audit import services as audit
from safepassage.vault import backup


class Command(BaseCommand):
    help = (
        "create: write one encrypted archive of the database and the stored files (the key "
        "folder is NOT in it; back it up separately, see docs/operations.md). restore: bring an "
        "archive back into a fresh, migrated instance that has the same key folder."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("verb", choices=["create", "restore"])
        parser.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
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
