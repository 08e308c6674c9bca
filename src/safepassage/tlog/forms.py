"""What an operator types when naming a witness or a log to follow, checked before anything is
written (the command line uses these forms)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from safepassage.tlog.note import COSIGNATURE_V1, ED25519, NoteError, Verifier, parse_vkey


def _verifier(value: str, kind: int) -> Verifier:
    try:
        verifier = parse_vkey(value)
    except NoteError as exc:
        raise forms.ValidationError(str(exc)) from None
    if verifier.kind != kind:
        raise forms.ValidationError(
            _("A witness key has type 4 (cosignature/v1).")
            if kind == COSIGNATURE_V1
            else _("A log key has type 1 (Ed25519 note signature).")
        )
    return verifier


class WitnessForm(forms.Form):
    vkey = forms.CharField(
        label=_("Witness key"),
        max_length=300,
        help_text=_(
            "The witness's verifier key: name+key id+base64 key, as the witness prints it."
        ),
    )
    url = forms.URLField(
        label=_("Witness address"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Its submission prefix; requests go to <address>/add-checkpoint."),
    )

    def clean_vkey(self) -> str:
        return _verifier(self.cleaned_data["vkey"], COSIGNATURE_V1).vkey()


class FollowForm(forms.Form):
    vkey = forms.CharField(
        label=_("Log key"),
        max_length=300,
        help_text=_("The partner log's verifier key: origin+key id+base64 key."),
    )

    def clean_vkey(self) -> str:
        return _verifier(self.cleaned_data["vkey"], ED25519).vkey()


def errors_text(form: forms.Form) -> str:
    parts: list[str] = []
    for field, errors in form.errors.items():
        parts.extend(f"{field}: {error}" for error in errors)
    return "; ".join(parts)


__all__: list[Any] = ["FollowForm", "WitnessForm", "errors_text"]
