"""The records that flow from list parsers into the index and out of a search."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .dates import PartialDate

PERSON = "Person"
ORGANIZATION = "Organization"


@dataclass(slots=True)
class StructuredName:
    """A name whose parts the list keeps apart (firstName, fatherName, lastName)."""

    given: str | None = None
    patronymic: str | None = None
    surname: str | None = None


@dataclass(slots=True)
class Entity:
    """A person or an organisation (a unit) from a list, with what is needed to explain a hit."""

    id: str
    schema: str
    caption: str
    names: list[str] = field(default_factory=list)
    structured: list[StructuredName] = field(default_factory=list)
    birth_dates: list[PartialDate] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    source: str = ""
    datasets: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    first_seen: str | None = None
    last_seen: str | None = None
    last_change: str | None = None
    line: int = 0

    def provenance(self) -> dict[str, Any]:
        """Where the entry comes from, for an explanation."""
        out: dict[str, Any] = {"source": self.source, "datasets": self.datasets}
        for key in ("first_seen", "last_seen", "last_change"):
            if (value := getattr(self, key)) is not None:
                out[key] = value
        if self.topics:
            out["topics"] = self.topics
        return out


@dataclass(slots=True)
class Link:
    """A tie between a person and an organisation (Membership, Employment, Occupancy)."""

    id: str
    schema: str
    person_id: str
    organization_id: str
    role: str = ""
    start: str | None = None
    end: str | None = None
    line: int = 0


@dataclass(slots=True)
class Sanction:
    """A sanction designation of an entity by an authority."""

    id: str
    entity_id: str
    authority: str = ""
    program: str = ""
    start: str | None = None
    reason: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class ParseError:
    """A line that could not be read; the caller decides whether to abort."""

    line: int
    message: str
    excerpt: str = ""

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


Record = Entity | Link | Sanction


@dataclass(frozen=True, slots=True)
class Query:
    """Who to look for: a name, and what else is known of him."""

    name: str
    birth_date: PartialDate | None = None
    units: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Result:
    """One list entry found for a query, with its score and the reasons for it."""

    entity_id: str
    caption: str
    score: float
    alert: bool
    explanation: dict[str, Any]
