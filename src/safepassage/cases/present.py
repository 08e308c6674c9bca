"""What the case pages show, decrypted once per request with the opened case key."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from safepassage.audit.models import AuditEntry
from safepassage.cases import clock, forms
from safepassage.cases.gate import CaseAccess
from safepassage.cases.models import (
    Alert,
    Assignment,
    CheckIn,
    CloseReason,
    Note,
    Person,
    PersonKind,
    Stage,
    StageChange,
    Task,
)
from safepassage.cases.sections import SECTIONS, display
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
    for row in model.objects.filter(case=access.case, **filters):
        out.append(
            Row(
                row.pk,
                fields.read_all(access.key, row),
                {name: getattr(row, name) for name in plain},
            )
        )
    return out


def days_absent(left_on: date | None, today: date) -> int | None:
    return (today - left_on).days if left_on else None


@dataclass
class SectionView:
    kind: str
    title: Any
    rows: list[Row]


def case_detail(access: CaseAccess) -> dict[str, Any]:
    today = timezone.localdate()
    case = access.case
    values = fields.read_all(access.key, case)
    sections = []
    for kind, section in SECTIONS.items():
        if kind in ("task", "note"):
            continue
        rows = _rows(access, section.model, section.plain)
        for row in rows:
            row.plain["shown"] = display(section, {**row.values, **row.plain})
            if kind == "stay":
                row.plain["days_left"] = clock.days_left(row.values.get("legal_until"), today)
                row.plain["legal_until"] = row.values.get("legal_until")
        sections.append(SectionView(kind, section.title, rows))
    principal = next(
        (
            row.values.get("name_cyrillic")
            for view in sections
            if view.kind == "person"
            for row in view.rows
            if row.plain.get("kind") == PersonKind.PRINCIPAL
        ),
        None,
    )
    return {
        "case": case,
        "principal_name": principal,
        "values": values,
        "shown": shown_case_values(values),
        "days_absent": days_absent(values.get("left_on"), today),
        "sections": sections,
        "tasks": _rows(access, Task, ("done_at", "assignee_id")),
        "notes": _rows(access, Note, ("at", "by_id", "confirmed_warnings")),
        "history": _history(access),
        "checkins": _rows(access, CheckIn, ("at", "by_id"))[:5],
        "alerts": Alert.objects.filter(case=case, staff=access.staff).order_by("due_on"),
        "team": Assignment.objects.filter(case=case).select_related("staff"),
        "role": access.role,
        "panels": panels(access),
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
        "wanted_level": dict(forms.WANTED_CHOICES),
        "contact_channel": dict(forms.CONTACT_CHANNELS),
        "travel_ban": dict(forms.YES_NO_UNKNOWN),
        "passport_withdrawn": dict(forms.YES_NO_UNKNOWN),
    }
    risks = {
        "detained": forms.CaseEditForm.base_fields["risk_detained"].label,
        "deportation_order": forms.CaseEditForm.base_fields["risk_deportation"].label,
        "family_pressure": forms.CaseEditForm.base_fields["risk_family"].label,
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


def access_log(case_reference: str, limit: int = 200) -> list[AuditEntry]:
    """Who opened or changed the case, newest first (the log holds no client data)."""
    return list(
        AuditEntry.objects.filter(target_type="case", target_ref=case_reference).order_by("-seq")[
            :limit
        ]
    )
