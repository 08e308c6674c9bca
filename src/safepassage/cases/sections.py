"""The editable sections of a case: which model, which form, which fields are plain."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from safepassage.cases import forms
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
    # Form fields that are not encrypted fields of the model (handled by the view).
    plain: tuple[str, ...] = ()


SECTIONS: dict[str, Section] = {
    "person": Section(Person, forms.PersonForm, _("People"), ("kind",)),
    "service": Section(ServicePeriod, forms.ServicePeriodForm, _("Military service")),
    "criminal": Section(CriminalCase, forms.CriminalCaseForm, _("Criminal cases")),
    "pressure": Section(PressureEvent, forms.PressureEventForm, _("Pressure on the family")),
    "document": Section(DocumentHeld, forms.DocumentForm, _("Documents held")),
    "stay": Section(Stay, forms.StayForm, _("Stays")),
    "protection": Section(ProtectionTrack, forms.ProtectionTrackForm, _("Protection track")),
    "task": Section(Task, forms.TaskForm, _("Tasks"), ("assignee",)),
    "note": Section(Note, forms.NoteForm, _("Notes")),
}


def sealed_names(section: Section, form: Any) -> list[str]:
    """The form's fields that are encrypted fields of the model."""
    model_fields = {f.name for f in section.model._meta.get_fields()}
    return [name for name in form.fields if name in model_fields and name not in section.plain]


def display(section: Section, values: dict[str, Any]) -> list[tuple[Any, Any]]:
    """(label, shown value) pairs in the form's order; codes shown by their labels."""
    out = []
    for name, field in section.form.base_fields.items():
        if name not in values or name == "confirm_warnings":
            continue
        value = values[name]
        if value in (None, "", [], {}):
            continue
        choices = dict(getattr(field, "choices", []) or [])
        if isinstance(value, date):  # one way of writing dates on every page: 2024-12-30
            value = value.isoformat()
        elif isinstance(field, forms.CountryField) and isinstance(value, str):
            value = Country.name_of(value)
        elif choices and isinstance(value, str | int) and value in choices:
            value = choices[value]
        elif isinstance(value, list):
            value = ", ".join(
                v.get("spelling", "") + (f" ({v['document']})" if v.get("document") else "")
                if isinstance(v, dict)
                else str(v)
                for v in value
            )
        out.append((field.label, value))
    return out
