"""Forms of the public pages and of triage. Choices are codes; labels are translated."""

from __future__ import annotations

import unicodedata
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from safepassage.cases.forms import NOTE_MAX, CaseCreateForm
from safepassage.cases.forms_warnings import WarningsMixin
from safepassage.cases.models import Country

WHO = [
    ("self", _("I am writing about myself")),
    ("relative", _("I am a relative")),
    ("other", _("Someone else")),
]
SITUATION = [
    ("serving", _("Serving in the army")),
    ("mobilised", _("Mobilised")),
    ("contract", _("Under contract")),
    ("conscript", _("Conscript")),
    ("summons", _("Received a summons")),
    ("left", _("Has already left")),
]
URGENCY = [
    ("now", _("Urgent: in danger now")),
    ("days", _("Within days")),
    ("weeks", _("Can wait a few weeks")),
]
REPLY_VIA = [
    ("site", _("Through this site, with my codename (safest)")),
    ("signal", _("Signal")),
    ("other", _("Another messenger")),
]


def label_of(choices: list[tuple[str, Any]], code: str | None) -> Any:
    return dict(choices).get(code or "", code or "—")


def country_choices() -> list[tuple[str, Any]]:
    return [("", _("I would rather not say")), *Country.named()]


def message_text(value: object) -> str:
    """The message as written. Refused when it holds nothing visible (spaces and invisible
    characters only) or when part of it could not be read as text: the form decodes bytes that
    are not UTF-8 to U+FFFD, and a message with pieces missing is not one to keep."""
    text = str(value).strip()
    if "\ufffd" in text:
        raise forms.ValidationError(
            _("Part of the message could not be read. Type it again and send it from this page.")
        )
    if all(unicodedata.category(ch)[0] in "ZC" for ch in text):
        raise forms.ValidationError(_("Write a message: it cannot be empty."))
    return text


class PublicForm(forms.Form):
    """A form of the public pages. Each field's help and warning are described-by the field, each
    error is tied to its field, and the summary at the top links to every field in error."""

    # Fields whose help text is a safety warning, shown as one.
    warned: tuple[str, ...] = ()

    def error_summary(self) -> list[tuple[str, str, str]]:
        """(id of the element to go to, the field's label, the error), in the page's order."""
        listed = [("", "", str(error)) for error in self.non_field_errors()]
        for field in self:
            # A group of radio buttons is reached through its first button.
            target = f"{field.auto_id}_0" if field.field.widget.use_fieldset else field.auto_id
            listed += [(target, str(field.label), str(error)) for error in field.errors]
        return listed


def _text_field() -> forms.CharField:
    return forms.CharField(
        label=_("Your message"),
        help_text=_("What happened, what you need, by when. At most 10,000 characters."),
        max_length=settings.INTAKE_TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={
            "required": _("Write a message: it cannot be empty."),
            "max_length": _("The message is too long: at most %(limit_value)d characters."),
        },
    )


class SubmissionForm(PublicForm):
    warned = ("handle",)

    who = forms.ChoiceField(label=_("Who is writing"), choices=WHO, widget=forms.RadioSelect)
    situation = forms.ChoiceField(
        label=_("His situation"), choices=SITUATION, widget=forms.RadioSelect
    )
    country = forms.ChoiceField(label=_("Where he is now (country only)"), required=False)
    urgency = forms.ChoiceField(label=_("How urgent"), choices=URGENCY, widget=forms.RadioSelect)
    reply_via = forms.ChoiceField(
        label=_("How should we answer"),
        choices=REPLY_VIA,
        initial="site",
        widget=forms.RadioSelect,
    )
    handle = forms.CharField(
        label=_("Your Signal username or other contact (only if you chose it above)"),
        help_text=_(
            "a Signal username or other contact can identify you, and whoever holds your phone "
            "can read that messenger. Answering through this site with your codename is safer."
        ),
        required=False,
        max_length=settings.INTAKE_HANDLE_MAX_CHARS,
    )
    text = _text_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()  # type: ignore[attr-defined]

    def clean_text(self) -> str:
        return message_text(self.cleaned_data["text"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        handle = str(data.get("handle") or "").strip()
        if data.get("reply_via") in ("signal", "other") and not handle:
            self.add_error("handle", _("Give the contact we should use, or choose this site."))
        if data.get("reply_via") == "site":
            handle = ""  # never keep a contact the person did not ask us to use
        data["handle"] = handle
        return data


class CodenameForm(PublicForm):
    codename = forms.CharField(
        label=_("Your codename (seven words)"),
        help_text=_("Enter the seven words of your codename, in order, separated by spaces."),
        max_length=200,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
    # A message written in a session that ended before it was sent: given back on this page, and
    # put back in the thread's form once the codename is entered. Never stored.
    text = forms.CharField(
        label=_("Your message, not sent yet"),
        help_text=_(
            "Kept only on this page, not by us. Once you enter your codename it is put back in "
            "the form, ready to send."
        ),
        required=False,
        strip=False,  # given back exactly as he typed it
        max_length=settings.INTAKE_TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 10}),
    )


class FollowUpForm(PublicForm):
    text = _text_field()

    def clean_text(self) -> str:
        return message_text(self.cleaned_data["text"])


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Reply"),
        help_text=_(
            "The reply is sealed to the person's own key; only his codename opens it. Never ask "
            "for money or for a meeting, and never write routes or helpers' names."
        ),
        max_length=settings.INTAKE_TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class CaseFromIntakeForm(CaseCreateForm):
    """A new case, pre-filled with what the person gave; his text becomes the first note."""

    first_note = forms.CharField(
        label=_("First note (his message; remove what the case must not hold)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
    )


class AttachForm(WarningsMixin):
    reference = forms.ChoiceField(label=_("One of your cases"))
    note = forms.CharField(
        label=_("Note for the case (his messages; remove what the case must not hold)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
    )

    def __init__(self, *args: Any, references: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reference"].choices = references  # type: ignore[attr-defined]


class OutreachForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text (Markdown)"), max_length=50_000, widget=forms.Textarea(attrs={"rows": 24})
    )
