"""The period filter, and what a coordinator chooses for a release."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from safepassage.reports.figures import Period, PeriodError, default_period

MONTH_HELP = _("A month written YYYY-MM, for example 2025-01.")


class PeriodForm(forms.Form):
    first = forms.CharField(label=_("From month"), max_length=7, help_text=MONTH_HELP)
    last = forms.CharField(label=_("To month"), max_length=7, help_text=MONTH_HELP)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first", "last"):
            self.fields[name].widget.attrs.update(
                {"pattern": r"\d{4}-\d{2}", "inputmode": "numeric"}
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            period = Period.of_months(data["first"], data["last"])
            period.check()
        except PeriodError as exc:
            raise forms.ValidationError(str(exc)) from None
        data["period"] = period
        return data

    @classmethod
    def from_query(cls, query: Any) -> PeriodForm:
        """Bound to the query, or to the last twelve months when none is given."""
        if "first" in query or "last" in query:
            return cls(query)
        period = default_period()
        return cls({"first": period.start.strftime("%Y-%m"), "last": period.end.strftime("%Y-%m")})
