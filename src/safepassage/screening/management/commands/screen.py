"""safepassage screen ["NAME" | -] [--born DATE] [--unit NUMBER] [--json]"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safepassage.core.prompt import HELP, name_argument
from safepassage.screening import engine, services


class Command(BaseCommand):
    stealth_options = ("stdin",)  # tests hand the typed name in here
    help = (
        "Screen one name against every imported list and print the ranked results with their "
        "explanations (which part matched which, what evidence counted, the source). With "
        "--json each result carries the list entry's id, its score, whether it reaches the "
        "alert threshold, and the explanation. Nothing is stored."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", nargs="?", help=HELP)
        parser.add_argument("--born", help="birth date: 1990, 1990-05 or 1990-05-17")
        parser.add_argument("--unit", action="append", default=[], help="a unit number or name")
        parser.add_argument("--limit", type=int, default=10)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        name = name_argument(options["name"], options.get("stdin") or sys.stdin)
        try:
            found = services.quick_screen(
                name, options["born"], tuple(options["unit"]), options["limit"]
            )
        except engine.DateError as exc:
            raise CommandError(str(exc)) from None
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    [
                        {
                            "list": name,
                            "id": r.entity_id,
                            "caption": r.caption,
                            "score": r.score,
                            "alert": r.alert,
                            "explanation": r.explanation,
                        }
                        for name, r in found
                    ],
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        if not found:
            self.stdout.write("no result (are lists imported? safepassage lists status)")
        for name, result in found:
            flag = "ALERT" if result.alert else "     "
            self.stdout.write(
                f"{flag} {result.score:.3f}  {result.caption}  [{name}: {result.entity_id}]"
            )
            for line in _explain(result.explanation):
                self.stdout.write(f"        {line}")


def _explain(value: Any, indent: str = "") -> list[str]:
    """The explanation as indented lines: nested sections, one line per part or piece."""
    lines = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                lines.append(f"{indent}{key}:")
                lines += _explain(item, indent + "  ")
            else:
                lines.append(f"{indent}{key}: {item}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                lines.append(indent + ", ".join(f"{k}={v}" for k, v in item.items()))
            else:
                lines.append(f"{indent}{item}")
    return lines
