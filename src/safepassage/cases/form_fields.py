"""Fields that take what people type: a country by its name in any language, a date as much as
it is known, a Latin spelling with the document it comes from."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safepassage.cases.models import Country

# The documents a Latin spelling of a name is read from.
SPELLING_DOCUMENTS = [
    ("foreign_passport", _("Foreign passport")),
    ("old_passport", _("Earlier passport")),
    ("visa", _("Visa")),
    ("other", _("Other document")),
]


class CountryInput(forms.TextInput):
    """A text box with the countries' names, in the reader's language, as suggestions: a
    `<datalist>`, which browsers offer without JavaScript."""

    template_name = "cases/widgets/country.html"

    def __init__(self, rows: QuerySet[Country] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rows = rows

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        list_id = f"{widget['attrs'].get('id') or name}-countries"
        widget["attrs"].update({"list": list_id, "autocomplete": "off"})
        widget["list_id"] = list_id
        widget["options"] = [label for _code, label in Country.named(self.rows)]
        return context


class CountryField(forms.CharField):
    """A country, typed by its name in any language or its ISO code; stored by its code."""

    def __init__(self, *, transit_only: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Type its name in any language, or choose it."))
        self.transit_only = transit_only
        super().__init__(max_length=80, widget=CountryInput(), **kwargs)

    def _rows(self) -> QuerySet[Country]:
        return Country.objects.filter(transit=True) if self.transit_only else Country.objects.all()

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        # Each form gets a fresh copy of its fields: the moment to read the editable list.
        copy = super().__deepcopy__(memo)  # type: ignore[misc]
        copy.widget.rows = copy._rows()
        return copy

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, str) and len(value) == 2 and value.isupper():
            country = self._rows().filter(code=value).first()
            if country is not None:
                return country.name
        return value

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        if not text:
            return ""
        country = Country.resolve(text, self._rows())
        if country is not None:
            return country.code
        if self.transit_only and Country.resolve(text) is not None:
            raise forms.ValidationError(
                _("%(text)s has no stay rule: stays are recorded in these countries: %(known)s."),
                params={
                    "text": text,
                    "known": ", ".join(name for _code, name in Country.named(self._rows())),
                },
            )
        raise forms.ValidationError(
            _("“%(text)s” is not a country on the list: type its name or choose it from the list."),
            params={"text": text},
        )


class PartialDateField(forms.RegexField):
    """A date as much as it is known: 1990, 1990-05 or 1990-05-17."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            regex=r"^\d{4}(-\d{2}(-\d{2})?)?$",
            required=False,
            help_text=_("As much as is known: 1990, 1990-05 or 1990-05-17."),
            error_messages={"invalid": _("Write the date as 1990, 1990-05 or 1990-05-17.")},
            **kwargs,
        )

    def clean(self, value: Any) -> Any:
        cleaned = super().clean(value)
        if not cleaned:
            return cleaned
        parts = [int(p) for p in cleaned.split("-")]
        try:
            full = date(
                parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1
            )
        except ValueError:
            raise forms.ValidationError(_("That date does not exist.")) from None
        if full > timezone.localdate() or parts[0] < 1900:
            raise forms.ValidationError(_("A birth date must be in the past."))
        return cleaned
