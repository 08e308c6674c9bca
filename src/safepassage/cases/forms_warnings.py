"""The "must not hold" check on forms: free text is looked at before anything is saved, and the
staff member corrects it or confirms, field by field, in their language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from safepassage.cases import hygiene

# What each kind of "must not hold" finding is called on the page.
WARNING_LABELS = {
    hygiene.COORDINATES: _("Coordinates"),
    hygiene.ADDRESS: _("Street address"),
    hygiene.PHONE: _("Phone number"),
    hygiene.CARD: _("Card number"),
    hygiene.ROUTE: _("Route or crossing point"),
    hygiene.HELPER: _("Helper's name"),
}


class _Unconfirmed(forms.HiddenInput):
    """The confirmation box before there is anything to confirm: never carries a "yes" forward
    into a page where the warnings are not shown."""

    def format_value(self, value: Any) -> str | None:
        return None


@dataclass(frozen=True)
class ShownWarning:
    label: str  # the kind of finding
    field: str  # the label of the field it is in
    excerpt: str


class WarningsMixin(forms.Form):
    """Free text is checked for what a case must not hold before anything is saved. The box to
    confirm appears only once there is something to confirm."""

    # Fields meant to hold what the check looks for (the contact handle is a phone number or a
    # username on purpose).
    unchecked_fields: tuple[str, ...] = ()

    confirm_warnings = forms.BooleanField(
        required=False,
        label=_("I have checked: this text is needed in the case as it is."),
        widget=_Unconfirmed,
    )

    def text_to_check(self) -> dict[str, str]:
        return {
            k: v
            for k, v in self.cleaned_data.items()
            if isinstance(v, str) and k not in self.unchecked_fields
        }

    def warnings(self) -> list[hygiene.Finding]:
        found: dict[str, hygiene.Finding] = {}
        for value in self.text_to_check().values():
            for finding in hygiene.findings(value):
                found.setdefault(finding.kind, finding)
        return list(found.values())

    def shown_warnings(self) -> list[ShownWarning]:
        """What the page lists, field by field; also shows the box to confirm them."""
        if not (self.is_bound and self.is_valid() and self.needs_confirmation()):
            return []
        # The box names what it confirms: the warnings above it (cases/_warnings.html).
        self.fields["confirm_warnings"].widget = forms.CheckboxInput(
            attrs={"aria-describedby": "must-not-hold"}
        )
        shown: list[ShownWarning] = []
        for name, value in self.text_to_check().items():
            field = self.fields.get(name)
            for finding in hygiene.findings(value):
                shown.append(
                    ShownWarning(
                        str(WARNING_LABELS.get(finding.kind, finding.kind)),
                        str(field.label if field is not None else name),
                        finding.excerpt,
                    )
                )
        return shown

    def confirmed_kinds(self) -> list[str]:
        return (
            [f.kind for f in self.warnings()] if self.cleaned_data.get("confirm_warnings") else []
        )

    def needs_confirmation(self) -> bool:
        return bool(self.warnings()) and not self.cleaned_data.get("confirm_warnings")
