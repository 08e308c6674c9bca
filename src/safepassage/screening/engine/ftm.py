"""Read OpenSanctions bulk files: FollowTheMoney entities, one JSON object per line."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .dates import DateError, parse_date
from .model import ORGANIZATION, PERSON, Entity, Link, ParseError, Record, Sanction, StructuredName

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 10_000
EXCERPT = 120

_ORGANISATION_SCHEMATA = {"Organization", "LegalEntity", "PublicBody", "Company"}
# Links that tie a person to an organisation, and which properties hold the two ends.
_LINKS = {
    "Membership": ("member", "organization"),
    "Employment": ("employee", "employer"),
    "Occupancy": ("holder", "post"),
}
# FollowTheMoney schemata that carry nothing for screening: read, counted, and passed over.
_IGNORED_SCHEMATA = frozenset(
    (
        "Address", "Airplane", "Article", "Assessment", "Asset", "Associate", "Audio",
        "BankAccount", "Call", "CallForTenders", "Contract", "ContractAward", "CourtCase",
        "CourtCaseParty", "CryptoWallet", "Debt", "Directorship", "Document", "Documentation",
        "EconomicActivity", "Email", "Event", "Family", "Folder", "HyperText", "Identification",
        "Image", "Interest", "Interval", "License", "Mention", "Message", "Note", "Ownership",
        "Package", "Page", "Pages", "Passport", "Payment", "PlainText", "Project",
        "ProjectParticipant", "Representation", "RealEstate", "Security", "Similar", "Succession",
        "Table", "TaxRoll", "Thing", "Trip", "UnknownLink", "UserAccount", "Vehicle", "Vessel",
        "Video", "Workbook",
    )
)  # fmt: skip
_NAME_PROPERTIES = ("name", "alias", "previousName", "weakAlias")
_PATRONYMIC_PROPERTIES = ("fatherName", "middleName", "secondName")


def _values(properties: dict[str, Any], key: str) -> list[str]:
    raw = properties.get(key)
    if not raw:
        return []
    if isinstance(raw, str):
        raw = [raw]
    # Values are lists of strings in FollowTheMoney; anything else is made a string.
    return [v for v in (str(x).strip() for x in raw) if v]


def _first(properties: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        values = _values(properties, key)
        if values:
            return values[0]
    return None


def _common(data: dict[str, Any], schema: str, source: str, line: int) -> Entity:
    properties = data.get("properties") or {}
    datasets = data.get("datasets") or []
    return Entity(
        id=str(data["id"]),
        schema=schema,
        caption=str(data.get("caption") or _first(properties, "name") or data["id"]),
        source=source,
        datasets=[str(d) for d in datasets] if isinstance(datasets, list) else [str(datasets)],
        topics=_values(properties, "topics"),
        first_seen=data.get("first_seen"),
        last_seen=data.get("last_seen"),
        last_change=data.get("last_change"),
        line=line,
    )


def _person(data: dict[str, Any], source: str, line: int) -> Iterator[Record | ParseError]:
    properties = data.get("properties") or {}
    entity = _common(data, PERSON, source, line)
    for key in _NAME_PROPERTIES:
        entity.names.extend(v for v in _values(properties, key) if v not in entity.names)
    given, surname = _first(properties, "firstName"), _first(properties, "lastName")
    patronymic = _first(properties, *_PATRONYMIC_PROPERTIES)
    if given or surname:
        entity.structured.append(StructuredName(given, patronymic, surname))
    if not entity.names and not entity.structured:
        yield ParseError(line, f"person {entity.id} has no name", entity.id)
        return
    for text in _values(properties, "birthDate"):
        try:
            entity.birth_dates.append(parse_date(text))
        except DateError as error:
            yield ParseError(line, f"person {entity.id}: birth date {error}", text)
    entity.units.extend(_values(properties, "position"))
    yield entity


def _organisation(
    data: dict[str, Any], source: str, line: int, schema: str
) -> Iterator[Record | ParseError]:
    properties = data.get("properties") or {}
    entity = _common(data, schema, source, line)
    for key in _NAME_PROPERTIES:
        entity.names.extend(v for v in _values(properties, key) if v not in entity.names)
    if not entity.names:
        yield ParseError(line, f"{schema} {entity.id} has no name", entity.id)
        return
    yield entity


def _sanctions(data: dict[str, Any], line: int) -> Iterator[Record | ParseError]:
    properties = data.get("properties") or {}
    targets = _values(properties, "entity")
    if not targets:
        yield ParseError(line, f"sanction {data['id']} names no entity", str(data["id"]))
    for target in targets:
        yield Sanction(
            id=str(data["id"]),
            entity_id=target,
            authority=_first(properties, "authority") or "",
            program=_first(properties, "program") or "",
            start=_first(properties, "startDate", "listingDate"),
            reason=_first(properties, "reason") or "",
            line=line,
        )


def _link(data: dict[str, Any], line: int, ends: tuple[str, str]) -> Iterator[Record | ParseError]:
    properties = data.get("properties") or {}
    people, organisations = _values(properties, ends[0]), _values(properties, ends[1])
    if not people or not organisations:
        yield ParseError(
            line, f"{data['schema']} {data['id']} lacks one of its ends", str(data["id"])
        )
        return
    for person in people:
        for organisation in organisations:
            yield Link(
                id=str(data["id"]),
                schema=str(data["schema"]),
                person_id=person,
                organization_id=organisation,
                role=_first(properties, "role", "description") or "",
                start=_first(properties, "startDate"),
                end=_first(properties, "endDate"),
                line=line,
            )


def _record(data: Any, source: str, line: int) -> Iterator[Record | ParseError]:
    if not isinstance(data, dict) or not data.get("id") or not data.get("schema"):
        yield ParseError(line, "not a FollowTheMoney entity (needs id and schema)")
        return
    if not isinstance(data.get("properties") or {}, dict):
        yield ParseError(line, "the properties are not an object", str(data["id"]))
        return
    schema = str(data["schema"])
    if schema == PERSON:
        yield from _person(data, source, line)
    elif schema in _ORGANISATION_SCHEMATA:
        yield from _organisation(data, source, line, ORGANIZATION)
    elif schema == "Position":
        yield from _organisation(data, source, line, "Position")
    elif schema == "Sanction":
        yield from _sanctions(data, line)
    elif schema in _LINKS:
        yield from _link(data, line, _LINKS[schema])
    elif schema not in _IGNORED_SCHEMATA:
        yield ParseError(line, f"unknown schema {schema!r}", str(data["id"]))


def parse_ftm(
    lines: Iterable[bytes], on_progress: Progress | None = None, *, source: str = ""
) -> Iterator[Record | ParseError]:
    """Stream the records of a FollowTheMoney JSON-lines file opened in binary mode."""
    done = 0
    number = 0
    for number, raw in enumerate(lines, start=1):
        done += len(raw)
        if on_progress is not None and number % PROGRESS_EVERY == 0:
            on_progress(number, done)
        if not raw.strip():
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield ParseError(
                number, f"not UTF-8 (wrong encoding?): {error.reason}", repr(raw[:EXCERPT])
            )
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            yield ParseError(
                number, f"broken JSON: {error.msg} at column {error.colno}", text[:EXCERPT]
            )
            continue
        except RecursionError:
            yield ParseError(number, "broken JSON: nested too deeply", text[:EXCERPT])
            continue
        yield from _record(data, source, number)
    if on_progress is not None:
        on_progress(number, done)
