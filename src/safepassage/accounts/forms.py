from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from safepassage.accounts.models import Staff, Team
from safepassage.core.roles import Role


class SigninForm(forms.Form):
    email = forms.EmailField(label=_("Email"), max_length=254)
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=1024,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class TotpConfirmForm(forms.Form):
    code = forms.RegexField(
        label=_("Six-digit code shown by the app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Enter the six digits shown by your authenticator app.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ReauthForm(CodeForm):
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=1024,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["password", "code"]


class NewPasswordMixin(forms.Form):
    password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        max_length=1024,
        help_text=_("At least 12 characters; not a common password."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("New password again"),
        strip=False,
        max_length=1024,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def password_user(self) -> Staff | None:
        return None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                validate_password(first, self.password_user())
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class AcceptInvitationForm(NewPasswordMixin):
    display_name = forms.CharField(label=_("Your name as colleagues know you"), max_length=120)
    field_order = ["display_name", "password1", "password2"]


class ChangePasswordForm(NewPasswordMixin):
    def __init__(self, staff: Staff, *args: Any, **kwargs: Any) -> None:
        self.staff = staff
        super().__init__(*args, **kwargs)

    def password_user(self) -> Staff | None:
        return self.staff


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False)

    def __init__(self, organisation_id: int, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(  # type: ignore[attr-defined]
            organisation_id=organisation_id
        )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class RecoverForm(NewPasswordMixin):
    email = forms.EmailField(label=_("Email"), max_length=254)
    recovery_key = forms.CharField(
        label=_("Your recovery key (the words you were given when you joined)"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off", "spellcheck": "false"}),
    )
    code = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"), max_length=32
    )
    field_order = ["email", "recovery_key", "code", "password1", "password2"]
