from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from safepassage.screening import engine
from safepassage.screening.models import Review


class QuickScreenForm(forms.Form):
    name = forms.CharField(label=_("Name, in any script or spelling"), max_length=200)
    born = forms.RegexField(
        label=_("Birth date (optional)"),
        required=False,
        regex=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        error_messages={"invalid": _("Write 1990, 1990-05 or 1990-05-17.")},
    )
    unit = forms.CharField(
        label=_("Unit number or name (optional)"), max_length=120, required=False
    )

    def clean_born(self) -> str:
        born: str = self.cleaned_data["born"]
        if born:
            try:
                engine.parse_date(born)
            except engine.DateError:
                raise forms.ValidationError(
                    _("No such date: check the month and the day.")
                ) from None
        return born


class ListUploadForm(forms.Form):
    name = forms.CharField(label=_("Name of the list"), max_length=120)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[
            ("", _("Detect")),
            ("ftm", _("OpenSanctions (FollowTheMoney JSON lines)")),
            ("csv", _("CSV list")),
            ("incidents", _("Incident records (CSV or JSON)")),
        ],
        required=False,
    )
    file = forms.FileField(label=_("File"))
    accept_errors = forms.BooleanField(
        label=_("Import the good lines even if some are bad (each bad line is listed)"),
        required=False,
    )
    sample = forms.BooleanField(
        label=_("Sample or invented data (screening against it is reported as not real)"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Its own ids: the quick check on the same page also has a "name" field.
        kwargs.setdefault("auto_id", "id_list_%s")
        super().__init__(*args, **kwargs)


class ReviewForm(forms.Form):
    verdict = forms.ChoiceField(label=_("Review"), choices=Review.choices)
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
