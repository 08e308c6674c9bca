"""Partner registry, our own card and exchange key, and the man's consent to share.

Every write is one transaction with its audit entry; the web pages and `safepassage partners`
call these same functions. Hand-over bundles, receipts and the inbox are in `handover.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, BinaryIO

import pyrage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safepassage.accounts.models import Organisation
from safepassage.audit.services import record
from safepassage.cases.gate import CaseAccess
from safepassage.core.roles import Perm, has_permission
from safepassage.crypto import aead
from safepassage.partners import card as cards
from safepassage.partners import envelope
from safepassage.partners import scope as scopes
from safepassage.partners.models import Direction, ExchangeKey, Message, Partner
from safepassage.vault import fields
from safepassage.vault.keys import key_folder, organisation_signer
from safepassage.vault.models import RetiredSigningKey

if TYPE_CHECKING:
    from safepassage.accounts.models import Staff


class PartnerError(Exception):
    """A partner action the rules do not allow; the message is shown as it is."""


class Refused(PartnerError):
    """A message refused (already audited): `code` names the reason, `status` the HTTP answer."""

    def __init__(self, code: str, text: str, status: int = 400) -> None:
        super().__init__(text)
        self.code = code
        self.status = status


REVOKE_REASONS = {
    "ended": gettext_lazy("We no longer work together"),
    "compromised": gettext_lazy("Their keys may be in other hands"),
    "mistake": gettext_lazy("Added by mistake"),
}
CONSENT_WAYS = {
    "in_writing": gettext_lazy("In writing (signed or sent by him)"),
    "orally": gettext_lazy("Orally, to the staff member recording it"),
    "message": gettext_lazy("By message, from his own contact"),
}


def require_exchange(staff: Staff) -> None:
    if not has_permission(staff, Perm.PARTNERS):
        raise PartnerError(_("Only coordinators exchange cases with partners."))


def organisation() -> Organisation:
    """The organisation this instance serves (the inbox and commands have no staff to ask)."""
    found = Organisation.objects.order_by("pk").first()
    if found is None:
        raise PartnerError("no organisation: run `safepassage setup` or `safepassage demo`")
    return found


# -- our own keys and card ---------------------------------------------------------------------


def _identity_aad(organisation_id: int, recipient: str) -> bytes:
    return aead.associated_data("partner-exchange-key", organisation_id, recipient)


def _new_exchange_key(organisation_id: int, inbox_url: str = "") -> ExchangeKey:
    identity = pyrage.x25519.Identity.generate()
    recipient = str(identity.to_public())
    return ExchangeKey.objects.create(
        organisation_id=organisation_id,
        recipient=recipient,
        identity_sealed=aead.encrypt(
            key_folder().server_key(create=True),
            str(identity).encode("ascii"),
            _identity_aad(organisation_id, recipient),
        ),
        inbox_url=inbox_url,
    )


def current_key(organisation_id: int) -> ExchangeKey:
    """Our exchange key on the card, made on first use."""
    with transaction.atomic():
        key = ExchangeKey.objects.filter(
            organisation_id=organisation_id, retired_at__isnull=True
        ).first()
        if key is None:
            key = _new_exchange_key(organisation_id)
            record("partners.exchange_key_created", details={"recipient": key.recipient[:16]})
    return key


def identities(organisation_id: int) -> list[str]:
    """Every age identity that may open a message to us (the current and retired keys)."""
    current_key(organisation_id)
    server_key = key_folder().server_key()
    return [
        aead.decrypt(
            server_key, bytes(row.identity_sealed), _identity_aad(organisation_id, row.recipient)
        ).decode("ascii")
        for row in ExchangeKey.objects.filter(organisation_id=organisation_id)
    ]


def our_recipients(organisation_id: int) -> set[str]:
    return set(
        ExchangeKey.objects.filter(organisation_id=organisation_id).values_list(
            "recipient", flat=True
        )
    )


def our_card(organisation_id: int) -> cards.Card:
    """Our card, signed now with the organisation's key."""
    key = current_key(organisation_id)
    signer = organisation_signer(organisation_id)
    name = Organisation.objects.get(pk=organisation_id).name
    # After a routine rotation the card carries the old key's endorsement of the new one.
    retired = RetiredSigningKey.objects.filter(organisation_id=organisation_id).last()
    endorsed = retired is not None and bool(retired.endorsement)
    return cards.make_card(
        name,
        signer.secret,
        signer.public,
        key.recipient,
        key.inbox_url,
        timezone.now(),
        previous_public=bytes(retired.public) if endorsed and retired else b"",
        endorsement=bytes(retired.endorsement) if endorsed and retired else b"",
    )


def our_words(organisation_id: int) -> list[str]:
    key = current_key(organisation_id)
    return cards.fingerprint_words(organisation_signer(organisation_id).public, key.recipient)


def set_inbox(staff: Staff, url: str) -> ExchangeKey:
    """The inbox address our card gives (blank: partners send files)."""
    require_exchange(staff)
    try:
        url = cards.check_inbox(url.strip())
    except cards.CardError as exc:
        raise PartnerError(str(exc)) from None
    with transaction.atomic():
        key = current_key(staff.organisation_id)
        key.inbox_url = url
        key.save(update_fields=["inbox_url"])
        record("partners.inbox_set", actor=staff, details={"inbox": bool(url)})
    return key


def rotate_key(staff: Staff) -> ExchangeKey:
    """A new exchange key; the old one still opens what is in flight. Send partners the card."""
    require_exchange(staff)
    with transaction.atomic():
        old = current_key(staff.organisation_id)
        old.retired_at = timezone.now()
        old.save(update_fields=["retired_at"])
        new = _new_exchange_key(staff.organisation_id, old.inbox_url)
        record(
            "partners.exchange_key_rotated",
            actor=staff,
            details={"old": old.recipient[:16], "new": new.recipient[:16]},
        )
    return new


# -- the registry ------------------------------------------------------------------------------


def add_partner(staff: Staff, raw: bytes) -> tuple[Partner, str]:
    """Add a partner from its card, or take a newer card of a known one.

    Returns the partner and what happened: "added" (unverified until the words are compared),
    "updated" (a newer card signed by the key we hold), "rotated" (new keys endorsed by the key
    we hold: no new comparison needed) or "unchanged".
    """
    require_exchange(staff)
    try:
        card = cards.read_card(raw)
    except cards.CardError as exc:
        raise PartnerError(_("The card is refused: %(why)s.") % {"why": exc}) from None
    own = organisation_signer(staff.organisation_id).public
    if card.signing_key == own:
        raise PartnerError(_("This is our own card."))
    partners = Partner.objects.select_for_update().filter(organisation_id=staff.organisation_id)
    with transaction.atomic():
        known = partners.filter(signing_key=card.signing_key).first()
        outcome = "updated"
        if known is None and card.previous_signing_key:
            known = partners.filter(signing_key=card.previous_signing_key).first()
            outcome = "rotated"
        if known is None and any(
            card.signing_key.hex() in (p.retired_keys or []) for p in partners
        ):
            raise PartnerError(_("This card's key was replaced by a newer one of the partner."))
        if known is None:
            partner = Partner.objects.create(
                organisation_id=staff.organisation_id,
                name=card.name,
                signing_key=card.signing_key,
                encryption_key=card.encryption_key,
                inbox_url=card.inbox,
                card_issued_at=card.issued_at,
                added_by=staff,
            )
            record(
                "partners.added",
                actor=staff,
                target_type="partner",
                target_ref=partner.key_id,
            )
            return partner, "added"
        if known.revoked_at is not None:
            raise PartnerError(_("This partner was revoked; its cards are no longer taken."))
        if card.issued_at <= known.card_issued_at:
            if (
                bytes(known.signing_key) == card.signing_key
                and known.encryption_key == card.encryption_key
                and known.inbox_url == card.inbox
            ):
                return known, "unchanged"
            raise PartnerError(_("This card is older than the one we hold for this partner."))
        old_key_id = known.key_id
        if bytes(known.signing_key) != card.signing_key:
            known.retired_keys = [*(known.retired_keys or []), bytes(known.signing_key).hex()]
        known.name = card.name
        known.signing_key = card.signing_key
        known.encryption_key = card.encryption_key
        known.inbox_url = card.inbox
        known.card_issued_at = card.issued_at
        known.save(
            update_fields=[
                "name",
                "signing_key",
                "encryption_key",
                "inbox_url",
                "card_issued_at",
                "retired_keys",
            ]
        )
        record(
            f"partners.card_{outcome}",
            actor=staff,
            target_type="partner",
            target_ref=known.key_id,
            details={"previous_key": old_key_id},
        )
        return known, outcome


def partner_words(partner: Partner) -> list[str]:
    return cards.fingerprint_words(bytes(partner.signing_key), partner.encryption_key)


def verify_partner(staff: Staff, partner: Partner, typed_words: str) -> Partner:
    """Mark the partner verified once the words heard from them match its card's fingerprint."""
    require_exchange(staff)
    if partner.organisation_id != staff.organisation_id:
        raise PartnerError(_("No such partner."))
    if partner.revoked_at is not None:
        raise PartnerError(_("This partner was revoked."))
    if not cards.words_match(bytes(partner.signing_key), partner.encryption_key, typed_words):
        with transaction.atomic():
            record(
                "partners.verification_failed",
                actor=staff,
                target_type="partner",
                target_ref=partner.key_id,
            )
        raise PartnerError(
            _(
                "These words are not this card's fingerprint. Do not send anything: the card "
                "may not be theirs. Ask them to read their words again."
            )
        )
    with transaction.atomic():
        partner.verified_at = timezone.now()
        partner.verified_by = staff
        partner.save(update_fields=["verified_at", "verified_by"])
        record("partners.verified", actor=staff, target_type="partner", target_ref=partner.key_id)
    return partner


def revoke_partner(staff: Staff, partner: Partner, reason: str) -> Partner:
    """Nothing more goes to this partner and nothing from it is taken in."""
    require_exchange(staff)
    if reason not in REVOKE_REASONS:
        raise PartnerError(_("Choose why the partner is revoked."))
    if partner.revoked_at is not None:
        raise PartnerError(_("This partner is already revoked."))
    with transaction.atomic():
        partner.revoked_at = timezone.now()
        partner.revoked_reason = reason
        partner.save(update_fields=["revoked_at", "revoked_reason"])
        record(
            "partners.revoked",
            actor=staff,
            target_type="partner",
            target_ref=partner.key_id,
            details={"reason": reason},
        )
    return partner


def find_partner(organisation_id: int, text: str) -> Partner:
    """A partner by its key id (16 hex digits) or its exact name, for the command line."""
    rows = Partner.objects.filter(organisation_id=organisation_id)
    matches = [p for p in rows if text in (p.key_id, p.name)]
    if len(matches) != 1:
        raise PartnerError(f"no single partner named or with key id {text!r}")
    return matches[0]


# -- consent -----------------------------------------------------------------------------------


def consents(access: CaseAccess) -> list[dict[str, Any]]:
    """The man's recorded consents to share, newest first (kept in the case's sealed consent)."""
    consent = fields.read(access.key, access.case, "consent") or {}
    shared = consent.get("partners") if isinstance(consent, dict) else None
    return list(reversed(shared)) if isinstance(shared, list) else []


def active_consent(access: CaseAccess, partner: Partner) -> dict[str, Any] | None:
    for entry in consents(access):
        if entry.get("partner") == partner.pk and not entry.get("withdrawn_on"):
            return entry
    return None


def _save_consent(access: CaseAccess, shared: list[dict[str, Any]]) -> None:
    consent = fields.read(access.key, access.case, "consent") or {}
    if not isinstance(consent, dict):
        consent = {}
    consent["partners"] = shared
    fields.write(access.key, access.case, "consent", consent)
    access.case.save(update_fields=["consent", "updated_at"])


def record_consent(
    access: CaseAccess, partner: Partner, sections: list[str], how: str, on: datetime | None = None
) -> dict[str, Any]:
    """Record that he agreed to share these sections with this partner (replacing an earlier
    consent to the same partner)."""
    require_exchange(access.staff)
    if partner.organisation_id != access.case.organisation_id or partner.revoked_at is not None:
        raise PartnerError(_("This partner cannot receive cases."))
    if how not in CONSENT_WAYS:
        raise PartnerError(_("Say how he gave his consent."))
    try:
        chosen = scopes.check_sections(sections)
    except scopes.ScopeError as exc:
        raise PartnerError(str(exc)) from None
    today = (on or timezone.now()).date().isoformat()
    with transaction.atomic():
        shared = list(reversed(consents(access)))
        for entry in shared:
            if entry.get("partner") == partner.pk and not entry.get("withdrawn_on"):
                entry["withdrawn_on"] = today
        entry = {
            "partner": partner.pk,
            "partner_name": partner.name,
            "sections": chosen,
            "how": how,
            "recorded_on": today,
            "recorded_by": access.staff.pk,
            "withdrawn_on": None,
        }
        shared.append(entry)
        _save_consent(access, shared)
        record(
            "partners.consent_recorded",
            actor=access.staff,
            target_type="case",
            target_ref=access.case.reference,
            details={"partner": partner.key_id, "sections": chosen, "how": how},
        )
    return entry


def withdraw_consent(access: CaseAccess, partner: Partner) -> None:
    require_exchange(access.staff)
    with transaction.atomic():
        shared = list(reversed(consents(access)))
        changed = False
        for entry in shared:
            if entry.get("partner") == partner.pk and not entry.get("withdrawn_on"):
                entry["withdrawn_on"] = timezone.now().date().isoformat()
                changed = True
        if not changed:
            raise PartnerError(_("There is no consent to withdraw."))
        _save_consent(access, shared)
        record(
            "partners.consent_withdrawn",
            actor=access.staff,
            target_type="case",
            target_ref=access.case.reference,
            details={"partner": partner.key_id},
        )


# -- messages to a partner ----------------------------------------------------------------------


@dataclass(frozen=True)
class Sealed:
    """A message signed by us and encrypted to a partner, not yet recorded."""

    manifest: envelope.Manifest
    sha256: str
    size: int


def seal_message(
    organisation: Organisation,
    partner: Partner,
    kind: str,
    about: dict[str, Any],
    parts: Iterable[envelope.Part],
    out: BinaryIO,
    *,
    days: int,
    message_id: str | None = None,
) -> Sealed:
    """Sign a message of `kind` as the organisation and write it to `out`, encrypted to the
    partner; it expires after `days`. Kept outside any transaction: it may stream large files."""
    signer = organisation_signer(organisation.pk)
    now = timezone.now()
    manifest, chunks = envelope.plaintext(
        {
            "kind": kind,
            "id": message_id or envelope.new_message_id(),
            "sender_name": organisation.name,
            "sender_key": signer.public,
            "recipient_name": partner.name,
            "recipient_key": bytes(partner.signing_key),
            "recipient_encryption_key": partner.encryption_key,
            "created_at": now,
            "expires_at": now + timedelta(days=days),
            "about": about,
        },
        list(parts),
        signer.sign,
    )
    sha256, size = envelope.encrypt(chunks, partner.encryption_key, out)
    return Sealed(manifest, sha256, size)


def record_sent(partner: Partner, kind: str, sealed: Sealed, via: str = "file") -> Message:
    """The sent message's row (in the caller's transaction), which its receipt will answer."""
    return Message.objects.create(
        partner=partner,
        direction=Direction.OUT,
        kind=kind,
        message_id=sealed.manifest.id,
        created_at=sealed.manifest.created_at,
        expires_at=sealed.manifest.expires_at,
        sha256=sealed.sha256,
        size=sealed.size,
        via=via,
    )
