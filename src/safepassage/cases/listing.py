"""Finding cases: filters on what the database can see, names only inside cases one can open.

There is no index of names (whoever held such an index could confirm that a named man is a
client). A name search opens the cases of the staff member's own list, one by one, in memory.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Min, Q, QuerySet

from safepassage.audit.services import Event, record_many
from safepassage.cases.models import Alert, AlertKind, Assignment, Case, Person, PersonKind
from safepassage.vault import fields, objects
from safepassage.vault.session import VaultSession

if TYPE_CHECKING:
    from safepassage.accounts.models import Staff


@dataclass
class Listed:
    case: Case
    name: str
    next_alert: Any


def my_cases(staff: Staff) -> QuerySet[Case]:
    # A semi-join rather than a join: one row per case without DISTINCT, and a plan that starts
    # from the staff member's assignments even where the database keeps no statistics (SQLite
    # otherwise walks every case of the organisation to count a list of 500).
    return Case.objects.filter(
        pk__in=Assignment.objects.filter(staff=staff).values("case_id"),
        organisation_id=staff.organisation_id,
    )


def filtered(staff: Staff, data: dict[str, Any]) -> QuerySet[Case]:
    cases = my_cases(staff)
    if data.get("reference"):
        cases = cases.filter(reference__istartswith=data["reference"].strip())
    if data.get("stage"):
        cases = cases.filter(stage=data["stage"])
    if data.get("country"):
        cases = cases.filter(country_id=data["country"])
    if data.get("alert"):
        alerts = Alert.objects.filter(staff=staff)
        if data["alert"] != "any":
            alerts = alerts.filter(kind=data["alert"])
        cases = cases.filter(pk__in=alerts.values("case_id"))
    if data.get("assignee"):
        cases = cases.filter(
            pk__in=Assignment.objects.filter(staff_id=data["assignee"]).values("case_id")
        )
    # Every filter is a column or a semi-join, so no case appears twice.
    return cases.select_related("country").order_by("-updated_at", "pk")  # named on the page


def names(
    cases: list[Case], staff: Staff, vault: VaultSession | None, people: Iterable[int] = ()
) -> dict[int, str]:
    """Principal names of the cases (by case id), decrypted with the staff member's keys, and
    the names of the given other people (by their id, negated); the reads are audited, one
    entry per case."""
    keys = objects.open_many("case", [c.pk for c in cases], vault)
    wanted = set(people)
    persons = Person.objects.filter(case_id__in=list(keys)).filter(
        Q(kind=PersonKind.PRINCIPAL) | Q(pk__in=wanted)
    )
    out = {}
    for person in persons:
        name = fields.read(keys[person.case_id], person, "name_cyrillic") or ""
        if person.kind == PersonKind.PRINCIPAL:
            out[person.case_id] = name
        if person.pk in wanted:
            out[-person.pk] = name
    if keys:
        by_id = {c.pk: c.reference for c in cases}
        with transaction.atomic():
            record_many([Event("case.listed", staff, "case", by_id[case_id]) for case_id in keys])
    return out


def with_names(cases: list[Case], staff: Staff, vault: VaultSession | None) -> list[Listed]:
    found = names(cases, staff, vault)
    due = dict(
        Alert.objects.filter(case__in=cases, staff=staff)
        .values_list("case_id")
        .annotate(first=Min("due_on"))
        .values_list("case_id", "first")
    )
    return [Listed(c, found.get(c.pk, ""), due.get(c.pk)) for c in cases]


def search_by_name(
    cases: QuerySet[Case], query: str, staff: Staff, vault: VaultSession | None
) -> list[Case]:
    """Cases of the list whose people's names (any spelling, alias) contain the query."""
    needle = query.casefold().strip()
    candidates = list(cases)
    keys = objects.open_many("case", [c.pk for c in candidates], vault)
    matched: set[int] = set()
    for person in Person.objects.filter(case_id__in=list(keys)):
        key = keys[person.case_id]
        texts = [fields.read(key, person, "name_cyrillic") or ""]
        texts += [s.get("spelling", "") for s in fields.read(key, person, "latin_spellings") or []]
        texts += fields.read(key, person, "aliases") or []
        if any(needle in text.casefold() for text in texts):
            matched.add(person.case_id)
    if keys:
        by_id = {c.pk: c.reference for c in candidates}
        with transaction.atomic():
            record_many([Event("case.searched", staff, "case", by_id[case_id]) for case_id in keys])
    return [c for c in candidates if c.pk in matched]


@dataclass
class TodayRow:
    alert: Alert
    name: str  # the man of the case
    whose: str  # whose clock it is, when it is another person's (his wife's stay)
    kind: str


def today(staff: Staff, vault: VaultSession | None, limit: int) -> tuple[list[TodayRow], int]:
    """The staff member's soonest alerts, with the names they concern, and how many there are
    in all: counted from the alert rows now, so the count is always that of the rows."""
    mine = Alert.objects.filter(staff=staff)
    alerts = list(mine.select_related("case").order_by("due_on", "case_id", "kind")[:limit])
    cases = list({a.case_id: a.case for a in alerts}.values())
    found = names(cases, staff, vault, people=[a.person_id for a in alerts if a.person_id])
    kinds = dict(AlertKind.choices)
    rows = []
    for alert in alerts:
        principal = found.get(alert.case_id, "")
        whose = found.get(-(alert.person_id or 0), "") if alert.person_id else ""
        rows.append(
            TodayRow(alert, principal, whose if whose != principal else "", str(kinds[alert.kind]))
        )
    total = mine.count() if len(alerts) == limit else len(alerts)
    return rows, total


@dataclass(frozen=True)
class PersonNames:
    case_id: int
    person_id: int
    names: tuple[str, ...]  # the Cyrillic name, Latin spellings, aliases
    birth_date: str


def people_names(staff: Any, vault: VaultSession | None, action: str) -> list[PersonNames]:
    """Every person of every case the staff member holds (open, closed or refused), names and
    birth date, decrypted in memory with their keys; audited as `action`, one entry per case.
    Cases whose key they do not hold are left out."""
    cases = list(my_cases(staff))
    keys = objects.open_many("case", [c.pk for c in cases], vault)
    out = []
    for person in Person.objects.filter(case_id__in=list(keys)).order_by("case_id", "pk"):
        key = keys[person.case_id]
        names = [fields.read(key, person, "name_cyrillic") or ""]
        names += [s.get("spelling", "") for s in fields.read(key, person, "latin_spellings") or []]
        names += fields.read(key, person, "aliases") or []
        out.append(
            PersonNames(
                person.case_id,
                person.pk,
                tuple(n for n in dict.fromkeys(names) if n.strip()),
                fields.read(key, person, "birth_date") or "",
            )
        )
    if keys:
        by_id = {c.pk: c.reference for c in cases}
        with transaction.atomic():
            record_many([Event(action, staff, "case", by_id[case_id]) for case_id in keys])
    return out
