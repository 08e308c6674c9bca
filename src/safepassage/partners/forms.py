"""Forms of the partner pages: cards, fingerprint words, consent, the scope of a hand-over."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from safepassage.cases.models import CaseRole
from safepassage.partners import scope as scopes
from safepassage.partners.services import CONSENT_WAYS, REVOKE_REASONS


class CardForm(forms.Form):
    card = forms.FileField(
        label=_("Their partner card (.json file)"),
        required=False,
        help_text=_(
            "The file they exported with “Download our card” or `safepassage partners card`."
        ),
    )
    text = forms.CharField(
        label=_("Or paste the card's text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=16 * 1024,
    )


class WordsForm(forms.Form):
    words = forms.CharField(
        label=_("The ten words they read to you"),
        help_text=_(
            "Call them, or meet them, on a channel other than the one that carried the card; "
            "ask them to read the words their own partner page shows, and type what you hear."
        ),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class RevokeForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why"), choices=list(REVOKE_REASONS.items()))


class InboxForm(forms.Form):
    inbox = forms.CharField(
        label=_("Our inbox address"),
        required=False,
        max_length=300,
        help_text=_(
            "https://…/partners/inbox/ on this server, if partners can reach it; leave empty "
            "if partners send files. Our card carries it: download the card again after a change."
        ),
    )


class ReceiveForm(forms.Form):
    file = forms.FileField(
        label=_("A file from a partner (.age)"),
        help_text=_("A hand-over bundle, an update or a receipt. Nothing is imported yet."),
    )


def _sections() -> list[tuple[str, str]]:
    return [(code, f"{s.label} — {s.help}") for code, s in scopes.SECTIONS.items()]


class ConsentForm(forms.Form):
    partner = forms.TypedChoiceField(label=_("Partner"), coerce=int, choices=())
    sections = forms.MultipleChoiceField(
        label=_("What he agreed to share with them"),
        widget=forms.CheckboxSelectMultiple,
        choices=(),
        help_text=_("Identity always goes with a hand-over."),
    )
    how = forms.ChoiceField(label=_("How he gave it"), choices=list(CONSENT_WAYS.items()))

    def __init__(self, *args: Any, partners: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = partners  # type: ignore[attr-defined]
        self.fields["sections"].choices = _sections()  # type: ignore[attr-defined]


class SendForm(forms.Form):
    partner = forms.TypedChoiceField(label=_("Partner"), coerce=int, choices=())
    sections = forms.MultipleChoiceField(
        label=_("What goes"),
        widget=forms.CheckboxSelectMultiple,
        choices=(),
        help_text=_("Only what his recorded consent to this partner covers can go."),
    )
    people = forms.TypedMultipleChoiceField(
        label=_("Family members who go with him"),
        widget=forms.CheckboxSelectMultiple,
        coerce=int,
        choices=(),
        required=False,
        help_text=_("The man himself always goes; the others only when ticked."),
    )
    chosen_files = forms.MultipleChoiceField(
        label=_("Files (with “Chosen files”)"),
        widget=forms.CheckboxSelectMultiple,
        choices=(),
        required=False,
    )
    via = forms.ChoiceField(
        label=_("How"),
        choices=[
            ("file", _("Download an encrypted file to send them")),
            ("https", _("Deliver now to their inbox over HTTPS")),
        ],
        widget=forms.RadioSelect,
        initial="file",
    )
    update_of = forms.ChoiceField(
        label=_("New hand-over or update"),
        required=False,
        choices=(),
        help_text=_("An update goes with the first bundle's id, and they see what changed."),
    )

    def __init__(
        self,
        *args: Any,
        partners: list[tuple[int, str]],
        people: list[tuple[int, str]],
        files: list[tuple[str, str]],
        links: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = partners  # type: ignore[attr-defined]
        self.fields["sections"].choices = _sections()  # type: ignore[attr-defined]
        self.fields["people"].choices = people  # type: ignore[attr-defined]
        self.fields["chosen_files"].choices = files  # type: ignore[attr-defined]
        self.fields["update_of"].choices = [("", _("A new hand-over")), *links]  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    staff = forms.TypedMultipleChoiceField(
        label=_("Also give the new case to"),
        coerce=int,
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("You and every coordinator hold it anyway."),
    )
    role = forms.ChoiceField(
        label=_("Their role on the case"),
        choices=[(k, v) for k, v in CaseRole.choices if k != CaseRole.COORDINATOR],
        initial=CaseRole.CASEWORKER,
    )

    def __init__(self, *args: Any, staff: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"].choices = staff  # type: ignore[attr-defined]
