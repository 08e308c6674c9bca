"""The names of what figures count, in the reader's language: events, countries, service
categories, closing reasons, vetting outcomes and stages."""

from __future__ import annotations

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
