"""Load the shipped reference data (countries, stay rules, articles, alert lead times)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

REFERENCE = Path(__file__).with_name("data") / "reference.json"


def load(apps: Any) -> None:
    """Create what is missing; never overwrite what an administrator changed."""
    data = json.loads(REFERENCE.read_text(encoding="utf-8"))
    country = apps.get_model("cases", "Country")
    for code, en, ru, fr, transit in data["countries"]:
        country.objects.get_or_create(
            code=code, defaults={"name_en": en, "name_ru": ru, "name_fr": fr, "transit": transit}
        )
    rule = apps.get_model("cases", "StayRule")
    for row in data["stay_rules"]:
        values = dict(row)
        code = values.pop("country")
        rule.objects.get_or_create(country_id=code, defaults=values)
    article = apps.get_model("cases", "Article")
    for row in data["articles"]:
        values = dict(row)
        article.objects.get_or_create(number=values.pop("number"), defaults=values)
    lead = apps.get_model("cases", "AlertLeadTime")
    for kind, days in data["alert_lead_days"].items():
        lead.objects.get_or_create(kind=kind, defaults={"days": days})
