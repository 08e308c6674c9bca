"""What the case pages show, decrypted once per request with the opened case key."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from safepassage.cases import clock
from safepassage.cases.choices import (
    CONTACT_CHANNELS,
    DOCUMENT_TYPES,
    WANTED_CHOICES,
    YES_NO_UNKNOWN,
)
from safepassage.cases.forms import CaseEditForm
from safepassage.cases.gate import CaseAccess
from safepassage.cases.models import (
    Alert,
    AlertKind,
    Assignment,
    CheckIn,
    CloseReason,
    Country,
    DocumentHeld,
    Note,
    Person,
    PersonKind,
    Stage,
    StageChange,
    Stay,
    StayRule,
    Task,
)
from safepassage.cases.sections import SECTIONS, display
from safepassage.textlang import text_language
from safepassage.vault import fields


@dataclass
class Row:
    pk: int
    values: dict[str, Any]
    plain: dict[str, Any]


def _rows(
    access: CaseAccess, model: type[Any], plain: tuple[str, ...] = (), **filters: Any
) -> list[Row]:
    out = []
    # A link to another row or to staff is given by its id (whose stay, whose task).
    relations = {f.name for f in model._meta.fields if f.is_relation}
    attributes = {name: f"{name}_id" if name in relations else name for name in plain}
    for row in model.objects.filter(case=access.case, **filters):
        out.append(
            Row(
                row.pk,
                fields.read_all(access.key, row),
                {name: getattr(row, attribute) for name, attribute in attributes.items()},
            )
        )
    return out


def days_absent(left_on: date | None, today: date) -> int | None:
    return (today - left_on).days if left_on else None


@dataclass
class SectionView:
    kind: str
    title: Any
    noun: Any
    add: Any
    rows: list[Row]


def people_names(access: CaseAccess) -> dict[int, str]:
    """Each person of the case as "name (who)", for choices and for rows that are someone's."""
    kinds = dict(PersonKind.choices)
    return {
        person.pk: f"{fields.read(access.key, person, 'name_cyrillic') or '—'} "
        f"({kinds.get(person.kind, person.kind)})"
        for person in Person.objects.filter(case=access.case)
    }


def rule_text(country: str | None) -> str:
    """The stay rule that computes a stay's last lawful day, in words, with its source."""
    rule = StayRule.objects.filter(country_id=country).select_related("country").first()
    if rule is None:
        return _("No stay rule is recorded for this country: no clock.")
    parts = []
    if rule.max_days_in_window and rule.window_days:
        parts.append(
            _("at most %(days)d days in any %(window)d")
            % {"days": rule.max_days_in_window, "window": rule.window_days}
        )
    if rule.max_days_per_entry:
        parts.append(_("at most %(days)d days per entry") % {"days": rule.max_days_per_entry})
    if rule.registration_extends:
        parts.append(_("a registration extends it until the registration ends"))
    text = _("Rule for %(country)s: %(rule)s.") % {
        "country": rule.country.name,
        "rule": "; ".join(parts) or _("no limit"),
    }
    if rule.source:
        text += " " + _("Source: %(source)s (updated %(day)s).") % {
            "source": rule.source,
            "day": timezone.localdate(rule.updated_at).isoformat(),
        }
    return text


def _title(kind: str, row: Row, people: dict[int, str]) -> str:
    """A few words naming one row, so a button can say which row it acts on."""
    values = row.values
    whose = people.get(row.plain.get("person") or 0, "")
    if kind == "person":
        return str(values.get("name_cyrillic") or "")
    if kind == "stay":
        return " · ".join(
            str(v)
            for v in (Country.name_of(values.get("country") or ""), values.get("entered_on"), whose)
            if v
        )
    if kind == "document":
        return " · ".join(
            str(v) for v in (dict(DOCUMENT_TYPES).get(values.get("doc_type") or ""), whose) if v
        )
    first = next((v for v in values.values() if isinstance(v, str) and v), "")
    return str(first)[:60]


def case_detail(access: CaseAccess) -> dict[str, Any]:
    today = timezone.localdate()
    case = access.case
    values = fields.read_all(access.key, case)
    people = people_names(access)
    sections = []
    for kind, section in SECTIONS.items():
        if kind in ("task", "note"):
            continue
        rows = _rows(access, section.model, section.plain)
        for row in rows:
            row.plain["shown"] = display(section, {**row.values, **row.plain}, people)
            row.plain["title"] = _title(kind, row, people)
            if kind == "stay":
                row.plain["days_left"] = clock.days_left(row.values.get("legal_until"), today)
                row.plain["legal_until"] = row.values.get("legal_until")
                row.plain["rule"] = rule_text(row.values.get("country"))
        sections.append(SectionView(kind, section.title, section.noun, section.add, rows))
    by_kind = {view.kind: view for view in sections}
    shown_panels = panels(access)
    alerts = list(Alert.objects.filter(case=case, staff=access.staff).order_by("due_on", "kind"))
    return {
        "case": case,
        "summary": _summary(case, by_kind, people, alerts, shown_panels, today),
        "principal_name": next(
            (
                row.values.get("name_cyrillic")
                for row in by_kind["person"].rows
                if row.plain.get("kind") == PersonKind.PRINCIPAL
            ),
            None,
        ),
        "values": values,
        "shown": shown_case_values(values),
        "days_absent": days_absent(values.get("left_on"), today),
        "sections": sections,
        "tasks": _rows(access, Task, ("done_at", "assignee_id")),
        "notes": _with_language(_rows(access, Note, ("at", "by_id", "confirmed_warnings"))),
        "history": _history(access),
        "checkins": _rows(access, CheckIn, ("at", "by_id"))[:5],
        "alerts": [(alert, people.get(alert.person_id or 0, "")) for alert in alerts],
        "team": Assignment.objects.filter(case=case).select_related("staff"),
        "role": access.role,
        "panels": shown_panels,
    }


def _with_language(notes: list[Row]) -> list[Row]:
    """Each note with the language it is written in, so a screen reader reads it in that voice
    (a note made from his message is in his language, not the page's)."""
    for note in notes:
        note.plain["lang"] = text_language(note.values.get("text") or "")
    return notes


def _summary(
    case: Any,
    sections: dict[str, SectionView],
    people: dict[int, str],
    alerts: list[Alert],
    shown_panels: list[tuple[str, dict[str, Any]]],
    today: date,
) -> dict[str, Any]:
    """The top of the case page: who, where, the next deadline, the stage, what needs care."""
    persons = sections["person"].rows
    principal = next((r for r in persons if r.plain.get("kind") == PersonKind.PRINCIPAL), None)
    open_stays = [
        r
        for r in sections["stay"].rows
        if principal is not None
        and r.plain.get("person") == principal.pk
        and not r.values.get("left_on")
    ]
    current = max(open_stays, key=lambda r: r.values.get("entered_on") or date.min, default=None)
    attention = []
    if current is not None and case.country_id and current.values.get("country") != case.country_id:
        attention.append(
            _("The case says he is in %(case)s, but his current stay is in %(stay)s.")
            % {
                "case": Country.name_of(case.country_id),
                "stay": Country.name_of(current.values.get("country") or ""),
            }
        )
    if principal is None:
        attention.append(_("The case has no principal: add the man who asked for help."))
    kinds = dict(AlertKind.choices)
    return {
        "principal": principal.values.get("name_cyrillic") if principal else "",
        "others": [people[r.pk] for r in persons if r is not principal],
        "current_stay": current,
        "next": alerts[0] if alerts else None,
        "next_kind": kinds.get(alerts[0].kind, "") if alerts else "",
        "next_whose": people.get(alerts[0].person_id or 0, "") if alerts else "",
        "overdue": bool(alerts) and alerts[0].due_on < today,
        "attention": attention,
        "extra": [ctx["summary"] for _tpl, ctx in shown_panels if ctx.get("summary")],
    }


def row_initial(access: CaseAccess, section: Any, row: Any) -> dict[str, Any]:
    """A row's stored values as its form takes them (nothing for a new row)."""
    if row.pk is None:
        return {}
    initial = section.form.initial_from(fields.read_all(access.key, row))
    for name in section.plain:
        initial[name] = getattr(row, f"{name}_id" if name in ("assignee", "person") else name)
    return dict(initial)


def person_form_context(access: CaseAccess, person: Person) -> dict[str, Any]:
    """What the person form needs: how many spellings he has, and the principal's name when
    the principal is someone else (choosing "principal" then moves the role, on a yes)."""
    principal = (
        Person.objects.filter(case=access.case, kind=PersonKind.PRINCIPAL)
        .exclude(pk=person.pk)
        .first()
    )
    spellings = fields.read(access.key, person, "latin_spellings") if person.pk else None
    return {
        "spellings": len(spellings or []),
        "principal": fields.read(access.key, principal, "name_cyrillic") if principal else None,
    }


def removal(access: CaseAccess, kind: str, row: Any) -> dict[str, Any]:
    """What the removal page names: the row, and what goes with it."""
    people = people_names(access)
    plain = {name: getattr(row, f"{name}_id", None) for name in ("person",)}
    shown = Row(row.pk, fields.read_all(access.key, row), plain)
    with_it = []
    if isinstance(row, Person):
        stays = Stay.objects.filter(person=row).count()
        documents = DocumentHeld.objects.filter(person=row).count()
        if stays:
            with_it.append(ngettext("%(n)d stay", "%(n)d stays", stays) % {"n": stays})
        if documents:
            with_it.append(
                ngettext("%(n)d document", "%(n)d documents", documents) % {"n": documents}
            )
    return {
        "row": row,
        "title": _title(kind, shown, people),
        "with_it": with_it,
        "is_principal": isinstance(row, Person) and row.kind == PersonKind.PRINCIPAL,
    }


# Other apps add a panel to the case page: a function of the opened case returning the template
# to include and its context, or None. The case app knows nothing of what they show.
Panel = Callable[[CaseAccess], tuple[str, dict[str, Any]] | None]
PANELS: list[Panel] = []


def register_panel(panel: Panel) -> None:
    if panel not in PANELS:
        PANELS.append(panel)


def panels(access: CaseAccess) -> list[tuple[str, dict[str, Any]]]:
    return [shown for panel in PANELS if (shown := panel(access)) is not None]


# The same for the case's access page (who else holds the case: partners, for example).
ACCESS_PANELS: list[Panel] = []


def register_access_panel(panel: Panel) -> None:
    if panel not in ACCESS_PANELS:
        ACCESS_PANELS.append(panel)


def access_panels(access: CaseAccess) -> list[tuple[str, dict[str, Any]]]:
    return [shown for panel in ACCESS_PANELS if (shown := panel(access)) is not None]


def _history(access: CaseAccess) -> list[Row]:
    """Stage changes with the stages and reasons by their names, not their codes."""
    stages, reasons = dict(Stage.choices), dict(CloseReason.choices)
    rows = _rows(access, StageChange, ("from_stage", "to_stage", "reason", "at", "by_id"))
    for row in rows:
        row.plain["from_label"] = stages.get(row.plain["from_stage"], row.plain["from_stage"])
        row.plain["to_label"] = stages.get(row.plain["to_stage"], row.plain["to_stage"])
        row.plain["reason_label"] = reasons.get(row.plain["reason"], row.plain["reason"])
    return rows


def shown_case_values(values: dict[str, Any]) -> dict[str, Any]:
    """The case's coded values (wanted level, travel ban, risks) by their names."""
    labels: dict[str, dict[str, Any]] = {
        "wanted_level": dict(WANTED_CHOICES),
        "contact_channel": dict(CONTACT_CHANNELS),
        "travel_ban": dict(YES_NO_UNKNOWN),
        "passport_withdrawn": dict(YES_NO_UNKNOWN),
    }
    risks = {
        "detained": CaseEditForm.base_fields["risk_detained"].label,
        "deportation_order": CaseEditForm.base_fields["risk_deportation"].label,
        "family_pressure": CaseEditForm.base_fields["risk_family"].label,
    }
    shown = dict(values)
    for name, choices in labels.items():
        if shown.get(name):
            shown[name] = choices.get(shown[name], shown[name])
    shown["risk_flags"] = [risks.get(flag, flag) for flag in values.get("risk_flags") or []]
    return shown


def principal_name(access: CaseAccess) -> str:
    principal = Person.objects.filter(case=access.case, kind=PersonKind.PRINCIPAL).first()
    if principal is None:
        return ""
    return fields.read(access.key, principal, "name_cyrillic") or ""
