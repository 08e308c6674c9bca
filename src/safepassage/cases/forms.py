"""Forms of the case itself (create, edit, stage, access, the case list's filters) and the field
helpers every case form uses; the forms of a case's rows are in `forms_rows.py`. Validation
refuses impossible dates, unknown countries and oversized text with a clear message."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from safepassage.cases import stages
from safepassage.cases.choices import CONTACT_CHANNELS, WANTED_CHOICES, YES_NO_UNKNOWN
from safepassage.cases.form_fields import CountryField
from safepassage.cases.forms_warnings import WarningsMixin
from safepassage.cases.models import AlertKind, CaseRole, CloseReason, Stage
from safepassage.cases.validators import not_future, retention_in_future

TEXT_MAX = 4000
NOTE_MAX = 20_000


def date_field(label: Any, required: bool = False, help_text: Any = "") -> forms.DateField:
    outside = _("Give a date between 1900 and 2100.")
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date", "min": "1900-01-01", "max": "2100-12-31"}),
        validators=[
            MinValueValidator(date(1900, 1, 1), outside),
            MaxValueValidator(date(2100, 12, 31), outside),
        ],
    )


def text_field(
    label: Any, required: bool = False, max_length: int = 200, help_text: Any = ""
) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, max_length=max_length, help_text=help_text
    )


def text_area(label: Any, max_length: int = TEXT_MAX, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=help_text,
    )


def lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class CaseCreateForm(WarningsMixin):
    unchecked_fields = ("contact_handle",)
    principal_name = text_field(
        _("His name"), required=True, help_text=_("As he writes it, in any script.")
    )
    country = CountryField(label=_("Country he is in now"))
    contact_channel = forms.ChoiceField(
        label=_("How we talk to him"), required=False, choices=CONTACT_CHANNELS
    )
    contact_handle = text_field(
        _("Handle"), help_text=_("His username or number on that channel. Kept encrypted.")
    )
    summary = text_area(_("Summary"))
    retention_date = date_field(
        _("Keep the case until"), help_text=_("Empty: the organisation's usual period.")
    )

    def clean_retention_date(self) -> date | None:
        value: date | None = self.cleaned_data.get("retention_date")
        return retention_in_future(value) if value else None


class CaseEditForm(WarningsMixin):
    unchecked_fields = ("contact_handle",)
    country = CountryField(label=_("Country he is in now"))
    contact_channel = forms.ChoiceField(
        label=_("How we talk to him"),
        required=False,
        choices=[("", "—"), *CONTACT_CHANNELS],
    )
    contact_handle = text_field(
        _("Handle"), help_text=_("His username or number on that channel. Kept encrypted.")
    )
    consent_given = forms.BooleanField(
        label=_("He consented to our keeping this case"), required=False
    )
    consent_purpose = text_field(_("Purpose he consented to"))
    summary = text_area(_("Summary"))
    left_on = date_field(_("Left the unit or Russia on"))
    manner_of_leaving = text_field(
        _("How he left"), help_text=_("In a few words; never routes, crossing points or helpers.")
    )
    wanted_level = forms.ChoiceField(label=_("Wanted"), choices=WANTED_CHOICES, required=False)
    travel_ban = forms.ChoiceField(label=_("Travel ban"), choices=YES_NO_UNKNOWN, required=False)
    passport_withdrawn = forms.ChoiceField(
        label=_("Foreign passport withdrawn"), choices=YES_NO_UNKNOWN, required=False
    )
    risk_detained = forms.BooleanField(label=_("Detained"), required=False)
    risk_deportation = forms.BooleanField(label=_("Deportation order"), required=False)
    risk_family = forms.BooleanField(label=_("Pressure on the family"), required=False)
    checkin_interval_days = forms.IntegerField(
        label=_("Welfare check-in interval (days)"),
        required=False,
        min_value=1,
        max_value=365,
        help_text=_("Agreed with him: an alert comes when a check-in is overdue. Empty: none."),
    )
    retention_date = date_field(_("Keep the case until"), required=True)

    RISKS = (
        ("detained", "risk_detained"),
        ("deportation_order", "risk_deportation"),
        ("family_pressure", "risk_family"),
    )
    SEALED = (
        "contact_channel",
        "contact_handle",
        "summary",
        "left_on",
        "manner_of_leaving",
        "wanted_level",
        "travel_ban",
        "passport_withdrawn",
    )

    def sealed_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **{name: data[name] for name in self.SEALED},
            "consent": {"given": data["consent_given"], "purpose": data["consent_purpose"]},
            "risk_flags": [flag for flag, name in self.RISKS if data[name]],
        }

    def settings(self) -> dict[str, Any]:
        """The case's plain settings, as `services.update_case` takes them."""
        data = self.cleaned_data
        return {
            "country": data["country"] or None,
            "checkin_interval_days": data["checkin_interval_days"],
            "retention_date": data["retention_date"],
        }

    @classmethod
    def initial_from(cls, stored: dict[str, Any], case: Any) -> dict[str, Any]:
        consent = stored.get("consent") or {}
        flags = set(stored.get("risk_flags") or [])
        return {
            **{name: stored.get(name) for name in cls.SEALED},
            "consent_given": consent.get("given", False),
            "consent_purpose": consent.get("purpose", ""),
            **{name: flag in flags for flag, name in cls.RISKS},
            "country": case.country_id or "",
            "checkin_interval_days": case.checkin_interval_days,
            "retention_date": case.retention_date,
        }

    def clean_left_on(self) -> date | None:
        value: date | None = self.cleaned_data.get("left_on")
        not_future(value, _("The date of leaving cannot be in the future."))
        return value

    def clean_retention_date(self) -> date | None:
        value: date | None = self.cleaned_data.get("retention_date")
        return retention_in_future(value) if value else None


class StageForm(forms.Form):
    target = forms.ChoiceField(label=_("Move to"), choices=Stage.choices)
    reason = forms.ChoiceField(
        label=_("Reason for closing"),
        required=False,
        choices=[("", "—"), *CloseReason.choices],
        help_text=_("Only when closing the case."),
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
