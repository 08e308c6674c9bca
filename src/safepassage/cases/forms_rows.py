"""The forms of the rows of a case (people, service, legal exposure, documents, stays, the
protection track, tasks, notes). Labels are names; what a field wants is its help text."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from safepassage.cases.choices import (
    CATEGORY_CHOICES,
    CRIMINAL_STATUS,
    DOCUMENT_STATES,
    DOCUMENT_TYPES,
    PRESSURE_KINDS,
    ROUTES,
)
from safepassage.cases.form_fields import SPELLING_DOCUMENTS, CountryField, PartialDateField
from safepassage.cases.forms import NOTE_MAX, date_field, lines, text_area, text_field
from safepassage.cases.forms_warnings import WarningsMixin
from safepassage.cases.models import Article, PersonKind
from safepassage.cases.validators import not_future


class CaseRowForm(WarningsMixin):
    """The form of one kind of row of a case. By default its fields are the row's sealed fields
    of the same names; a form whose fields differ from what is stored says how they map."""

    def sealed_values(self, names: list[str]) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in names}

    @classmethod
    def initial_from(cls, stored: dict[str, Any]) -> dict[str, Any]:
        return {k: "\n".join(map(str, v)) if isinstance(v, list) else v for k, v in stored.items()}


SPELLING_ROWS_MIN = 2
SPELLING_ROWS_MAX = 8


class PersonForm(CaseRowForm):
    kind = forms.ChoiceField(
        label=_("Who"),
        choices=[("", "—"), *PersonKind.choices],
        help_text=_("A case has one principal: the man who asked for help."),
        error_messages={"required": _("Choose who this person is.")},
    )
    replace_principal = forms.BooleanField(
        required=False,
        label=_("Make this person the principal instead"),
        widget=forms.HiddenInput,
    )
    name_cyrillic = text_field(
        _("Name in Cyrillic"), required=True, help_text=_("As he or she writes it.")
    )
    birth_date = PartialDateField(label=_("Date of birth"))
    citizenship = CountryField(label=_("Citizenship"))
    second_citizenship = CountryField(label=_("Second citizenship"))
    aliases = text_area(
        _("Other names"), 2000, help_text=_("Names he or she is also known by, one per line.")
    )
    languages = text_field(_("Languages"), help_text=_("For example: Russian, Tatar."))
    confidential = text_area(
        _("Confidential"), help_text=_("Not shown to the others of the case, nor in documents.")
    )

    def __init__(
        self,
        *args: Any,
        spellings: int = 0,
        principal: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # The principal now, when another person is; choosing "principal" then needs a yes.
        self.principal = principal
        data = self.data if self.is_bound else {}
        typed = sum(1 for key in data if key.startswith("spelling_"))
        rows = min(max(spellings + 1, typed, SPELLING_ROWS_MIN), SPELLING_ROWS_MAX)
        for n in range(1, rows + 1):
            self.fields[f"spelling_{n}"] = forms.CharField(
                label=_("Latin spelling %(n)d") % {"n": n},
                required=False,
                max_length=200,
                help_text=_("As written in a document, letter for letter.") if n == 1 else "",
            )
            self.fields[f"document_{n}"] = forms.ChoiceField(
                label=_("From which document (spelling %(n)d)") % {"n": n},
                required=False,
                choices=[("", "—"), *SPELLING_DOCUMENTS],
            )
        pairs = [f"{part}_{n}" for n in range(1, rows + 1) for part in ("spelling", "document")]
        self.order_fields(["kind", "replace_principal", "name_cyrillic", *pairs])
        if principal is not None and self.data.get("kind") == PersonKind.PRINCIPAL:
            self.fields["replace_principal"].widget = forms.CheckboxInput()
            self.fields["replace_principal"].label = _(
                "Make this person the principal instead of %(name)s (who becomes "
                "another family member)"
            ) % {"name": principal}

    def spelling_rows(self) -> int:
        return sum(1 for name in self.fields if name.startswith("spelling_"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(1, self.spelling_rows() + 1):
            spelling, document = data.get(f"spelling_{n}"), data.get(f"document_{n}")
            if spelling and not document:
                self.add_error(f"document_{n}", _("Choose the document this spelling is from."))
            elif document and not spelling:
                self.add_error(f"spelling_{n}", _("Type the spelling, or set the document to —."))
        second = data.get("second_citizenship")
        if second and second == data.get("citizenship"):
            self.add_error("second_citizenship", _("This is the same as the first citizenship."))
        if (
            data.get("kind") == PersonKind.PRINCIPAL
            and self.principal is not None
            and not data.get("replace_principal")
        ):
            self.add_error(
                "kind",
                _(
                    "%(name)s is the principal. Tick the box to make this person the principal "
                    "instead, or choose another role."
                )
                % {"name": self.principal},
            )
        return data

    def sealed_values(self, names: list[str]) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name_cyrillic": data["name_cyrillic"],
            "latin_spellings": [
                {"spelling": data[f"spelling_{n}"], "document": data[f"document_{n}"]}
                for n in range(1, self.spelling_rows() + 1)
                if data.get(f"spelling_{n}")
            ],
            "aliases": lines(data.get("aliases", "")),
            "birth_date": data.get("birth_date", ""),
            "citizenships": [c for c in (data["citizenship"], data["second_citizenship"]) if c],
            "languages": [p.strip() for p in data.get("languages", "").split(",") if p.strip()],
            "confidential": data.get("confidential", ""),
        }

    @classmethod
    def initial_from(cls, stored: dict[str, Any]) -> dict[str, Any]:
        initial = dict(stored)
        for n, spelling in enumerate(stored.get("latin_spellings") or [], 1):
            initial[f"spelling_{n}"] = spelling.get("spelling", "")
            initial[f"document_{n}"] = spelling.get("document", "")
        citizenships = [*(stored.get("citizenships") or []), "", ""]
        initial["citizenship"], initial["second_citizenship"] = citizenships[:2]
        initial["aliases"] = "\n".join(stored.get("aliases") or [])
        initial["languages"] = ", ".join(stored.get("languages") or [])
        return initial

    def text_to_check(self) -> dict[str, str]:
        return {"confidential": self.cleaned_data.get("confidential", "")}


class DateRangeMixin(forms.Form):
    """Refuses an end before its start; field names are given by the subclass."""

    date_range: tuple[str, str, Any] = ("", "", "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end, message = self.date_range
        if start and data.get(start) and data.get(end) and data[end] < data[start]:
            self.add_error(end, message)
        return data


class ServicePeriodForm(CaseRowForm, DateRangeMixin):
    category = forms.ChoiceField(label=_("Category"), choices=CATEGORY_CHOICES, required=False)
    unit_name = text_field(_("Unit name"))
    unit_number = forms.RegexField(
        label=_("Unit number (в/ч)"),
        regex=r"^\d{4,6}$",
        required=False,
        error_messages={"invalid": _("A unit number has 4 to 6 digits.")},
        help_text=_("4 to 6 digits."),
    )
    rank = text_field(_("Rank"))
    speciality = text_field(_("Role or speciality"))
    region = text_field(_("Region"), help_text=_("A region, never a precise place."))
    started_on = date_field(_("From"))
    ended_on = date_field(_("Until"))
    date_range = ("started_on", "ended_on", _("The end of service is before its start."))

    def clean_ended_on(self) -> date | None:
        value: date | None = self.cleaned_data.get("ended_on")
        not_future(value, _("The end of service cannot be in the future."))
        return value


class CriminalCaseForm(CaseRowForm):
    article = forms.ChoiceField(label=_("Article"), choices=())
    part = forms.RegexField(
        label=_("Part"),
        regex=r"^\d{0,2}(\.\d)?$",
        required=False,
        error_messages={"invalid": _("A part is a number such as 2 or 2.1.")},
        help_text=_("A number such as 2 or 2.1."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=CRIMINAL_STATUS, required=False)
    opened_on = date_field(_("Opened on"))
    source = text_field(_("Source of the information"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = [  # type: ignore[attr-defined]
            (a.number, f"{a.number} — {a.title_en}") for a in Article.objects.all()
        ]

    def clean_opened_on(self) -> date | None:
        value: date | None = self.cleaned_data.get("opened_on")
        not_future(value, _("A criminal case cannot be opened in the future."))
        return value


class PressureEventForm(CaseRowForm):
    kind = forms.ChoiceField(label=_("What happened"), choices=PRESSURE_KINDS)
    occurred_on = date_field(_("When"))
    note = text_area(
        _("Details"), help_text=_("Without names of relatives beyond what the claim needs.")
    )

    def clean_occurred_on(self) -> date | None:
        value: date | None = self.cleaned_data.get("occurred_on")
        not_future(value, _("This cannot have happened in the future."))
        return value


class PersonChoiceMixin(forms.Form):
    """Whose row it is: one of the case's people, by name."""

    person = forms.TypedChoiceField(label=_("Whose"), coerce=int, choices=())

    def __init__(
        self, *args: Any, people: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = people or []  # type: ignore[attr-defined]


class DocumentForm(PersonChoiceMixin, CaseRowForm):
    doc_type = forms.ChoiceField(label=_("Document"), choices=DOCUMENT_TYPES)
    state = forms.ChoiceField(label=_("State"), choices=DOCUMENT_STATES)
    expires_on = date_field(_("Expires on"), help_text=_("An alert comes before it expires."))
    note = text_field(_("Note"), help_text=_("No document numbers are needed."))


class StayForm(PersonChoiceMixin, CaseRowForm, DateRangeMixin):
    country = CountryField(label=_("Country"), transit_only=True, required=True)
    entered_on = date_field(_("Entered on"), required=True)
    left_on = date_field(_("Left on"))
    registered_until = date_field(
        _("Registered until"), help_text=_("Where a registration extends the stay.")
    )
    basis = text_field(_("Legal basis"), help_text=_("For example: visa-free entry."))
    note = text_field(_("Note"))
    date_range = ("entered_on", "left_on", _("The exit is dated before the entry."))

    def clean_entered_on(self) -> date | None:
        value: date | None = self.cleaned_data.get("entered_on")
        not_future(value, _("An entry cannot be in the future."))
        return value


class ProtectionTrackForm(CaseRowForm):
    destination = CountryField(label=_("Destination country"))
    route = forms.ChoiceField(label=_("Route"), choices=ROUTES, required=False)
    filed_on = date_field(_("Filed on"))
    next_appointment = date_field(_("Next appointment"))
    decision = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        choices=[
            ("", "—"),
            ("granted", _("Granted")),
            ("refused", _("Refused")),
            ("pending", _("Pending")),
        ],
    )
    decision_on = date_field(_("Decision on"))
    appeal_deadline = date_field(_("Appeal deadline"))
    note = text_area(_("Note"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("decision_on")
            and data.get("filed_on")
            and data["decision_on"] < data["filed_on"]
        ):
            self.add_error("decision_on", _("The decision is dated before the filing."))
        if (
            data.get("appeal_deadline")
            and data.get("decision_on")
            and (data["appeal_deadline"] < data["decision_on"])
        ):
            self.add_error("appeal_deadline", _("The appeal deadline is before the decision."))
        return data


class TaskForm(CaseRowForm):
    title = text_field(_("Task"), required=True)
    due_on = date_field(_("Due on"))
    assignee = forms.TypedChoiceField(label=_("For"), coerce=int, required=False, choices=())

    def __init__(
        self, *args: Any, assignees: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", "—"), *(assignees or [])]  # type: ignore[attr-defined]


class NoteForm(CaseRowForm):
    text = forms.CharField(
        label=_("Note"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 6})
    )
