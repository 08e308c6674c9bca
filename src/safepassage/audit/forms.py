from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Action starts with"), max_length=64, required=False)
    actor = forms.CharField(label=_("Staff email"), max_length=254, required=False)
    target_type = forms.CharField(label=_("Object type"), max_length=32, required=False)
    target_ref = forms.CharField(label=_("Object reference"), max_length=64, required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date is before the start date."))
        return data
