"""Forms for case data. Each section form lists the encrypted fields it edits; validation refuses
impossible dates, unknown articles and countries, and oversized text with a clear message."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safepassage.cases import stages
from safepassage.cases.forms_warnings import WarningsMixin
from safepassage.cases.models import (
    AlertKind,
    Article,
    CaseRole,
    CloseReason,
    Country,
    PersonKind,
    Stage,
)

TEXT_MAX = 4000
NOTE_MAX = 20_000
LIST_HELP = _("One per line.")

CATEGORY_CHOICES = [
    ("", "—"),
    ("conscript", _("Conscript")),
    ("mobilised", _("Mobilised")),
    ("contract", _("Contract soldier")),
    ("officer", _("Officer")),
    ("reservist", _("Reservist")),
    ("pmc", _("Private military company")),
]
WANTED_CHOICES = [
    ("", "—"),
    ("none", _("Not wanted")),
    ("federal", _("Federal")),
    ("interstate", _("Interstate (CIS)")),
    ("international", _("International")),
    ("unknown", _("Unknown")),
]
YES_NO_UNKNOWN = [("", "—"), ("yes", _("Yes")), ("no", _("No")), ("unknown", _("Unknown"))]
CRIMINAL_STATUS = [
    ("", "—"),
    ("suspected", _("Suspected")),
    ("opened", _("Case opened")),
    ("charged", _("Charged")),
    ("in_absentia", _("Tried in absentia")),
    ("convicted", _("Convicted")),
    ("closed", _("Closed")),
    ("unknown", _("Unknown")),
]
PRESSURE_KINDS = [
    ("search", _("Search of a home")),
    ("questioning", _("Questioning of relatives")),
    ("threat", _("Threats")),
    ("summons", _("Summons delivered to family")),
    ("other", _("Other")),
]
DOCUMENT_TYPES = [
    ("internal_passport", _("Internal passport")),
    ("foreign_passport", _("Foreign passport")),
    ("military_id", _("Military ID book")),
    ("officer_id", _("Officer's ID card")),
    ("summons", _("Summons")),
    ("court_papers", _("Court papers")),
    ("civil_status", _("Civil-status certificate")),
    ("other", _("Other")),
]
DOCUMENT_STATES = [
    ("held", _("Held")),
    ("lost", _("Lost")),
    ("seized", _("Seized or withdrawn")),
    ("expired", _("Expired")),
    ("with_authority", _("With an authority")),
]
ROUTES = [
    ("", "—"),
    ("asylum_visa", _("Visa for asylum")),
    ("humanitarian_visa", _("Humanitarian visa")),
    ("admission_programme", _("National admission programme")),
    ("asylum_on_arrival", _("Asylum on arrival")),
    ("resettlement", _("Resettlement")),
]
DOCUMENT_KINDS = [
    ("foreign_passport", _("Foreign passport")),
    ("old_passport", _("Old passport")),
    ("visa", _("Visa")),
    ("other", _("Other document")),
]


def _date(label: Any, required: bool = False) -> forms.DateField:
    outside = _("Give a date between 1900 and 2100.")
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date", "min": "1900-01-01", "max": "2100-12-31"}),
        validators=[
            MinValueValidator(date(1900, 1, 1), outside),
            MaxValueValidator(date(2100, 12, 31), outside),
        ],
    )


def _text(label: Any, required: bool = False, max_length: int = 200) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=max_length)


def _area(label: Any, max_length: int = TEXT_MAX) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=max_length, widget=forms.Textarea(attrs={"rows": 4})
    )


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


CONTACT_CHANNELS = [
    ("site", _("Through this site")),
    ("signal", _("Signal")),
    ("other", _("Other")),
]


class CountryField(forms.ChoiceField):
    """A country from the editable reference list, by ISO code."""

    def __init__(self, *args: Any, transit_only: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(*args, choices=(), **kwargs)
        self.transit_only = transit_only

    def _countries(self) -> list[tuple[str, str]]:
        rows = Country.objects.filter(transit=True) if self.transit_only else None
        return [("", "—"), *Country.named(rows)]

    # Each form gets a fresh copy of its fields: the moment to read the editable list.
    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        copy = super().__deepcopy__(memo)  # type: ignore[misc]
        copy.choices = self._countries()
        return copy


def _not_future(value: date | None, message: Any) -> None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(message)


class CaseCreateForm(WarningsMixin):
    unchecked_fields = ("contact_handle",)
    principal_name = _text(_("Name of the man seeking help, as he writes it"), required=True)
    country = CountryField(label=_("Where he is now"))
    contact_channel = forms.ChoiceField(
        label=_("How we talk to him"), required=False, choices=CONTACT_CHANNELS
    )
    contact_handle = _text(_("Handle on that channel (encrypted)"))
    summary = _area(_("Summary"))
    retention_date = _date(_("Keep the case until"))

    def clean_retention_date(self) -> date | None:
        value: date | None = self.cleaned_data.get("retention_date")
        if value and value <= timezone.localdate():
            raise forms.ValidationError(_("The retention date must be in the future."))
        return value


class CaseEditForm(WarningsMixin):
    unchecked_fields = ("contact_handle",)
    country = CountryField(label=_("Where he is now"))
    contact_channel = forms.ChoiceField(
        label=_("How we talk to him"),
        required=False,
        choices=[("", "—"), *CONTACT_CHANNELS],
    )
    contact_handle = _text(_("Handle on that channel (encrypted)"))
    consent_given = forms.BooleanField(
        label=_("He consented to our keeping this case"), required=False
    )
    consent_purpose = _text(_("Purpose he consented to"))
    summary = _area(_("Summary"))
    left_on = _date(_("Left the unit or Russia on"))
    manner_of_leaving = _text(_("How he left (no routes or helpers)"))
    wanted_level = forms.ChoiceField(label=_("Wanted"), choices=WANTED_CHOICES, required=False)
    travel_ban = forms.ChoiceField(label=_("Travel ban"), choices=YES_NO_UNKNOWN, required=False)
    passport_withdrawn = forms.ChoiceField(
        label=_("Foreign passport withdrawn"), choices=YES_NO_UNKNOWN, required=False
    )
    risk_detained = forms.BooleanField(label=_("Detained"), required=False)
    risk_deportation = forms.BooleanField(label=_("Deportation order"), required=False)
    risk_family = forms.BooleanField(label=_("Pressure on the family"), required=False)
    checkin_interval_days = forms.IntegerField(
        label=_("Welfare check-in every … days"), required=False, min_value=1, max_value=365
    )
    retention_date = _date(_("Keep the case until"), required=True)

    def clean_left_on(self) -> date | None:
        value: date | None = self.cleaned_data.get("left_on")
        _not_future(value, _("The date of leaving cannot be in the future."))
        return value

    def clean_retention_date(self) -> date | None:
        value: date | None = self.cleaned_data.get("retention_date")
        if value and value <= timezone.localdate():
            raise forms.ValidationError(_("The retention date must be in the future."))
        return value


class PartialDateField(forms.RegexField):
    """A date as much as it is known: 1990, 1990-05 or 1990-05-17."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            regex=r"^\d{4}(-\d{2}(-\d{2})?)?$",
            required=False,
            help_text=_("YYYY, YYYY-MM or YYYY-MM-DD"),
            error_messages={"invalid": _("Write the date as 1990, 1990-05 or 1990-05-17.")},
            **kwargs,
        )

    def clean(self, value: Any) -> Any:
        cleaned = super().clean(value)
        if not cleaned:
            return cleaned
        parts = [int(p) for p in cleaned.split("-")]
        try:
            full = date(
                parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1
            )
        except ValueError:
            raise forms.ValidationError(_("That date does not exist.")) from None
        if full > timezone.localdate() or parts[0] < 1900:
            raise forms.ValidationError(_("A birth date must be in the past."))
        return cleaned


class PersonForm(WarningsMixin):
    kind = forms.ChoiceField(label=_("Who"), choices=PersonKind.choices)
    name_cyrillic = _text(_("Name in Cyrillic"), required=True)
    latin_spellings = _area(_("Latin spellings, one per line: spelling | document"), 2000)
    aliases = _area(_("Other names he is known by"), 2000)
    birth_date = PartialDateField(label=_("Date of birth"))
    citizenships = _text(_("Citizenships (country codes, comma separated)"))
    languages = _text(_("Languages"))
    confidential = _area(_("Confidential part (not shown in documents or to the others)"))

    plain_fields = ("kind",)

    def clean_latin_spellings(self) -> list[dict[str, str]]:
        spellings = []
        kinds = {k for k, _label in DOCUMENT_KINDS}
        for n, line in enumerate(_lines(self.cleaned_data.get("latin_spellings", "")), 1):
            spelling, _sep, document = (p.strip() for p in line.partition("|"))
            if document and document not in kinds:
                raise forms.ValidationError(
                    _("Line %(n)d: the document must be one of %(kinds)s."),
                    params={"n": n, "kinds": ", ".join(sorted(kinds))},
                )
            spellings.append({"spelling": spelling, "document": document or "other"})
        return spellings

    def clean_aliases(self) -> list[str]:
        return _lines(self.cleaned_data.get("aliases", ""))

    def clean_citizenships(self) -> list[str]:
        codes = [
            c.strip().upper()
            for c in self.cleaned_data.get("citizenships", "").split(",")
            if c.strip()
        ]
        unknown = [c for c in codes if not Country.objects.filter(code=c).exists()]
        if unknown:
            raise forms.ValidationError(
                _("Unknown country code: %(codes)s."), params={"codes": ", ".join(unknown)}
            )
        return codes

    def clean_languages(self) -> list[str]:
        return [p.strip() for p in self.cleaned_data.get("languages", "").split(",") if p.strip()]

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


class ServicePeriodForm(WarningsMixin, DateRangeMixin):
    category = forms.ChoiceField(label=_("Category"), choices=CATEGORY_CHOICES, required=False)
    unit_name = _text(_("Unit name"))
    unit_number = forms.RegexField(
        label=_("Unit number (в/ч)"),
        regex=r"^\d{4,6}$",
        required=False,
        error_messages={"invalid": _("A unit number has 4 to 6 digits.")},
    )
    rank = _text(_("Rank"))
    speciality = _text(_("Role or speciality"))
    region = _text(_("Region (never a precise place)"))
    started_on = _date(_("From"))
    ended_on = _date(_("Until"))
    date_range = ("started_on", "ended_on", _("The end of service is before its start."))

    def clean_ended_on(self) -> date | None:
        value: date | None = self.cleaned_data.get("ended_on")
        _not_future(value, _("The end of service cannot be in the future."))
        return value


class CriminalCaseForm(WarningsMixin):
    article = forms.ChoiceField(label=_("Article"), choices=())
    part = forms.RegexField(
        label=_("Part"),
        regex=r"^\d{0,2}(\.\d)?$",
        required=False,
        error_messages={"invalid": _("A part is a number such as 2 or 2.1.")},
    )
    status = forms.ChoiceField(label=_("Status"), choices=CRIMINAL_STATUS, required=False)
    opened_on = _date(_("Opened on"))
    source = _text(_("Source of the information"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = [  # type: ignore[attr-defined]
            (a.number, f"{a.number} — {a.title_en}") for a in Article.objects.all()
        ]

    def clean_opened_on(self) -> date | None:
        value: date | None = self.cleaned_data.get("opened_on")
        _not_future(value, _("A criminal case cannot be opened in the future."))
        return value


class PressureEventForm(WarningsMixin):
    kind = forms.ChoiceField(label=_("What happened"), choices=PRESSURE_KINDS)
    occurred_on = _date(_("When"))
    note = _area(_("What happened, without names of relatives beyond what the claim needs"))

    def clean_occurred_on(self) -> date | None:
        value: date | None = self.cleaned_data.get("occurred_on")
        _not_future(value, _("This cannot have happened in the future."))
        return value


class DocumentForm(WarningsMixin):
    doc_type = forms.ChoiceField(label=_("Document"), choices=DOCUMENT_TYPES)
    state = forms.ChoiceField(label=_("State"), choices=DOCUMENT_STATES)
    expires_on = _date(_("Expires on"))
    note = _text(_("Note (no document numbers needed)"))


class StayForm(WarningsMixin, DateRangeMixin):
    country = CountryField(label=_("Country"), transit_only=True, required=True)
    entered_on = _date(_("Entered on"), required=True)
    left_on = _date(_("Left on"))
    registered_until = _date(_("Registered until"))
    basis = _text(_("Legal basis"))
    note = _text(_("Note"))
    date_range = ("entered_on", "left_on", _("The exit is dated before the entry."))

    def clean_entered_on(self) -> date | None:
        value: date | None = self.cleaned_data.get("entered_on")
        _not_future(value, _("An entry cannot be in the future."))
        return value


class ProtectionTrackForm(WarningsMixin):
    destination = CountryField(label=_("Destination country"))
    route = forms.ChoiceField(label=_("Route"), choices=ROUTES, required=False)
    filed_on = _date(_("Filed on"))
    next_appointment = _date(_("Next appointment"))
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
    decision_on = _date(_("Decision on"))
    appeal_deadline = _date(_("Appeal deadline"))
    note = _area(_("Note"))

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


class TaskForm(WarningsMixin):
    title = _text(_("Task"), required=True)
    due_on = _date(_("Due on"))
    assignee = forms.TypedChoiceField(label=_("For"), coerce=int, required=False, choices=())

    plain_fields = ("assignee",)

    def __init__(
        self, *args: Any, assignees: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", "—"), *(assignees or [])]  # type: ignore[attr-defined]


class NoteForm(WarningsMixin):
    text = forms.CharField(
        label=_("Note"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 6})
    )


class StageForm(forms.Form):
    target = forms.ChoiceField(label=_("Move to"), choices=Stage.choices)
    reason = forms.ChoiceField(
        label=_("Reason (when closing)"), required=False, choices=[("", "—"), *CloseReason.choices]
    )
    why = forms.CharField(
        label=_("Why"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        *args: Any,
        current: str = stages.FIRST_CONTACT,
        resume_to: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        allowed = stages.allowed_targets(current, resume_to)
        self.fields["target"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in Stage.choices if value in allowed
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("target") == stages.CLOSED and not data.get("reason"):
            self.add_error("reason", _("Choose why the case is closed."))
        elif data.get("reason") and data.get("target") != stages.CLOSED:
            self.add_error("reason", _("A reason is chosen only when closing the case."))
        return data


class AssignForm(forms.Form):
    staff = forms.TypedChoiceField(label=_("Staff member"), coerce=int, choices=())
    # No default: a silently preselected role (the first, coordinator) is how mistakes happen.
    role = forms.ChoiceField(label=_("Role on this case"), choices=[("", "—"), *CaseRole.choices])

    def __init__(
        self, *args: Any, candidates: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"].choices = candidates or []  # type: ignore[attr-defined]


class UnassignForm(forms.Form):
    rotate = forms.BooleanField(
        label=_("Also replace the case key (re-encrypts the case; use when trust is lost)"),
        required=False,
    )


class CaseFilterForm(forms.Form):
    reference = forms.CharField(label=_("Reference"), required=False, max_length=16)
    name = forms.CharField(
        label=_("Name (searched in your cases only)"), required=False, max_length=100
    )
    stage = forms.ChoiceField(label=_("Stage"), required=False, choices=[("", "—"), *Stage.choices])
    country = CountryField(label=_("Country"))
    alert = forms.ChoiceField(
        label=_("Alert"),
        required=False,
        choices=[("", "—"), ("any", _("Any alert")), *AlertKind.choices],
    )
    assignee = forms.TypedChoiceField(
        label=_("Assigned to"), coerce=int, required=False, choices=()
    )

    def __init__(
        self, *args: Any, assignees: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", "—"), *(assignees or [])]  # type: ignore[attr-defined]
