"""What the organisation may state to others about how a case was checked.

Every fact here is computed from what was recorded: the interviews held and by whom, the
independent conclusions the decision rests on, the evidence items, the screening run and the
lists it searched (as they were then). None comes from a checklist answer or a ticked box, and
what was not done is stated too. Attestations read these facts; so will dossiers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from safepassage.cases.gate import CaseAccess
from safepassage.cases.models import Person, PersonKind
from safepassage.screening import services as screening
from safepassage.screening.models import CaseScreening, ScreeningResult
from safepassage.vault import fields
from safepassage.vetting import attest
from safepassage.vetting.models import ChecklistAnswer, ChecklistItem, Evidence, Interview, Vetting

NEVER_SCREENED: dict[str, Any] = {
    "done": False,
    "ran_on": None,
    "lists": [],
    "incident_lists": [],
    "lists_changed_since": False,
    "possible_matches": 0,
    "unreviewed": 0,
}


@dataclass
class CheckFacts:
    examined: list[str]
    method: dict[str, Any]
    # What the coordinator must know before stating these facts to someone else.
    warnings: list[str] = field(default_factory=list)


def screening_facts(access: CaseAccess) -> dict[str, Any]:
    """The case's last screening as recorded: when, against which lists, what it left open.
    "done" only when at least one real (not sample), current list was searched."""
    record = CaseScreening.objects.filter(case=access.case).first()
    if record is None:
        return dict(NEVER_SCREENED)
    ran_on = timezone.localdate(record.screened_at)
    searched = screening.searched(record.lists, ran_on)
    alerts = [
        row
        for row in ScreeningResult.objects.filter(case=access.case)
        if fields.read(access.key, row, "alert") == "yes"
    ]
    return {
        "done": bool(screening.real_lists(searched)),
        "ran_on": ran_on.isoformat(),
        "lists": [
            {
                "name": item.name,
                "version": item.version,
                "entries": item.entries,
                "imported_on": item.imported_on.isoformat() if item.imported_on else None,
                "sample": item.sample,
                "out_of_date": item.out_of_date,
            }
            for item in searched
            if item.version  # a list recorded without its version cannot be named precisely
        ],
        "incident_lists": [
            {"name": i["name"], "records": int(i["records"]), "sample": bool(i["sample"])}
            for i in record.incident_lists
        ],
        "lists_changed_since": record.pending_since is not None,
        "possible_matches": len(alerts),
        "unreviewed": sum(1 for row in alerts if row.reviewed_at is None),
    }


def method_facts(access: CaseAccess, vetting: Vetting) -> dict[str, Any]:
    interviews = Interview.objects.filter(vetting=vetting)
    kinds = Counter(Evidence.objects.filter(vetting=vetting).values_list("kind", flat=True))
    return {
        "interviews": {
            "held": interviews.count(),
            "interviewers": interviews.values("held_by").distinct().count(),
        },
        "assessors": vetting.assessors,
        "evidence": {"items": sum(kinds.values()), "kinds": dict(sorted(kinds.items()))},
        "screening": screening_facts(access),
    }


def passport_spelling(spellings: list[dict[str, Any]] | None) -> tuple[str | None, str | None]:
    """The Latin spelling recorded from a person's passport (a foreign passport first, then an
    old one) and which document it is from; (None, None) when none was recorded."""
    for wanted in attest.PASSPORT_DOCUMENTS:
        found = [s for s in spellings or [] if s.get("document") == wanted and s.get("spelling")]
        if found:
            return str(found[0]["spelling"]), wanted
    return None, None


def passport_name(access: CaseAccess) -> dict[str, Any] | None:
    """The principal's name: the Latin spelling recorded from his passport (a foreign passport
    first, then an old one), else none — never a transliteration made here — and the Cyrillic
    spelling recorded. None when the case has no principal."""
    principal = Person.objects.filter(case=access.case, kind=PersonKind.PRINCIPAL).first()
    if principal is None:
        return None
    passport, document = passport_spelling(fields.read(access.key, principal, "latin_spellings"))
    cyrillic = fields.read(access.key, principal, "name_cyrillic") or None
    if passport is None and cyrillic is None:
        return None
    return {"passport": passport, "passport_document": document, "cyrillic": cyrillic}


def gather(access: CaseAccess, vetting: Vetting) -> CheckFacts:
    answered = set(ChecklistAnswer.objects.filter(vetting=vetting).values_list("item", flat=True))
    examined = [code for code in ChecklistItem.values if code in answered]
    method = method_facts(access, vetting)
    return CheckFacts(examined, method, _warnings(method, examined))


def _warnings(method: dict[str, Any], examined: list[str]) -> list[str]:
    warnings = []
    screened = method["screening"]
    if screened["ran_on"] is None:
        warnings.append(
            _("This case was never screened against a watch list: the attestation will say so.")
        )
    elif not screened["done"]:
        warnings.append(
            _(
                "This case was screened only against sample or out-of-date lists: the "
                "attestation will say that it was not screened against a real, current list."
            )
        )
    if screened["lists_changed_since"]:
        warnings.append(_("A list changed after the last screening: the attestation will say so."))
    if screened["unreviewed"]:
        warnings.append(
            ngettext(
                "%(n)d possible match of the screening is not reviewed: the attestation will "
                "say so.",
                "%(n)d possible matches of the screening are not reviewed: the attestation will "
                "say so.",
                screened["unreviewed"],
            )
            % {"n": screened["unreviewed"]}
        )
    missing = [label for code, label in ChecklistItem.choices if code not in examined]
    if missing:
        warnings.append(
            _("Not examined by the vetters, and stated so: %(items)s.")
            % {"items": "; ".join(str(label) for label in missing)}
        )
    return warnings
