"""The editable sections of a case: which model, which form, which fields are plain, and how a
stored row is shown in words."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from safepassage.cases import forms_rows
from safepassage.cases.form_fields import SPELLING_DOCUMENTS, CountryField
from safepassage.cases.models import (
    Country,
    CriminalCase,
    DocumentHeld,
    Note,
    Person,
    PressureEvent,
    ProtectionTrack,
    ServicePeriod,
    Stay,
    Task,
)


@dataclass(frozen=True)
class Section:
    model: type[Any]
    form: type[Any]
    title: Any
    # What one row is called ("person", "stay"), for buttons that name what they act on.
    noun: Any
    add: Any  # the words of the button that adds a row
    # Form fields that are plain (unencrypted) columns of the row, set through the service.
    plain: tuple[str, ...] = ()
    # Stored values shown under another name than a form field's (the form splits them).
    labels: dict[str, Any] = field(default_factory=dict)


SECTIONS: dict[str, Section] = {
    "person": Section(
        Person,
        forms_rows.PersonForm,
        _("People"),
        _("person"),
        _("Add a person"),
        ("kind",),
        {"latin_spellings": _("Latin spellings"), "citizenships": _("Citizenship")},
    ),
    "service": Section(
        ServicePeriod,
        forms_rows.ServicePeriodForm,
        _("Military service"),
        _("service period"),
        _("Add a service period"),
    ),
    "criminal": Section(
        CriminalCase,
        forms_rows.CriminalCaseForm,
        _("Criminal cases"),
        _("criminal case"),
        _("Add a criminal case"),
    ),
    "pressure": Section(
        PressureEvent,
        forms_rows.PressureEventForm,
        _("Pressure on the family"),
        _("event"),
        _("Add an event"),
    ),
    "document": Section(
        DocumentHeld,
        forms_rows.DocumentForm,
        _("Documents held"),
        _("document"),
        _("Add a document"),
        ("person",),
    ),
    "stay": Section(Stay, forms_rows.StayForm, _("Stays"), _("stay"), _("Add a stay"), ("person",)),
    "protection": Section(
        ProtectionTrack,
        forms_rows.ProtectionTrackForm,
        _("Protection track"),
        _("track"),
        _("Add a protection track"),
    ),
    "task": Section(
        Task, forms_rows.TaskForm, _("Tasks"), _("task"), _("Add a task"), ("assignee",)
    ),
    "note": Section(Note, forms_rows.NoteForm, _("Notes"), _("note"), _("Add a note")),
}


def sealed_names(section: Section, form: Any) -> list[str]:
    """The form's fields that are encrypted fields of the model."""
    model_fields = {f.name for f in section.model._meta.get_fields()}
    return [name for name in form.fields if name in model_fields and name not in section.plain]


def _spellings(value: list[dict[str, str]]) -> str:
    documents = dict(SPELLING_DOCUMENTS)
    return "; ".join(
        f"{v.get('spelling', '')} ({documents.get(v.get('document', ''), v.get('document'))})"
        for v in value
        if isinstance(v, dict)
    )


def display(
    section: Section, values: dict[str, Any], people: dict[int, str] | None = None
) -> list[tuple[Any, Any]]:
    """(label, shown value) pairs in the form's order; codes shown by their names."""
    out: list[tuple[Any, Any]] = []
    names = [*section.form.base_fields, *section.labels]
    for name in dict.fromkeys(names):
        if name not in values or name in ("confirm_warnings", "replace_principal"):
            continue
        value = values[name]
        if value in (None, "", [], {}):
            continue
        form_field = section.form.base_fields.get(name)
        label = section.labels.get(name) or (form_field.label if form_field else name)
        choices = dict(getattr(form_field, "choices", []) or [])
        if isinstance(value, date):  # one way of writing dates on every page: 2024-12-30
            value = value.isoformat()
        elif name == "latin_spellings":
            value = _spellings(value)
        elif name == "citizenships":
            value = ", ".join(Country.name_of(code) for code in value)
        elif name == "person":
            value = (people or {}).get(value, "")
        elif isinstance(form_field, CountryField) and isinstance(value, str):
            value = Country.name_of(value)
        elif choices and isinstance(value, str | int) and value in choices:
            value = choices[value]
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        if value in ("", None):
            continue
        out.append((label, value))
    return out


def form_kwargs(section: Section, people: list[tuple[int, str]], assignees: Any) -> dict[str, Any]:
    """What a section's form needs besides the data: the case's people, its team."""
    if section.model is Task:
        return {"assignees": assignees}
    if issubclass(section.form, forms_rows.PersonChoiceMixin):
        return {"people": people}
    return {}
