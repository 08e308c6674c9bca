"""safepassage reference show | apply [--overwrite ITEM]..."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safepassage.ops import services
from safepassage.ops.reference import plan, shipped


class Command(BaseCommand):
    help = (
        "Reference data shipped with this release (countries, stay rules, articles, alert lead "
        "times, outreach pages). show: what applying it would change here, item by item; "
        "nothing is written. apply: add the new items and update those still as a release "
        "shipped them; items changed here are kept unless named with --overwrite ITEM. Run "
        "after an upgrade; a data migration never does this behind your back."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("verb", choices=["show", "apply"])
        parser.add_argument(
            "--overwrite",
            action="append",
            default=[],
            metavar="ITEM",
            help="replace this item (e.g. stay_rule:KZ) even though it was changed here",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        unknown = sorted(set(options["overwrite"]) - set(shipped()))
        if unknown:
            raise CommandError(
                f"not a reference item of this release: {', '.join(unknown)} "
                "(see `safepassage reference show`)"
            )
        changes = plan(set(options["overwrite"]))
        for change in changes:
            self.stdout.write(change.line())
        if options["verb"] == "show":
            pending = sum(c.action != "kept" for c in changes)
            self.stdout.write(f"{pending} to write, {len(changes) - pending} kept; nothing written")
            return
        written = services.apply_reference(changes)
        kept = sum(c.action == "kept" for c in changes)
        self.stdout.write(f"reference data applied: {written} written, {kept} kept")
