"""Forms of the dossier pages: authorities and their rules, stay rules, the builder, the
submission and what happened to it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from safepassage.cases.forms import date_field, text_area, text_field
from safepassage.cases.models import AlertKind
from safepassage.dossiers import building, content
from safepassage.dossiers.models import Event

LANGUAGE_CHOICES = [("fr", "Français"), ("de", "Deutsch"), ("en", "English"), ("ru", "Русский")]


class AuthorityForm(forms.Form):
    name = text_field(_("Name"), required=True)
    country = forms.CharField(
        label=_("Country (ISO code)"), required=False, max_length=2, help_text=_("Empty for UNHCR.")
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages of its documents (the first is the dossier's)"),
        choices=LANGUAGE_CHOICES[:3],
        widget=forms.CheckboxSelectMultiple,
    )
    after_arrival = forms.BooleanField(label=_("Only after arrival"), required=False)
    parts = forms.MultipleChoiceField(
        label=_("Parts it expects"),
        choices=[(p, p) for p in content.PARTS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    may_include = forms.MultipleChoiceField(
        label=_("Fields that may be offered with a tick"),
        choices=list(content.TICKS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    source = text_field(_("Source"), max_length=300)
    last_checked = date_field(_("Last checked"))
    notes = text_area(_("Notes"))
    active = forms.BooleanField(label=_("In use"), required=False)

    def clean_country(self) -> str:
        value: str = self.cleaned_data["country"].strip().upper()
        if value and not (len(value) == 2 and value.isalpha()):
            raise forms.ValidationError(_("Give a two-letter country code, such as FR."))
        return value


class RuleForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    label = text_field(_("What must be done, or what silence means"), required=True)
    trigger = forms.ChoiceField(label=_("Counted from"), choices=Event.choices)
    days = forms.IntegerField(label=_("Days"), min_value=0, max_value=3660, initial=0)
    months = forms.IntegerField(label=_("Months"), min_value=0, max_value=120, initial=0)
    yields = forms.ChoiceField(
        label=_("When it passes in silence, it counts as"),
        choices=[("", "—"), *Event.choices],
        required=False,
    )
    alert = forms.ChoiceField(label=_("Alert on Today as"), choices=AlertKind.choices)
    source = text_field(_("Source"), required=True, max_length=300)
    last_checked = date_field(_("Last checked"), required=True)
    notes = text_area(_("Notes"))


class TemplateForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    text = forms.CharField(
        label=_("Cover letter (Markdown)"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20_000,
        help_text=_("{reference}, {organisation} and {authority} are filled in. No HTML."),
    )


class StayRuleForm(forms.Form):
    max_days_per_entry = forms.IntegerField(label=_("Days per entry"), min_value=1, required=False)
    window_days = forms.IntegerField(label=_("Rolling window (days)"), min_value=1, required=False)
    max_days_in_window = forms.IntegerField(
        label=_("Days allowed in the window"), min_value=1, required=False
    )
    registration_extends = forms.BooleanField(
        label=_("With a registration, the stay lasts until it ends."), required=False
    )
    entry_document = text_field(_("Entry document"), max_length=120)
    source = text_field(_("Source"), max_length=300)
    notes = text_area(_("Notes"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        window, allowed = data.get("window_days"), data.get("max_days_in_window")
        if bool(window) != bool(allowed):
            self.add_error("max_days_in_window", _("Give both the window and the days in it."))
        elif window and allowed and allowed > window:
            self.add_error("max_days_in_window", _("More days than the window holds."))
        return data


class BuildForm(forms.Form):
    authority = forms.ChoiceField(label=_("Authority"))
    people = forms.MultipleChoiceField(
        label=_("Family members included"), widget=forms.CheckboxSelectMultiple
    )
    ticks = forms.MultipleChoiceField(
        label=_("Also include (each needs a tick)"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    annexes = forms.MultipleChoiceField(
        label=_("Annexes"),
        help_text=_("Files of the case and vetting evidence you hold, embedded in the PDF."),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    copy = forms.ChoiceField(
        label=_("Whose copy"),
        choices=[
            (building.COPIES[0], _("The authority's (in its language)")),
            (building.COPIES[1], _("His own copy (in Russian)")),
        ],
    )

    def __init__(
        self,
        *args: Any,
        authorities: list[tuple[str, str]],
        people: list[tuple[int, str]],
        annexes: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authority"].choices = authorities  # type: ignore[attr-defined]
        self.fields["people"].choices = people  # type: ignore[attr-defined]
        self.fields["annexes"].choices = annexes  # type: ignore[attr-defined]
        if not annexes:
            self.fields["annexes"].help_text = _(
                "This case has no file to attach yet: add one on the case page first."
            )
        self.fields["ticks"].choices = list(content.TICKS.items())  # type: ignore[attr-defined]


class SubmissionForm(forms.Form):
    person = forms.ChoiceField(label=_("Family member"))
    authority = forms.ChoiceField(label=_("Sent to"))
    channel = text_field(
        _("Channel"),
        required=True,
        max_length=120,
        help_text=_("For example: the consulate in Almaty, by hand."),
    )
    sent_on = date_field(_("Date sent"), required=True)
    reference = text_field(_("The authority's reference"), max_length=80)
    dossier = forms.ChoiceField(label=_("Dossier sent"), required=False)

    def __init__(
        self,
        *args: Any,
        people: list[tuple[int, str]],
        authorities: list[tuple[str, str]],
        dossiers: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = people  # type: ignore[attr-defined]
        self.fields["authority"].choices = authorities  # type: ignore[attr-defined]
        self.fields["dossier"].choices = [("", "—"), *dossiers]  # type: ignore[attr-defined]


class EventForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What happened"), choices=[c for c in Event.choices if c[0] != Event.SUBMITTED]
    )
    happened_on = date_field(
        _("On"), required=True, help_text=_("For a decision: the day it was notified.")
    )
    reference = text_field(_("The authority's reference"), max_length=80)
    due_on = date_field(_("Deadline the authority gave"))
    visa_type = text_field(_("Visa type"), max_length=80)
    valid_until = date_field(_("Valid until"))
    reason = text_field(_("Reason given"))
