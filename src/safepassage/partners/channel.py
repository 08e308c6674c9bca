"""Direct delivery over HTTPS: our client posts messages to a partner's inbox and asks it for
receipts; our inbox takes posts from partners.

Every request names its sender's signing key and carries a signature, by that key, over what it
asks (post a message of N bytes, or fetch the receipt of a bundle), for whom, and when. The
inbox answers only a registered, verified, unrevoked partner whose signature verifies and whose
clock is within ten minutes of ours, before it reads a byte of the body; the message itself is
then checked in full (`inbox.receive`) and kept sealed until a coordinator imports it. TLS is
the partner's ordinary HTTPS certificate, checked against the system's authorities (or the
file named by SSL_CERT_FILE); the message needs no trust in it, being signed and encrypted end
to end.
"""

from __future__ import annotations

import http.client
import json
import os
import ssl
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from safepassage.audit.services import record
from safepassage.crypto.signing import SignatureError, canonical_json, verify
from safepassage.partners import envelope, inbox, services
from safepassage.partners.card import parse_stamp, stamp
from safepassage.partners.models import InboxItem, InboxStatus, Partner
from safepassage.partners.services import PartnerError, Refused
from safepassage.vault.keys import organisation_signer

TIMEOUT_SECONDS = 120
SKEW = timedelta(minutes=10)
RECEIPT_MAX = 1024 * 1024
FROM = "X-Safepassage-From"
DATE = "X-Safepassage-Date"
SIGNATURE = "X-Safepassage-Signature"


def _statement(action: str, sender: bytes, recipient: bytes, date: str, subject: str) -> bytes:
    return canonical_json(
        {
            "action": action,
            "from": sender.hex(),
            "to": recipient.hex(),
            "date": date,
            "subject": subject,
        }
    )


def _headers(partner: Partner, action: str, subject: str) -> dict[str, str]:
    signer = organisation_signer(partner.organisation_id)
    date = stamp(timezone.now())
    signed = _statement(action, signer.public, bytes(partner.signing_key), date, subject)
    return {FROM: signer.public.hex(), DATE: date, SIGNATURE: signer.sign(signed).hex()}


def _connect(url: str) -> tuple[http.client.HTTPSConnection, str]:
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise PartnerError(_("The partner's inbox is not an https:// address."))
    connection = http.client.HTTPSConnection(
        parts.hostname,
        parts.port or 443,
        timeout=TIMEOUT_SECONDS,
        context=ssl.create_default_context(),
    )
    return connection, parts.path.rstrip("/") + "/"


def _failed(exc: Exception) -> PartnerError:
    kind = "certificate" if isinstance(exc, ssl.SSLError) else "network"
    return PartnerError(
        _("The partner's inbox could not be reached (%(kind)s): %(why)s")
        % {"kind": kind, "why": exc.__class__.__name__}
    )


def deliver(partner: Partner, path: Path) -> dict[str, Any]:
    """Post one message file to the partner's inbox; streams the file from disk."""
    size = path.stat().st_size
    connection, base = _connect(partner.inbox_url)
    headers = {
        **_headers(partner, "post", str(size)),
        "Content-Type": "application/octet-stream",
        "Content-Length": str(size),
    }
    try:
        with path.open("rb") as body:
            connection.request("POST", base, body=body, headers=headers)
            response = connection.getresponse()
            answer = response.read(64 * 1024)
    except (OSError, http.client.HTTPException) as exc:
        raise _failed(exc) from None
    finally:
        connection.close()
    try:
        parsed: dict[str, Any] = json.loads(answer)
    except ValueError:
        parsed = {}
    if response.status != 202:
        reason = parsed.get("reason") or f"HTTP {response.status}"
        raise PartnerError(_("The partner's inbox refused it: %(why)s") % {"why": reason})
    return parsed


def fetch_receipt(partner: Partner, message_id: str) -> bytes | None:
    """The receipt of a bundle we posted, once they imported it; None while it waits."""
    connection, base = _connect(partner.inbox_url)
    try:
        connection.request(
            "GET",
            f"{base}{message_id}/receipt/",
            headers=_headers(partner, "receipt", message_id),
        )
        response = connection.getresponse()
        body = response.read(RECEIPT_MAX + 1)
    except (OSError, http.client.HTTPException) as exc:
        raise _failed(exc) from None
    finally:
        connection.close()
    if response.status == 404:
        return None
    if response.status != 200 or len(body) > RECEIPT_MAX:
        raise PartnerError(
            _("The partner's inbox refused it: %(why)s") % {"why": f"HTTP {response.status}"}
        )
    return body


def fetch_receipts() -> tuple[int, int]:
    """Ask each partner's inbox for the receipts still missing; (asked, verified)."""
    from safepassage.partners.models import Direction, Handover

    pending = Handover.objects.filter(
        direction=Direction.OUT,
        receipt__isnull=True,
        message__via="https",
        partner__revoked_at__isnull=True,
    ).select_related("partner", "message")
    asked = verified = 0
    for handover in pending:
        asked += 1
        raw = fetch_receipt(handover.partner, handover.message.message_id)
        if raw is None:
            continue
        path = inbox.folder("incoming") / f"{uuid.uuid4().hex}.age"
        try:
            path.write_bytes(raw)
            inbox.receive(path, via="https")
            verified += 1
        finally:
            path.unlink(missing_ok=True)
    return asked, verified


# -- the inbox (server side) -------------------------------------------------------------------


def _refuse(code: str, status: int) -> Refused:
    with transaction.atomic():
        record("partners.message_refused", details={"reason": code, "via": "https"})
    return Refused(code, inbox.reason_text(code), status)


def authenticate(request: HttpRequest, action: str, subject: str) -> Partner:
    """The partner who signed this request, or Refused (audited)."""
    organisation = services.organisation()
    try:
        sender = bytes.fromhex(request.headers.get(FROM, ""))
        signature = bytes.fromhex(request.headers.get(SIGNATURE, ""))
        date = request.headers.get(DATE, "")
        when = parse_stamp(date)
    except ValueError:
        raise _refuse("unknown_sender", 403) from None
    partner = Partner.objects.filter(organisation=organisation, signing_key=sender).first()
    if partner is None or len(sender) != 32:
        raise _refuse("unknown_sender", 403)
    if partner.revoked_at is not None:
        raise _refuse("revoked_sender", 403)
    if partner.verified_at is None:
        raise _refuse("unverified_sender", 403)
    ours = organisation_signer(organisation.pk).public
    try:
        verify(sender, _statement(action, sender, ours, date, subject), signature)
    except SignatureError:
        raise _refuse("bad_signature", 403) from None
    if abs(timezone.now() - when) > SKEW:
        raise _refuse("expired", 400)
    return partner


def limit() -> int:
    return min(int(settings.PARTNER_BUNDLE_MAX_BYTES), int(settings.REQUEST_MAX_BYTES))


def accept_post(request: HttpRequest) -> Any:
    """A message posted to our inbox, checked in full and kept sealed (or Refused)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or "")
    except ValueError:
        raise Refused("malformed", _("A Content-Length is required."), 411) from None
    authenticate(request, "post", str(length))
    if length > limit():
        raise _refuse("too_large", 413)
    path = inbox.folder("incoming") / f"{uuid.uuid4().hex}.age"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            remaining = length
            while remaining > 0:
                chunk = request.read(min(envelope.CHUNK, remaining))
                if not chunk:
                    break
                out.write(chunk)
                remaining -= len(chunk)
        if remaining:
            raise _refuse("damaged", 400)
        try:
            return inbox.receive(path, via="https")
        except Refused as exc:
            exc.status = 409 if exc.code == "replayed" else 400
            raise
    finally:
        path.unlink(missing_ok=True)


def receipt_for(request: HttpRequest, message_id: str) -> bytes | None:
    """The receipt of a bundle the asking partner posted, once imported."""
    partner = authenticate(request, "receipt", message_id)
    item = InboxItem.objects.filter(
        message__partner=partner,
        message__message_id=message_id,
        status=InboxStatus.IMPORTED,
    ).first()
    if item is None or item.receipt is None:
        return None
    return bytes(item.receipt)
