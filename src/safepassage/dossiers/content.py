"""What a dossier states, computed from the case's records, and what it never states.

Every value here is read from a record: a fact that was not recorded is stated as not recorded,
and a passport spelling is only ever one copied from a passport (never a transliteration made
here). Fields are of three kinds:

- **never sent**: not read by this module at all (contact handle, how he left, stays' notes
  and basis, notes, tasks, family members not included, vetting claims and interview notes);
- **needs a tick**: read only when the adviser ticks it for this dossier (see `TICKS`), and
  only if the authority's profile allows offering it;
- **sent**: the rest, listed field by field in the preview.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safepassage.cases.gate import CaseAccess
from safepassage.cases.models import (
    Country,
    CriminalCase,
    DocumentHeld,
    Person,
    PersonKind,
    PressureEvent,
    ServicePeriod,
    Stay,
)
from safepassage.vault import fields, objects
from safepassage.vault.session import VaultSession
from safepassage.vetting import attest, facts
from safepassage.vetting.models import Attestation, Evidence, Vetting

# Fields that leave only with an explicit tick, with what the adviser is told.
TICKS: dict[str, Any] = {
    "confidential": _("Confidential part of each included person (for example medical notes)"),
    "pressure_notes": _("Notes on pressure events (they may name relatives)"),
    "document_notes": _("Notes on documents held"),
    "summary": _("The case summary"),
}
# Fields never sent whatever is ticked; named in the preview so the adviser sees they stay.
NEVER: list[Any] = [
    _("Contact channel and handle"),
    _("How he left, routes and crossing points"),
    _("Notes and basis of stays (addresses in the transit country)"),
    _("Case notes and tasks"),
    _("Family members not included in this dossier"),
    _("Vetting interview notes, claims and fellow soldiers named in them"),
    _("Names of helpers and staff"),
]
PARTS = (
    "identity",
    "service",
    "criminal",
    "pressure",
    "documents",
    "transit",
    "vetting",
    "evidence",
    "annexes",
)


@dataclass(frozen=True)
class Choice:
    """What the adviser picked: who is included and which ticked fields go."""

    people: list[int]
    ticks: frozenset[str]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _read(access: CaseAccess, row: Any, *names: str) -> dict[str, Any]:
    values = {}
    for name in names:
        value = fields.read(access.key, row, name)
        values[name] = _iso(value) if isinstance(value, date) else value
    return values


def people_of(access: CaseAccess) -> list[Person]:
    return list(Person.objects.filter(case=access.case))


def _person(access: CaseAccess, person: Person, ticks: frozenset[str]) -> dict[str, Any]:
    passport, document = facts.passport_spelling(fields.read(access.key, person, "latin_spellings"))
    shown = {
        "kind": person.kind,
        "passport_spelling": passport,
        "passport_document": document,
        "cyrillic": fields.read(access.key, person, "name_cyrillic") or None,
        "birth_date": fields.read(access.key, person, "birth_date") or None,
        "citizenships": fields.read(access.key, person, "citizenships") or [],
    }
    if "confidential" in ticks:
        shown["confidential"] = fields.read(access.key, person, "confidential") or None
    return shown


def _transit(access: CaseAccess, included: dict[int, int]) -> dict[str, Any]:
    stays = []
    for stay in Stay.objects.filter(case=access.case):
        if stay.person_id is not None and stay.person_id not in included:
            continue
        values = _read(access, stay, "country", "entered_on", "left_on", "legal_until")
        if values["left_on"]:
            continue  # a stay that ended is no risk now
        stays.append(
            {
                "person": included.get(stay.person_id or 0),
                "country": Country.name_of(values["country"] or "") if values["country"] else None,
                "legal_until": values["legal_until"],
            }
        )
    case = access.case
    return {
        "country": case.country.name_en if case.country else None,
        "risks": fields.read(access.key, case, "risk_flags") or [],
        "stays": stays,
    }


def _vetting(access: CaseAccess, vault: VaultSession | None) -> tuple[dict[str, Any], list[Any]]:
    vetting = Vetting.objects.filter(case=access.case).first()
    if vetting is None:
        return {
            "recorded": False,
            "screening": facts.screening_facts(access),
            "attestation": None,
        }, []
    found = facts.gather(access, vetting)
    today = timezone.localdate()
    attestation = (
        Attestation.objects.filter(vetting=vetting, revoked_at__isnull=True, valid_until__gte=today)
        .order_by("-issued_at")
        .first()
    )
    shown = {
        "recorded": True,
        "outcome": vetting.outcome or None,
        "decided_on": _iso(timezone.localdate(vetting.decided_at)) if vetting.decided_at else None,
        "interviews": found.method["interviews"],
        "assessors": found.method["assessors"],
        "screening": found.method["screening"],
        "examined": found.examined,
        "not_examined": [c for c in attest.CHECKLIST_ITEMS if c not in found.examined],
        "attestation": (
            {
                "id": str(attestation.id),
                "issued_on": _iso(timezone.localdate(attestation.issued_at)),
                "valid_until": _iso(attestation.valid_until),
            }
            if attestation
            else None
        ),
    }
    evidence = []
    for item in Evidence.objects.filter(vetting=vetting):
        entry: dict[str, Any] = {
            "kind": item.kind,
            "added_on": _iso(timezone.localdate(item.added_at)),
            "open": False,
        }
        try:
            key = objects.open_with(objects.ring_of("evidence", item.pk), vault)
        except objects.NoAccess:
            evidence.append(entry)
            continue
        entry.update(
            {
                "open": True,
                "title": fields.read(key, item, "title") or None,
                "captured_on": _iso(fields.read(key, item, "captured_on")),
                "sha256": fields.read(key, item, "content_hash") or None,
            }
        )
        evidence.append(entry)
    return shown, evidence


def gather(
    access: CaseAccess, choice: Choice, parts: list[str], vault: VaultSession | None
) -> dict[str, Any]:
    """The content of the dossier: only the parts the authority expects, only the people
    included, only the ticked fields that need a tick."""
    everyone = {p.pk: p for p in people_of(access)}
    included = [everyone[pk] for pk in choice.people if pk in everyone]
    # Who a row is about, by the person's number in this dossier (1 = the first listed): the
    # database's own row ids do not leave.
    ids = {p.pk: number for number, p in enumerate(included, start=1)}
    ticks = choice.ticks
    case = access.case
    content: dict[str, Any] = {"people": [_person(access, p, ticks) for p in included]}
    if "identity" in parts and "summary" in ticks:
        content["summary"] = fields.read(access.key, case, "summary") or None
    if "service" in parts:
        content["service"] = [
            _read(
                access,
                row,
                "category",
                "unit_name",
                "unit_number",
                "rank",
                "speciality",
                "region",
                "started_on",
                "ended_on",
            )
            for row in ServicePeriod.objects.filter(case=case).order_by("pk")
        ]
    if "criminal" in parts:
        content["criminal"] = {
            "cases": [
                _read(access, row, "article", "part", "status", "opened_on", "source")
                for row in CriminalCase.objects.filter(case=case).order_by("pk")
            ],
            **_read(access, case, "wanted_level", "travel_ban", "passport_withdrawn"),
        }
    if "pressure" in parts:
        names = ("kind", "occurred_on", *(("note",) if "pressure_notes" in ticks else ()))
        content["pressure"] = [
            _read(access, row, *names)
            for row in PressureEvent.objects.filter(case=case).order_by("pk")
        ]
    if "documents" in parts:
        names = (
            "doc_type",
            "state",
            "expires_on",
            *(("note",) if "document_notes" in ticks else ()),
        )
        content["documents"] = [
            {"person": ids.get(row.person_id or 0), **_read(access, row, *names)}
            for row in DocumentHeld.objects.filter(case=case).order_by("pk")
            if row.person_id is None or row.person_id in ids
        ]
    if "transit" in parts:
        content["transit"] = _transit(access, ids)
    vetting, evidence = _vetting(access, vault)
    if "vetting" in parts:
        content["vetting"] = vetting
    if "evidence" in parts:
        content["evidence"] = evidence
    return content


def principal_included(access: CaseAccess, people: list[int]) -> bool:
    return Person.objects.filter(
        case=access.case, pk__in=people, kind=PersonKind.PRINCIPAL
    ).exists()
