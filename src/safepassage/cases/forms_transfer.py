"""Forms of the import and export pages (kept apart from the case forms they do not share)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from safepassage.cases import importing, transfer

_REFERENCE = re.compile(r"^SP-[0-9A-Z]{4}-[0-9A-Z]{4}$")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (CSV in UTF-8, or XLSX)"),
        help_text=_("At most 5 MB and 5,000 rows. The first row must name the columns."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class MappingForm(forms.Form):
    """One choice per spreadsheet column: the case field it fills, or nothing."""

    partial = forms.BooleanField(
        required=False,
        label=_("Import only the rows without errors; the rows with errors are left out."),
    )
    confirm_warnings = forms.BooleanField(
        required=False,
        label=_("I have checked the warnings: this text is needed in the cases as it is."),
    )

    def __init__(self, *args: Any, headers: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(importing.IGNORE, _("— ignore this column —")), *importing.TARGETS.items()]
        self.columns = []
        for index, header in enumerate(headers):
            name = f"col_{index}"
            self.fields[name] = forms.ChoiceField(
                label=header or _("Column %(n)d") % {"n": index + 1},
                choices=choices,
                required=False,
            )
            self.columns.append(name)
        # The checkboxes come after the columns.
        self.order_fields([*self.columns, "partial", "confirm_warnings"])

    def mapping(self) -> dict[int, str]:
        return {
            int(name.removeprefix("col_")): self.cleaned_data[name]
            for name in self.columns
            if self.cleaned_data.get(name)
        }


class ReferencesField(forms.MultipleChoiceField):
    """Cases offered as checkboxes; any well-formed reference is passed on to the gate, which
    answers 404 for a case the staff member may not open."""

    def valid_value(self, value: Any) -> bool:
        return isinstance(value, str) and bool(_REFERENCE.match(value))


class PassphraseField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(strip=False, widget=forms.PasswordInput(), max_length=1024, **kwargs)


class ExportForm(forms.Form):
    cases = ReferencesField(
        label=_("Cases to export"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    passphrase = PassphraseField(
        label=_("Passphrase for the file"),
        min_length=transfer.PASSPHRASE_MIN,
        help_text=_(
            "At least 12 characters. Give it to the recipient by another channel than the file."
        ),
    )
    passphrase_again = PassphraseField(label=_("The passphrase again"))

    def __init__(self, *args: Any, cases: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cases"].choices = cases  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("passphrase") and data.get("passphrase") != data.get("passphrase_again"):
            self.add_error("passphrase_again", _("The two passphrases differ."))
        return data


class BundleForm(forms.Form):
    file = forms.FileField(label=_("Export file (.spbundle)"))
    passphrase = PassphraseField(label=_("Passphrase of the file"))
