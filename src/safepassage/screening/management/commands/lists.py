"""safepassage lists import FILE | fetch | status"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safepassage.screening import fetch, lists
from safepassage.screening.models import IncidentList, ListImport, WatchList


class Command(BaseCommand):
    help = (
        "Watch lists for screening. import: read an OpenSanctions FollowTheMoney JSON-lines file "
        "(format detected) or a CSV list (name, birth date, unit, source), or an incident file "
        "(--format incidents, CSV or JSON), streaming with a progress bar; any bad line is "
        "reported with its number and the list is left as it was, unless --accept-errors. "
        "Re-importing a list by the same --name replaces it with the new version. "
        "fetch: download each list of SAFEPASSAGE_LIST_SOURCES, check its size and SHA-256 and "
        "import it as a new version (run daily by a timer; exit 1 if any source failed). "
        "status: the lists, their versions and last imports."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        load = sub.add_parser("import")
        load.add_argument("file")
        load.add_argument("--name", help="the list's name (default: the file name)")
        load.add_argument("--format", choices=["ftm", "csv", "incidents"])
        load.add_argument(
            "--accept-errors",
            action="store_true",
            help="import the good lines and report every bad one",
        )
        load.add_argument(
            "--sample",
            action="store_true",
            help="the list holds invented or sample data: screening against it is reported as such",
        )
        fetch_parser = sub.add_parser("fetch")
        fetch_parser.add_argument("--name", help="fetch only the source of this name")
        sub.add_parser("status")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["verb"] == "status":
            self._status()
            return
        if options["verb"] == "fetch":
            self._fetch(options["name"])
            return
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        name = options["name"] or path.stem
        try:
            if options["format"] == "incidents":
                count = lists.import_incidents(path.read_bytes(), name, sample=options["sample"])
                self.stdout.write(f"{name}: {count} incidents")
                return
            total = path.stat().st_size
            show = self.stderr.isatty() if hasattr(self.stderr, "isatty") else False

            def progress(line: int, done: int) -> None:
                if show:
                    width = 40
                    filled = int(width * done / max(total, 1))
                    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {line} lines")

            with path.open("rb") as handle:
                summary = lists.import_list(
                    lists.file_chunks(handle),
                    name,
                    options["format"],
                    accept_errors=options["accept_errors"],
                    progress=progress,
                    sample=options["sample"],
                )
            if show:
                sys.stderr.write("\n")
        except lists.ImportRefused as exc:
            for error in exc.errors:
                self.stderr.write(error)
            raise CommandError(str(exc)) from None
        for skipped in summary.skipped:
            self.stderr.write(f"skipped {skipped}")
        self.stdout.write(summary.line())

    def _fetch(self, only: str | None) -> None:
        failed = fetched = 0
        try:
            for outcome in fetch.fetch_all(only):
                if isinstance(outcome, fetch.FetchRefused):
                    failed += 1
                    self.stderr.write(str(outcome))
                else:
                    fetched += 1
                    self.stdout.write(outcome.summary)
        except fetch.FetchRefused as exc:
            raise CommandError(str(exc)) from None
        if failed:
            raise CommandError(f"{failed} of {failed + fetched} lists could not be fetched")
        self.stdout.write(f"lists fetched: {fetched}")

    def _status(self) -> None:
        for watch_list in WatchList.objects.all():
            last = ListImport.objects.filter(name=watch_list.name).first()
            when = f"{watch_list.imported_at:%Y-%m-%d %H:%M}" if watch_list.imported_at else "-"
            line = (
                f"{watch_list.name}: {watch_list.get_kind_display()}, "
                f"version {watch_list.version}, {watch_list.entity_count} entries, imported {when}"
            )
            if watch_list.is_sample:
                line += " (sample data)"
            if not watch_list.folder().exists():
                line += " - INDEX MISSING: import the list again"
            if last:
                line += f"; last attempt {'ok' if last.succeeded else 'refused'}"
            self.stdout.write(line)
        for incident_list in IncidentList.objects.all():
            sample = " (sample)" if incident_list.is_sample else ""
            self.stdout.write(
                f"{incident_list.name}: {incident_list.records.count()} incidents{sample}"
            )
        if not WatchList.objects.exists() and not IncidentList.objects.exists():
            self.stdout.write("no lists yet: safepassage lists import FILE")
