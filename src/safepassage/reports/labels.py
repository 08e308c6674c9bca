"""The names of what figures count, in the reader's language: events, countries, service
categories, closing reasons, vetting outcomes and stages."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safepassage.cases.choices import CATEGORY_CHOICES
from safepassage.cases.models import CloseReason, Country, Stage
from safepassage.reports.figures import UNKNOWN
from safepassage.reports.sources import EVENTS
from safepassage.vetting.models import Outcome


def event(code: str) -> str:
    return str(EVENTS.get(code, code))


def column(table: str, code: str) -> str:
    """A column heading of the given table."""
    if code == UNKNOWN:
        return _("not recorded")
    if table in ("transit_countries", "protecting_states"):
        return Country.name_of(code)
    if table == "service_categories":
        return str(dict(CATEGORY_CHOICES).get(code, code))
    if table == "closed_by_reason":
        return str(dict(CloseReason.choices).get(code, code))
    if table == "vetting_by_outcome":
        return str(dict(Outcome.choices).get(code, code))
    return code  # months are written YYYY-MM in every language


def stage(code: str) -> str:
    return str(dict(Stage.choices).get(code, code))


TITLES = {
    "events_by_month": gettext_lazy("Events by month"),
    "transit_countries": gettext_lazy("Reached a transit country, by country"),
    "protecting_states": gettext_lazy("Protection, by state"),
    "service_categories": gettext_lazy("Events by service category"),
    "closed_by_reason": gettext_lazy("Cases closed, by reason"),
    "vetting_by_outcome": gettext_lazy("Vetting decisions, by outcome"),
    "median_days": gettext_lazy("Median days in each stage"),
}


def title(key: str) -> str:
    return str(TITLES.get(key, key))


def method_text(method: dict[str, Any]) -> str:
    """How a release protects the people counted, as its page and its PDF explain it."""
    if method.get("name") == "threshold":
        return _(
            "Every figure is counted from events the organisation recorded, not typed by hand. "
            "A count below %(n)s is shown as “fewer than %(n)s”. Where a total would let "
            "someone work out a hidden count, another count is hidden too (“not shown”). "
            "Figures shown are rounded to the nearest %(r)s, and totals are rounded on their "
            "own, so they need not add up exactly."
        ) % {"n": method["threshold"], "r": method["rounding"]}
    return _(
        "Every figure is counted from events the organisation recorded, then random noise was "
        "added to each count (%(m)s, privacy loss ε = %(e)s), so that no one can tell from "
        "these figures whether any one man is counted. Only events a man has once are "
        "published this way. Small figures may therefore be off by a few, and totals are the "
        "sums of the noisy counts."
    ) % {"m": method["mechanism"], "e": method["epsilon"]}


def shown(value: Any, threshold: int | None) -> str:
    """A published value as words: a number, “fewer than N” or “not shown”."""
    if value == "fewer":
        return _("fewer than %(n)s") % {"n": threshold}
    if value == "hidden":
        return _("not shown")
    return str(value)
