from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safepassage.cases.validators import not_future, retention_in_future
from safepassage.vetting.models import (
    ChecklistItem,
    ClaimStatus,
    ClaimTopic,
    Confidence,
    EvidenceKind,
    Outcome,
)

TEXT_MAX = 8000


def _date(label: Any, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=forms.DateInput(attrs={"type": "date"})
    )


def _area(label: Any, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def _not_future(value: date | None) -> date | None:
    return not_future(value, _("This date is in the future."))


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EvidenceKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = _area(_("Description"))
    source_address = forms.CharField(
        label=_("Where it was found (open-source findings)"), max_length=500, required=False
    )
    captured_on = _date(_("Captured or dated on"))
    retention_date = _date(_("Keep this item until"), required=True)
    file = forms.FileField(label=_("File (kept untouched, encrypted)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["retention_date"].initial = timezone.localdate() + timedelta(days=5 * 365)

    def clean_captured_on(self) -> date | None:
        return _not_future(self.cleaned_data.get("captured_on"))

    def clean_retention_date(self) -> date:
        return retention_in_future(self.cleaned_data["retention_date"])


class InterviewForm(forms.Form):
    held_on = _date(_("Held on"), required=True)
    notes = _area(_("Notes"))

    def clean_held_on(self) -> date | None:
        return _not_future(self.cleaned_data.get("held_on"))


class ClaimForm(forms.Form):
    topic = forms.ChoiceField(label=_("About"), choices=ClaimTopic.choices)
    subject = forms.CharField(label=_("Subject (a unit, a place, leaving)"), max_length=200)
    unit = forms.CharField(label=_("Unit"), max_length=200, required=False)
    role = forms.CharField(label=_("Role or rank"), max_length=200, required=False)
    region = forms.CharField(label=_("Region"), max_length=200, required=False)
    date_from = _date(_("From"))
    date_to = _date(_("Until"))
    present = forms.ChoiceField(
        label=_("Present there"),
        required=False,
        choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))],
    )
    status = forms.ChoiceField(label=_("Status"), choices=ClaimStatus.choices)
    evidence = forms.TypedMultipleChoiceField(
        label=_("Evidence"), coerce=int, required=False, choices=()
    )

    def __init__(
        self, *args: Any, evidence: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["evidence"].choices = evidence or []  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end is before the start."))
        return data

    def statement(self) -> dict[str, Any]:
        data = self.cleaned_data
        out = {k: data[k] for k in ("unit", "role", "region", "present") if data.get(k)}
        for k in ("date_from", "date_to"):
            if data.get(k):
                out[k] = data[k].isoformat()
        return out


class ChecklistForm(forms.Form):
    item = forms.ChoiceField(label=_("Question"), choices=ChecklistItem.choices)
    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=[
            ("no_concern", _("No concern")),
            ("concern", _("Concern")),
            ("unclear", _("Unclear")),
        ],
    )
    reasoning = _area(_("Reasoning"), required=True)


class DeclarationForm(forms.Form):
    has_conflict = forms.ChoiceField(
        label=_("Do you have a conflict of interest in this case?"),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        widget=forms.RadioSelect,
    )
    note = _area(_("If yes, what it is"))


class ConclusionForm(forms.Form):
    conclusion = forms.ChoiceField(label=_("Your conclusion"), choices=Outcome.choices)
    confidence = forms.ChoiceField(label=_("Confidence"), choices=Confidence.choices)
    reasoning = _area(_("Reasoning"), required=True)


class DecisionForm(forms.Form):
    rationale = _area(_("Rationale of the final decision"), required=True)


class AttestationForm(forms.Form):
    recipient = forms.CharField(
        label=_("Recipient"),
        max_length=200,
        help_text=_("The authority that will receive it, for example: Consulat général de France."),
    )
    document_language = forms.ChoiceField(
        label=_("Language of the recipient"),
        choices=[
            ("fr", _("French")),
            ("de", _("German")),
            ("en", _("English")),
            ("ru", _("Russian")),
        ],
        help_text=_("The attestation is written in this language, followed by English."),
    )
    include_name = forms.BooleanField(
        label=_("Include his name"),
        help_text=_(
            "Only when the recipient needs it. The spelling recorded from his passport is used; "
            "if none is recorded, the attestation says so."
        ),
        required=False,
    )
    valid_days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=730,
        initial=180,
        help_text=_("From 1 to 730 days."),
    )
    confirm_warnings = forms.BooleanField(
        label=_("I have read what the attestation will state, including what was not done."),
        required=False,
    )

    def __init__(self, *args: Any, warnings: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.warnings = warnings or []
        if not self.warnings:
            del self.fields["confirm_warnings"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.warnings and not data.get("confirm_warnings"):
            self.add_error(
                "confirm_warnings",
                _("Read the warnings above and confirm them: the attestation will state them."),
            )
        return data
