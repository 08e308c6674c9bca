"""Reference data shipped with the code (countries, stay rules, articles, alert lead times,
outreach pages) and what it would change in this instance.

A fresh install gets it from its first migrations. An existing install gets a new release's
reference data only through `safepassage reference`, which first shows each difference: an item
this instance does not have yet is added; an item still as some release shipped it is updated;
an item someone changed here is kept unless the administrator names it to overwrite. An item is
"as a release shipped it" when its digest is one that a release record lists (ops/releases/).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from safepassage.crypto.signing import canonical_json

PACKAGE = Path(__file__).resolve().parents[1]
Item = dict[str, Any]


def digest(values: Item) -> str:
    return hashlib.sha256(canonical_json(values)).hexdigest()


def _outreach(root: Path) -> dict[str, Item]:
    items: dict[str, Item] = {}
    for path in sorted((root / "intake" / "data" / "outreach").glob("*.*.md")):
        slug, language, _md = path.name.rsplit(".", 2)
        raw = path.read_text(encoding="utf-8")
        first, _newline, body = raw.partition("\n")
        items[f"outreach:{slug}.{language}"] = {
            "title": first.lstrip("# ").strip(),
            "body": body.strip() + "\n",
        }
    return items


def shipped(root: Path = PACKAGE) -> dict[str, Item]:
    """Every reference item of the code under `root` (a `safepassage` package folder)."""
    data = json.loads((root / "cases" / "data" / "reference.json").read_text(encoding="utf-8"))
    items: dict[str, Item] = {}
    for code, en, ru, fr, transit in data["countries"]:
        items[f"country:{code}"] = {"name_en": en, "name_ru": ru, "name_fr": fr, "transit": transit}
    for row in data["stay_rules"]:
        values = dict(row)
        items[f"stay_rule:{values.pop('country')}"] = values
    for row in data["articles"]:
        values = dict(row)
        items[f"article:{values.pop('number')}"] = values
    for kind, days in data["alert_lead_days"].items():
        items[f"alert_lead:{kind}"] = {"days": days}
    items.update(_outreach(root))
    return items


def _row(key: str) -> Any:
    from safepassage.cases.models import AlertLeadTime, Article, Country, StayRule
    from safepassage.intake.models import OutreachPage

    kind, name = key.split(":", 1)
    if kind == "country":
        return Country.objects.filter(code=name).first()
    if kind == "stay_rule":
        return StayRule.objects.filter(country_id=name).first()
    if kind == "article":
        return Article.objects.filter(number=name).first()
    if kind == "alert_lead":
        return AlertLeadTime.objects.filter(kind=name).first()
    slug, language = name.rsplit(".", 1)
    return OutreachPage.objects.filter(slug=slug, language=language).first()


def current(key: str, fields: list[str]) -> Item | None:
    """The item as this instance holds it (only the fields shipped), or None."""
    row = _row(key)
    if row is None:
        return None
    return {name: getattr(row, name) for name in fields}


@dataclass(frozen=True)
class Change:
    key: str
    action: str  # "add", "update", "kept" (changed here), or "same"
    fields: tuple[str, ...] = ()  # the fields that differ

    def line(self) -> str:
        what = {
            "add": "new: will be added",
            "update": "changed in the release: will be updated",
            "kept": "changed here: kept (name it with --overwrite to replace)",
            "overwrite": "changed here: will be REPLACED by the release's text (--overwrite)",
        }[self.action]
        differ = f" [{', '.join(self.fields)}]" if self.fields else ""
        return f"{self.key}: {what}{differ}"


def plan(overwrite: set[str] | None = None) -> list[Change]:
    """What applying this release's reference data would do, item by item."""
    from safepassage.ops.releases import released_reference_digests

    overwrite = overwrite or set()
    released = released_reference_digests()
    changes = []
    for key, values in shipped().items():
        held = current(key, list(values))
        if held is None:
            changes.append(Change(key, "add"))
            continue
        differ = tuple(name for name in values if held[name] != values[name])
        if not differ:
            continue
        if key in overwrite:
            changes.append(Change(key, "overwrite", differ))
        elif digest(held) in released.get(key, set()):
            changes.append(Change(key, "update", differ))
        else:
            changes.append(Change(key, "kept", differ))
    return changes
