from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from safepassage.overlap.models import Mode
from safepassage.partners.models import Partner


class StartForm(forms.Form):
    partner = forms.ModelChoiceField(
        queryset=Partner.objects.none(),
        label=_("Partner"),
        help_text=_("Only partners whose fingerprint words were compared."),
    )
    mode = forms.ChoiceField(
        choices=Mode.choices,
        initial=Mode.COUNT,
        label=_("Who learns which cases match"),
        help_text=_("The partner's coordinator sees this and consents to it, or declines."),
    )

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["partner"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - declared just above
        field.queryset = Partner.objects.filter(
            organisation_id=organisation_id, verified_at__isnull=False, revoked_at__isnull=True
        )
