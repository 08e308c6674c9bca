"""The confirmation that opens an original, and a case file's upload."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from safepassage.vault.strip import accepted


def accepted_kinds() -> str:
    return accepted(frozenset(settings.VAULT_ALLOWED_TYPES))


class ConfirmOriginalForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I understand that the original may carry a program or a link that attacks the "
            "computer that opens it, and I will open it only on a device kept for that."
        ),
        error_messages={"required": _("Tick the box to confirm that you understand the risk.")},
    )


class CaseFileForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "Location and camera data are removed from JPEG and PNG photos and from PDF files "
            "before they are stored."
        ),
    )
