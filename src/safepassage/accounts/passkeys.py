"""Passkeys (WebAuthn) as a second factor, with user verification required, via py_webauthn."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import base64url_to_bytes
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from safepassage.accounts.models import Passkey, Staff
from safepassage.audit.services import record

CHALLENGE_KEY = "passkey_challenge"


class PasskeyError(Exception):
    """The browser's answer does not prove possession of a registered passkey."""


def relying_party(request: HttpRequest) -> tuple[str, str]:
    """(rp id, origin): from settings when set, otherwise from the host the request came to.

    The host was already checked against ALLOWED_HOSTS by the time any view runs.
    """
    origin = settings.WEBAUTHN_ORIGIN or f"{request.scheme}://{request.get_host()}"
    rp_id = settings.WEBAUTHN_RP_ID or (urlsplit(origin).hostname or "")
    return rp_id, origin


def registration_options(request: HttpRequest, staff: Staff) -> str:
    rp_id, _ = relying_party(request)
    existing = [
        PublicKeyCredentialDescriptor(id=bytes(p.credential_id))
        for p in Passkey.objects.filter(user=staff)
    ]
    options = generate_registration_options(
        rp_id=rp_id,
        rp_name=settings.OTP_TOTP_ISSUER,
        user_id=str(staff.pk).encode(),
        user_name=staff.email,
        user_display_name=staff.display_name,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED,
            user_verification=UserVerificationRequirement.REQUIRED,
        ),
        exclude_credentials=existing,
    )
    request.session[CHALLENGE_KEY] = options.challenge.hex()
    return options_to_json(options)


def _take_challenge(request: HttpRequest) -> bytes:
    raw = request.session.pop(CHALLENGE_KEY, None)
    if not raw:
        raise PasskeyError("no passkey ceremony in progress")
    return bytes.fromhex(raw)


def _parse(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise PasskeyError("malformed answer") from None
    if not isinstance(data, dict):
        raise PasskeyError("malformed answer")
    return data


def register(request: HttpRequest, staff: Staff, body: bytes, name: str) -> Passkey:
    challenge = _take_challenge(request)
    rp_id, origin = relying_party(request)
    try:
        verified = verify_registration_response(
            credential=_parse(body),
            expected_challenge=challenge,
            expected_rp_id=rp_id,
            expected_origin=origin,
            require_user_verification=True,
        )
    except (WebAuthnException, KeyError, TypeError, ValueError) as exc:  # any malformed answer
        raise PasskeyError(str(exc)) from None
    with transaction.atomic():
        passkey: Passkey = Passkey.objects.create(
            user=staff,
            name=name[:64] or "passkey",
            confirmed=True,
            credential_id=verified.credential_id,
            public_key=verified.credential_public_key,
            sign_count=verified.sign_count,
        )
        record(
            "second_factor.enrolled",
            actor=staff,
            target_type="staff",
            target_ref=staff.pk,
            details={"method": "passkey"},
        )
    return passkey


def authentication_options(request: HttpRequest, staff: Staff) -> str:
    rp_id, _ = relying_party(request)
    allowed = [
        PublicKeyCredentialDescriptor(id=bytes(p.credential_id))
        for p in Passkey.objects.filter(user=staff, confirmed=True)
    ]
    if not allowed:
        raise PasskeyError("no passkey registered")
    options = generate_authentication_options(
        rp_id=rp_id,
        allow_credentials=allowed,
        user_verification=UserVerificationRequirement.REQUIRED,
    )
    request.session[CHALLENGE_KEY] = options.challenge.hex()
    return options_to_json(options)


def authenticate(request: HttpRequest, staff: Staff, body: bytes) -> Passkey:
    challenge = _take_challenge(request)
    rp_id, origin = relying_party(request)
    data = _parse(body)
    try:
        credential_id = base64url_to_bytes(str(data["rawId"]))
    except (KeyError, ValueError, TypeError):
        raise PasskeyError("malformed answer") from None
    with transaction.atomic():
        passkey: Passkey | None = (
            Passkey.objects.select_for_update()
            .filter(user=staff, confirmed=True, credential_id=credential_id)
            .first()
        )
        if passkey is None:
            raise PasskeyError("unknown passkey")
        try:
            verified = verify_authentication_response(
                credential=data,
                expected_challenge=challenge,
                expected_rp_id=rp_id,
                expected_origin=origin,
                credential_public_key=bytes(passkey.public_key),
                credential_current_sign_count=passkey.sign_count,
                require_user_verification=True,
            )
        except (WebAuthnException, KeyError, TypeError, ValueError) as exc:
            raise PasskeyError(str(exc)) from None
        passkey.sign_count = verified.new_sign_count
        passkey.last_used_at = timezone.now()
        passkey.save(update_fields=["sign_count", "last_used_at"])
    return passkey
