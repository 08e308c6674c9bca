"""Load the shipped authority profiles, their deadline rules and cover letters."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

REFERENCE = Path(__file__).with_name("data") / "authorities.json"


def load(apps: Any) -> None:
    """Create what is missing; never overwrite what a coordinator changed."""
    data = json.loads(REFERENCE.read_text(encoding="utf-8"))
    checked = date.fromisoformat(data["checked"])
    authority_model = apps.get_model("dossiers", "Authority")
    rule_model = apps.get_model("dossiers", "DeadlineRule")
    template_model = apps.get_model("dossiers", "CoverTemplate")
    for position, row in enumerate(data["authorities"]):
        values = dict(row)
        rules = values.pop("rules")
        authority, _created = authority_model.objects.get_or_create(
            code=values.pop("code"),
            defaults={**values, "position": position, "last_checked": checked},
        )
        for rule in rules:
            rule_values = dict(rule)
            rule_model.objects.get_or_create(
                authority=authority,
                code=rule_values.pop("code"),
                defaults={**rule_values, "last_checked": checked},
            )
        for language in {*authority.languages, "ru"}:
            template_model.objects.get_or_create(
                authority=authority,
                language=language,
                defaults={"text": data["templates"][language]},
            )
