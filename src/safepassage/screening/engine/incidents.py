"""Documented incidents (place, dates, units, sources) checked against a man's service."""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .dates import DateError, PartialDate, parse_date
from .keys import normalise
from .model import ParseError
from .units import unit_name_key, unit_numbers

SAMPLE_JSON = "incidents_sample.json"
SAMPLE_CSV = "incidents_sample.csv"
MULTI = ";"  # separates several units or sources in one CSV cell
FIELDS = ("publisher", "title", "date", "url")


@dataclass(frozen=True, slots=True)
class UnitRef:
    """A unit as a record names it: by name, by military unit number, or both."""

    name: str = ""
    number: int | None = None

    def match_keys(self) -> set[str]:
        """Keys comparable with a service period's unit."""
        return _unit_keys(self.name, self.number)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a record's facts come from."""

    title: str
    url: str = ""
    publisher: str = ""
    date: str = ""


@dataclass(frozen=True, slots=True)
class Incident:
    """A documented incident: where, when, which units, according to whom."""

    id: str
    title: str
    region: str
    settlement: str
    start: dt.date
    end: dt.date
    units: tuple[UnitRef, ...]
    sources: tuple[SourceRef, ...]
    notes: str = ""


@dataclass(frozen=True, slots=True)
class ServicePeriod:
    """Where and when a man served, as he or his documents say."""

    start: dt.date
    end: dt.date
    unit_name: str = ""
    unit_number: int | None = None
    region: str = ""


@dataclass(frozen=True, slots=True)
class Overlap:
    """A service period that meets an incident in time and by unit (or only by region)."""

    incident: Incident
    period: ServicePeriod
    kind: str  # "unit" when the unit is implicated, "region" when only the place coincides
    matched_on: tuple[str, ...]
    start: dt.date
    end: dt.date

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready account for the vetter."""
        return {
            "incident": self.incident.id,
            "title": self.incident.title,
            "place": f"{self.incident.settlement}, {self.incident.region}",
            "kind": self.kind,
            "matched_on": list(self.matched_on),
            "overlap": [self.start.isoformat(), self.end.isoformat()],
            "sources": [
                {"publisher": s.publisher, "title": s.title, "date": s.date, "url": s.url}
                for s in self.incident.sources
            ],
        }


def _unit_keys(name: str, number: int | None) -> set[str]:
    keys = {f"n:{n}" for n in unit_numbers(name)}
    if number is not None:
        keys.add(f"n:{number}")
    if name and (key := unit_name_key(name)) is not None:
        keys.add(f"u:{key}")
    return keys


# Spellings of the regions most records concern; anything else compares by its plain form.
_REGION_ALIASES = {
    "kyiv": ("kyiv", "kiev", "kyivska", "kievskaia", "kievskaya", "kiyiv", "kiyivska"),
    "kharkiv": ("kharkiv", "kharkov", "kharkivska", "kharkovskaia", "kharkovskaya"),
    "donetsk": ("donetsk", "donetska", "donetskaia", "donetskaya"),
    "luhansk": ("luhansk", "lugansk", "luhanska", "luganskaia", "luganskaya"),
    "zaporizhzhia": ("zaporizhzhia", "zaporozhye", "zaporizka", "zaporozhskaia"),
    "kherson": ("kherson", "khersonska", "khersonskaia", "khersonskaya"),
    "mykolaiv": ("mykolaiv", "nikolaev", "mykolaivska", "nikolaevskaia"),
    "chernihiv": ("chernihiv", "chernigov", "chernihivska", "chernigovskaia"),
    "sumy": ("sumy", "sumska", "sumskaia", "sumskaya"),
}
_REGION_LOOKUP = {
    spelling: key for key, spellings in _REGION_ALIASES.items() for spelling in spellings
}
_REGION_NOISE = {"oblast", "oblasti", "region", "province", "obl", "oblastʹ", "oblastj"}


def region_key(text: str) -> str:
    """A comparable form of a region's name: Kyiv oblast, Київська область, Kiev region agree."""
    words = [normalise(w) for w in text.replace("-", " ").split()]
    words = [w for w in words if w and w not in _REGION_NOISE]
    if not words:
        return ""
    return _REGION_LOOKUP.get(words[0], " ".join(words))


def _day_range(text: str) -> tuple[dt.date, dt.date]:
    """The first and last day a partial date covers."""
    date = parse_date(text)
    return _first_day(date), _last_day(date)


def _first_day(date: PartialDate) -> dt.date:
    return dt.date(date.year, date.month or 1, date.day or 1)


def _last_day(date: PartialDate) -> dt.date:
    month = date.month or 12
    return dt.date(date.year, month, date.day or calendar.monthrange(date.year, month)[1])


def _incident(data: dict[str, Any]) -> Incident:
    place = data.get("place") or {}
    start = _day_range(str(data["date_from"]))[0]
    end = _day_range(str(data.get("date_to") or data["date_from"]))[1]
    if end < start:
        raise DateError(f"ends before it starts: {data['date_from']} - {data.get('date_to')}")
    units = tuple(
        UnitRef(str(u.get("name") or ""), int(u["number"]) if u.get("number") else None)
        for u in data.get("units") or []
    )
    if not units:
        raise ValueError("names no unit")
    sources = tuple(
        SourceRef(
            str(s.get("title") or ""),
            str(s.get("url") or ""),
            str(s.get("publisher") or ""),
            str(s.get("date") or ""),
        )
        for s in data.get("sources") or []
    )
    if not sources:
        raise ValueError("cites no source")
    return Incident(
        id=str(data["id"]),
        title=str(data.get("title") or ""),
        region=str(place.get("region") or ""),
        settlement=str(place.get("settlement") or ""),
        start=start,
        end=end,
        units=units,
        sources=sources,
        notes=str(data.get("notes") or ""),
    )


def parse_incidents_json(raw: bytes) -> tuple[list[Incident], list[ParseError]]:
    """Read incidents from the JSON layout; each bad record is reported by its position."""
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return [], [ParseError(getattr(error, "lineno", 1), f"unreadable JSON: {error}")]
    except RecursionError:
        return [], [ParseError(1, "unreadable JSON: nested too deeply")]
    records = document.get("incidents") if isinstance(document, dict) else document
    if not isinstance(records, list):
        return [], [ParseError(1, "expected a list of incidents")]
    incidents, errors = [], []
    for position, data in enumerate(records, start=1):
        try:
            incidents.append(_incident(data))
        except (AttributeError, KeyError, TypeError, ValueError) as error:  # wrong shapes too
            errors.append(ParseError(position, f"incident {position}: {error}"))
    return incidents, errors


def _csv_record(row: dict[str, str]) -> dict[str, Any]:
    names = [n.strip() for n in (row.get("unit_names") or "").split(MULTI)]
    numbers = [n.strip() for n in (row.get("unit_numbers") or "").split(MULTI)]
    units = []
    for i in range(max(len(names), len(numbers))):
        name = names[i] if i < len(names) else ""
        number = numbers[i] if i < len(numbers) else ""
        if name or number:
            units.append({"name": name, "number": int(number) if number else None})
    sources = []
    for cell in (row.get("sources") or "").split(MULTI):
        if cell.strip():
            values = [v.strip() for v in cell.split("|")] + [""] * 4
            sources.append(dict(zip(FIELDS, values, strict=False)))
    return {
        "id": row.get("id"),
        "title": row.get("title"),
        "place": {"region": row.get("region"), "settlement": row.get("settlement")},
        "date_from": row.get("date_from"),
        "date_to": row.get("date_to"),
        "units": units,
        "sources": sources,
    }


def parse_incidents_csv(lines: Iterable[bytes]) -> Iterator[Incident | ParseError]:
    """Read incidents from the CSV layout; lines starting with # are comments."""
    header: list[str] | None = None
    for number, raw in enumerate(lines, start=1):
        try:
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8").rstrip("\r\n")
        except UnicodeDecodeError as error:
            yield ParseError(number, f"not UTF-8 (wrong encoding?): {error.reason}")
            continue
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        try:
            cells = next(csv.reader([text]))
        except csv.Error as error:  # a field longer than the csv module's limit, for example
            yield ParseError(number, f"unreadable CSV line: {error}", text[:120])
            continue
        if header is None:
            header = [c.strip() for c in cells]
            continue
        try:
            yield _incident(_csv_record(dict(zip(header, cells, strict=False))))
        except (KeyError, TypeError, ValueError) as error:
            yield ParseError(number, f"bad incident: {error}", text[:120])


def load_sample_incidents() -> list[Incident]:
    """The shipped sample set (a sample the organisation must maintain, not a reference)."""
    raw = resources.files("safepassage.screening").joinpath("data", SAMPLE_JSON).read_bytes()
    incidents, errors = parse_incidents_json(raw)
    if errors:
        raise ValueError(f"the sample incident file is broken: {errors[0]}")
    return incidents


def cross_check(periods: Iterable[ServicePeriod], incidents: Iterable[Incident]) -> list[Overlap]:
    """Every incident a service period meets in time, by unit first and else by region."""
    found = []
    incidents = list(incidents)
    for period in periods:
        period_keys = _unit_keys(period.unit_name, period.unit_number)
        period_region = region_key(period.region) if period.region else ""
        for incident in incidents:
            start, end = max(period.start, incident.start), min(period.end, incident.end)
            if start > end:
                continue
            shared = sorted(period_keys & {k for u in incident.units for k in u.match_keys()})
            if shared:
                matched = tuple(
                    ("unit number " if k.startswith("n:") else "unit ") + k[2:] for k in shared
                )
                found.append(Overlap(incident, period, "unit", matched, start, end))
            elif period_region and period_region == region_key(incident.region):
                matched = (f"region {incident.region}",)
                found.append(Overlap(incident, period, "region", matched, start, end))
    return found
