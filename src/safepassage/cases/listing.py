"""Finding cases: filters on what the database can see, names only inside cases one can open.

There is no index of names (whoever held such an index could confirm that a named man is a
client). A name search opens the cases of the staff member's own list, one by one, in memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Min, QuerySet

from safepassage.audit.services import Event, record_many
from safepassage.cases.models import Alert, Assignment, Case, Person, PersonKind
from safepassage.vault import fields, objects
from safepassage.vault.session import VaultSession


@dataclass
class Listed:
    case: Case
    name: str
    next_alert: Any


def my_cases(staff: Any) -> QuerySet[Case]:
    # A semi-join rather than a join: one row per case without DISTINCT, and a plan that starts
    # from the staff member's assignments even where the database keeps no statistics (SQLite
    # otherwise walks every case of the organisation to count a list of 500).
    return Case.objects.filter(
        pk__in=Assignment.objects.filter(staff=staff).values("case_id"),
        organisation_id=staff.organisation_id,
    )


def filtered(staff: Any, data: dict[str, Any]) -> QuerySet[Case]:
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


def names(cases: list[Case], staff: Any, vault: VaultSession | None) -> dict[int, str]:
    """Principal names of the cases, decrypted with the staff member's keys; the reads are
    audited, one entry per case."""
    keys = objects.open_many("case", [c.pk for c in cases], vault)
    principals = Person.objects.filter(case_id__in=list(keys), kind=PersonKind.PRINCIPAL)
    out = {}
    for person in principals:
        out[person.case_id] = fields.read(keys[person.case_id], person, "name_cyrillic") or ""
    if keys:
        by_id = {c.pk: c.reference for c in cases}
        with transaction.atomic():
            record_many([Event("case.listed", staff, "case", by_id[case_id]) for case_id in keys])
    return out


def with_names(cases: list[Case], staff: Any, vault: VaultSession | None) -> list[Listed]:
    found = names(cases, staff, vault)
    due = dict(
        Alert.objects.filter(case__in=cases, staff=staff)
        .values_list("case_id")
        .annotate(first=Min("due_on"))
        .values_list("case_id", "first")
    )
    return [Listed(c, found.get(c.pk, ""), due.get(c.pk)) for c in cases]


def search_by_name(
    cases: QuerySet[Case], query: str, staff: Any, vault: VaultSession | None
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
