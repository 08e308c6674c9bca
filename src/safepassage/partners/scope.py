"""What of a case goes to a partner: sections by name, chosen family members, chosen files.

The scoped document is the case export of `cases.transfer` (the same JSON shape, so the same
import service takes it in) with everything outside the scope left out by a list of what may
go, never by a list of what may not: a field added to a case later stays at home until it is
named here. Tasks, check-ins, stage history, the retention date and staff links never go.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from safepassage.cases import services as case_services
from safepassage.cases import transfer
from safepassage.cases.gate import CaseAccess
from safepassage.cases.models import Person, PersonKind
from safepassage.vault import files as vault_files
from safepassage.vault.models import EncryptedFile


@dataclass(frozen=True)
class Section:
    label: Any
    help: Any
    # Row models (by model name) and case fields this section carries.
    rows: tuple[str, ...] = ()
    case_fields: tuple[str, ...] = ()


SECTIONS: dict[str, Section] = {
    "identity": Section(
        _("Identity"),
        _("Names, spellings, birth date, citizenships, languages of the chosen people."),
        rows=("person",),
    ),
    "confidential": Section(
        _("Confidential parts"),
        _("Each chosen person's confidential part (left out unless chosen)."),
    ),
    "contact": Section(
        _("Contact"),
        _("How to reach him: channel and handle."),
        case_fields=("contact_channel", "contact_handle"),
    ),
    "service": Section(
        _("Military service"),
        _("Service periods, when and how he left."),
        rows=("serviceperiod",),
        case_fields=("left_on", "manner_of_leaving"),
    ),
    "legal": Section(
        _("Legal exposure"),
        _("Criminal cases, wanted level, travel ban, passport withdrawn."),
        rows=("criminalcase",),
        case_fields=("wanted_level", "travel_ban", "passport_withdrawn"),
    ),
    "pressure": Section(
        _("Pressure on the family"), _("Searches, questioning, threats."), rows=("pressureevent",)
    ),
    "documents": Section(
        _("Documents held"), _("Document types and their state."), rows=("documentheld",)
    ),
    "stays": Section(_("Stays"), _("Transit stays and the country he is in now."), rows=("stay",)),
    "protection": Section(
        _("Protection track"), _("Destinations, filings, decisions."), rows=("protectiontrack",)
    ),
    "summary": Section(
        _("Summary and risks"),
        _("The case summary and risk flags."),
        case_fields=("summary", "risk_flags"),
    ),
    "notes": Section(_("Notes"), _("Every note of the case, as written."), rows=("note",)),
    "attestation": Section(
        _("Attestation"), _("The latest valid signed vetting attestation, as issued.")
    ),
    "files": Section(_("Chosen files"), _("The files of the case ticked below.")),
}
PRESETS: dict[str, tuple[str, ...]] = {
    "vetting": ("identity", "service", "legal"),
    "advocacy": ("identity", "service", "legal", "protection", "attestation", "files"),
}
REQUIRED = ("identity",)  # a hand-over names the man it is about
_PERSON_FIELDS = (
    "name_cyrillic",
    "latin_spellings",
    "aliases",
    "birth_date",
    "citizenships",
    "languages",
)
_PLAIN_ROW_FIELDS: dict[str, tuple[str, ...]] = {
    "person": ("kind", "position"),
    "documentheld": ("person",),
    "note": ("at", "confirmed_warnings"),
}
DOCUMENT_FORMAT = "safepassage-case-handover"
DOCUMENT_VERSION = 1


class ScopeError(ValueError):
    """The scope cannot be sent as chosen; the message says why."""


def check_sections(sections: Iterable[str]) -> list[str]:
    chosen = sorted(set(sections))
    unknown = [s for s in chosen if s not in SECTIONS]
    if unknown:
        raise ScopeError(_("Unknown section: %(s)s.") % {"s": ", ".join(unknown)})
    for required in REQUIRED:
        if required not in chosen:
            raise ScopeError(_("The identity of the people handed over always goes."))
    return chosen


@dataclass
class Scope:
    sections: list[str]
    people: list[int] = field(default_factory=list)  # pk of family members besides the principal
    files: list[str] = field(default_factory=list)  # EncryptedFile ids (hex)


def case_files(access: CaseAccess) -> list[tuple[EncryptedFile, vault_files.FileMeta]]:
    rows = EncryptedFile.objects.filter(ring=access.key.ring).order_by("created_at", "id")
    return [(row, vault_files.meta_of(access.key, row)) for row in rows]


def family(access: CaseAccess) -> list[Person]:
    return list(Person.objects.filter(case=access.case).exclude(kind=PersonKind.PRINCIPAL))


def _uids(access: CaseAccess, model_name: str, links: dict[tuple[str, int], str]) -> list[str]:
    """Each row's id as the partner knows it: theirs for a row they sent us, else our own."""
    model = next(m for m in case_services.CASE_ROWS if m._meta.model_name == model_name)
    rows = model._default_manager.filter(case=access.case).order_by("pk")
    return [
        links.get((model_name, pk), seal_id.hex)
        for pk, seal_id in rows.values_list("pk", "seal_id")
    ]


def scoped_document(
    access: CaseAccess, scope: Scope, links: dict[tuple[str, int], str] | None = None
) -> dict[str, Any]:
    """The case export of `transfer`, cut down to the scope (an allow-list). `links` gives the
    partner's own ids of rows it sent us, by (model name, our row id)."""
    sections = check_sections(scope.sections)
    full = transfer.case_document(access)
    case_fields = {f for s in sections for f in SECTIONS[s].case_fields}
    row_models = {m for s in sections for m in SECTIONS[s].rows}
    plain = {"stage": full["plain"]["stage"], "resume_to": full["plain"]["resume_to"]}
    if "stays" in sections:
        plain["country"] = full["plain"]["country"]
    item: dict[str, Any] = {
        "plain": plain,
        "sealed": {k: v for k, v in full["sealed"].items() if k in case_fields},
        "rows": {},
    }
    people_pks = [p.pk for p in Person.objects.filter(case=access.case).order_by("pk")]
    kept_people: set[int] = set()
    person_rows = full["rows"].get("person", [])
    for number, (pk, entry) in enumerate(zip(people_pks, person_rows, strict=True), 1):
        if entry["plain"].get("kind") == PersonKind.PRINCIPAL or pk in scope.people:
            kept_people.add(number)
    for model_name, rows in full["rows"].items():
        if model_name not in row_models:
            continue
        uids = _uids(access, model_name, links or {})
        kept = []
        for entry, uid in zip(rows, uids, strict=True):
            if model_name == "person" and entry["id"] not in kept_people:
                continue
            if model_name == "documentheld":
                person = entry["plain"].get("person")
                if person is not None and person not in kept_people:
                    continue
            allowed_plain = _PLAIN_ROW_FIELDS.get(model_name, ())
            sealed = entry["sealed"]
            if model_name == "person":
                names = _PERSON_FIELDS + (("confidential",) if "confidential" in sections else ())
                sealed = {k: v for k, v in sealed.items() if k in names}
            kept.append(
                {
                    "id": entry["id"],
                    "uid": uid,
                    "plain": {k: v for k, v in entry["plain"].items() if k in allowed_plain},
                    "sealed": sealed,
                }
            )
        item["rows"][model_name] = kept
    return item


def counts_of(item: dict[str, Any], files: int, attestation: bool) -> dict[str, int]:
    counts = {name: len(rows) for name, rows in item.get("rows", {}).items() if rows}
    counts["files"] = files
    counts["attestation"] = int(attestation)
    return counts
