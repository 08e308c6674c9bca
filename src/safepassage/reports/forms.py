"""The period filter, and what a coordinator chooses for a release."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from safepassage.reports import labels
from safepassage.reports.figures import TABLE_KEYS, Period, PeriodError, default_period
from safepassage.reports.models import Method

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


class ReleaseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    first = forms.CharField(label=_("From month"), max_length=7, help_text=MONTH_HELP)
    last = forms.CharField(label=_("To month"), max_length=7, help_text=MONTH_HELP)
    tables = forms.MultipleChoiceField(
        label=_("Tables"), widget=forms.CheckboxSelectMultiple, choices=[]
    )
    method = forms.ChoiceField(label=_("Disclosure control"), choices=Method.choices)
    threshold = forms.IntegerField(
        label=_("Threshold"),
        min_value=2,
        max_value=100,
        initial=10,
        help_text=_("Cells below it are shown as “fewer than” it (threshold method)."),
    )
    rounding = forms.TypedChoiceField(
        label=_("Rounding"),
        coerce=int,
        initial=5,
        choices=[(1, _("none")), (5, "5"), (10, "10")],
    )
    epsilon = forms.CharField(
        label=_("Epsilon"),
        required=False,
        max_length=12,
        help_text=_("The privacy loss this release may spend (differential privacy), e.g. 0.5."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tables = self.fields["tables"]
        assert isinstance(tables, forms.MultipleChoiceField)  # noqa: S101 - declared just above
        tables.choices = [(key, labels.title(key)) for key in TABLE_KEYS]
