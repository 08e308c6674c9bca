"""Sign-in, second factor, enrolment, re-authentication, invitations and one's own account."""

from __future__ import annotations

from base64 import b32encode
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.core.exceptions import ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from safepassage.accounts import passkeys, services, throttle
from safepassage.accounts.decorators import fresh_auth_required, staff_of
from safepassage.accounts.forms import (
    AcceptInvitationForm,
    ChangePasswordForm,
    CodeForm,
    ReauthForm,
    RecoverForm,
    SigninForm,
    TotpConfirmForm,
)
from safepassage.accounts.middleware import mark_fresh, mark_signed_in
from safepassage.accounts.models import Invitation, Passkey, RecoveryCodes
from safepassage.core.access import is_verified, public, signin_step
from safepassage.vault import session as vault_session

ENROL_DEVICE = "enrol_device"
NEXT = "signin_next"


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("core:home")


def _finish_signin(request: HttpRequest, device: Any) -> HttpResponse:
    otp_login(request, device)
    request.session.cycle_key()
    mark_fresh(request)
    return HttpResponseRedirect(_safe_next(request, request.session.pop(NEXT, None)))


def qr_svg(data: str) -> str:
    """An inline SVG QR code (no script, no style attribute, nothing fetched)."""
    svg: str = segno.make(data, error="m").svg_inline(scale=4, dark="#111", light="#fff")
    return svg


@public
@require_http_methods(["GET", "HEAD", "POST"])
def signin(request: HttpRequest) -> HttpResponse:
    if is_verified(request.user):
        return redirect("core:home")
    form = SigninForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        result = services.check_password(form.cleaned_data["email"], form.cleaned_data["password"])
        if result.staff is not None:
            next_url = request.GET.get("next")
            private = services.unlock_staff_key(result.staff, form.cleaned_data["password"])
            login(request, result.staff, backend="django.contrib.auth.backends.ModelBackend")
            mark_signed_in(request)
            if private is not None:
                vault_session.remember(request, result.staff.pk, private)
            if next_url:
                request.session[NEXT] = next_url
            if services.has_second_factor(result.staff):
                return redirect("accounts:second_factor")
            return redirect("accounts:enrol")
        error = result.error
    ended = bool(request.GET.get("next")) and not request.user.is_authenticated
    return render(request, "accounts/signin.html", {"form": form, "error": error, "ended": ended})


@signin_step
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    staff = staff_of(request)
    if is_verified(request.user):
        return redirect("core:home")
    if not services.has_second_factor(staff):
        return redirect("accounts:enrol")
    form = CodeForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        result = services.check_second_factor(staff, form.cleaned_data["code"])
        if result.device is not None:
            return _finish_signin(request, result.device)
        error = result.error
    has_passkey = Passkey.objects.filter(user=staff, confirmed=True).exists()
    return render(
        request,
        "accounts/second_factor.html",
        {"form": form, "error": error, "has_passkey": has_passkey},
    )


@signin_step
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """First sign-in: set up an authenticator app; recovery codes are shown once at the end."""
    staff = staff_of(request)
    if services.has_second_factor(staff):
        return redirect("accounts:second_factor")
    device = TOTPDevice.objects.filter(
        pk=request.session.get(ENROL_DEVICE), user=staff, confirmed=False
    ).first()
    if device is None:
        device = services.start_totp_enrolment(staff)
        request.session[ENROL_DEVICE] = device.pk
    form = TotpConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.confirm_totp(staff, device, form.cleaned_data["code"])
        if codes is not None:
            request.session.pop(ENROL_DEVICE, None)
            otp_login(request, device)
            request.session.cycle_key()
            mark_fresh(request)
            services.complete_signin(staff, "totp_enrolment")
            return render(request, "accounts/recovery_codes.html", {"codes": codes})
        form.add_error("code", _("That code does not match. Check the app and the phone's clock."))
    uri = device.config_url
    secret_text = b32encode(device.bin_key).decode("ascii")
    return render(
        request,
        "accounts/enrol.html",
        {
            "form": form,
            "qr": mark_safe(qr_svg(uri)),  # noqa: S308 - SVG generated by segno from our own URI
            "secret": " ".join(secret_text[i : i + 4] for i in range(0, len(secret_text), 4)),
        },
    )


@signin_step
@require_POST
def signout(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:signin")


@require_POST
def signout_everywhere(request: HttpRequest) -> HttpResponse:
    services.sign_out_everywhere(staff_of(request))
    logout(request)
    return redirect("accounts:signin")


@require_http_methods(["GET", "POST"])
def reauth(request: HttpRequest) -> HttpResponse:
    """Confirm password and second factor again before a dangerous action."""
    staff = staff_of(request)
    form = ReauthForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        checked = services.check_password(staff.email, form.cleaned_data["password"])
        if checked.staff is None:
            error = checked.error
        else:
            result = services.check_second_factor(staff, form.cleaned_data["code"])
            if result.device is not None:
                mark_fresh(request)
                return HttpResponseRedirect(_safe_next(request, request.GET.get("next")))
            error = result.error
    return render(request, "accounts/reauth.html", {"form": form, "error": error})


@public
@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = Invitation.find(token)
    if invitation is None or not invitation.is_usable():
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            staff, key = services.accept_invitation(
                invitation, token, form.cleaned_data["display_name"], form.cleaned_data["password1"]
            )
        except (services.ActionRefused, ValidationError) as exc:
            form.add_error(None, exc.messages if isinstance(exc, ValidationError) else str(exc))
        else:
            login(request, staff, backend="django.contrib.auth.backends.ModelBackend")
            mark_signed_in(request)
            vault_session.remember(request, staff.pk, key.private)
            # Shown once, now; never stored.
            words = " ".join(key.recovery_words)
            return render(
                request,
                "accounts/recovery_key.html",
                {"words": key.recovery_words, "qr": mark_safe(qr_svg(words))},  # noqa: S308
            )
    return render(
        request, "accounts/accept_invitation.html", {"form": form, "invitation": invitation}
    )


@require_GET
def security(request: HttpRequest) -> HttpResponse:
    """One's own account: second factors, recovery codes, password, sessions."""
    staff = staff_of(request)
    recovery = RecoveryCodes.objects.filter(user=staff).first()
    return render(
        request,
        "accounts/security.html",
        {
            "totp_devices": TOTPDevice.objects.filter(user=staff, confirmed=True),
            "passkeys": Passkey.objects.filter(user=staff, confirmed=True),
            "recovery_left": recovery.remaining() if recovery else 0,
        },
    )


@require_POST
@fresh_auth_required
def recovery_codes_renew(request: HttpRequest) -> HttpResponse:
    codes = services.regenerate_recovery_codes(staff_of(request))
    return render(request, "accounts/recovery_codes.html", {"codes": codes})


@require_POST
@fresh_auth_required
def device_remove(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    staff = staff_of(request)
    model: type[TOTPDevice] | type[Passkey]
    if kind == "totp":
        model = TOTPDevice
    elif kind == "passkey":
        model = Passkey
    else:
        raise Http404
    device = get_object_or_404(model, pk=pk, user=staff)
    try:
        services.remove_device(staff, device)
    except services.ActionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The device was removed."))
    return redirect("accounts:security")


@require_http_methods(["GET", "POST"])
@fresh_auth_required
def password_change(request: HttpRequest) -> HttpResponse:
    staff = staff_of(request)
    form = ChangePasswordForm(staff, request.POST or None)
    unlocked = vault_session.current(request)
    if request.method == "POST" and form.is_valid():
        if unlocked is None:
            form.add_error(None, _("Sign out and in again before changing your password."))
            return render(request, "accounts/password_change.html", {"form": form})
        services.change_password(staff, form.cleaned_data["password1"], unlocked.private_key)
        # Changing the password keeps this session (the hash is part of it) and ends the others.
        update_session_auth_hash(request, staff)
        messages.success(request, _("Your password was changed."))
        return redirect("accounts:security")
    return render(request, "accounts/password_change.html", {"form": form})


# -- passkeys: JSON endpoints used by static/accounts/passkey.js ------------------------------


@require_POST
@fresh_auth_required
def passkey_register_options(request: HttpRequest) -> HttpResponse:
    options = passkeys.registration_options(request, staff_of(request))
    return HttpResponse(options, content_type="application/json")


@require_POST
@fresh_auth_required
def passkey_register(request: HttpRequest) -> HttpResponse:
    name = request.GET.get("name", "passkey")
    try:
        passkeys.register(request, staff_of(request), request.body, name)
    except passkeys.PasskeyError:
        return JsonResponse(
            {"ok": False, "error": _("The passkey could not be registered.")}, status=400
        )
    return JsonResponse({"ok": True, "next": reverse("accounts:security")})


@signin_step
@require_POST
def passkey_signin_options(request: HttpRequest) -> HttpResponse:
    try:
        options = passkeys.authentication_options(request, staff_of(request))
    except passkeys.PasskeyError:
        return HttpResponseBadRequest(_("No passkey is registered."))
    return HttpResponse(options, content_type="application/json")


@signin_step
@require_POST
def passkey_signin(request: HttpRequest) -> HttpResponse:
    staff = staff_of(request)
    now = timezone.now()
    refused = throttle.refusal(staff, now)
    if refused:
        return JsonResponse(
            {"ok": False, "error": services.refusal_message(refused, now)}, status=400
        )
    try:
        passkey = passkeys.authenticate(request, staff, request.body)
    except passkeys.PasskeyError:
        throttle.record_failure(staff, now, "passkey")
        return JsonResponse({"ok": False, "error": _("The passkey was not accepted.")}, status=400)
    services.complete_signin(staff, "passkey")
    response = _finish_signin(request, passkey)
    return JsonResponse({"ok": True, "next": response["Location"]})


@public
@require_http_methods(["GET", "POST"])
def recover(request: HttpRequest) -> HttpResponse:
    """Forgotten password: the recovery key and a second-factor code set a new one."""
    form = RecoverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.recover_access(
                data["email"], data["recovery_key"], data["code"], data["password1"]
            )
        except services.ActionRefused as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            form.add_error("password1", exc)
        else:
            messages.success(request, _("Your password was changed. Sign in with it now."))
            return redirect("accounts:signin")
    return render(request, "accounts/recover.html", {"form": form})
