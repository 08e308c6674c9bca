"""safepassage partners card | words | list | add | verify | revoke | rotate | set-inbox |
consent | send | receive | receipts"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from safepassage.accounts.models import Staff
from safepassage.cases.cli import staff_session
from safepassage.cases.gate import open_case
from safepassage.core.roles import Perm
from safepassage.partners import channel, handover, inbox, services
from safepassage.partners import scope as scopes
from safepassage.partners.models import InboxItem, Partner
from safepassage.partners.services import PartnerError

# Verbs that act as a staff member (--as EMAIL, password from SAFEPASSAGE_PASSWORD or a prompt).
_AS_STAFF = {
    "add",
    "verify",
    "revoke",
    "rotate",
    "set-inbox",
    "consent",
    "send",
    "receive",
    "import",
}


class Command(BaseCommand):
    help = (
        "Exchange cases with partner organisations. card: print or write our partner card "
        "(--out FILE) and its fingerprint words; words: only the words; list: the partners; "
        "add CARD: add a partner (or take its newer card); verify PARTNER --words '...': the "
        "words they read to you; revoke PARTNER --reason R; rotate: a new encryption key; "
        "set-inbox URL; consent REF PARTNER --sections a,b --how H; send REF PARTNER --sections "
        "a,b [--person PK] [--file ID] (--out FILE | --deliver); receive FILE [--assign EMAIL] "
        "[--receipt-out FILE]: check a bundle (import it as a new case) or a receipt; inbox: what "
        "waits to be imported; import BUNDLE_ID [--assign EMAIL]: import one; receipts: "
        "ask partner inboxes for missing receipts (a timer). PARTNER is a name or a key id. "
        "Staff verbs need --as EMAIL (a coordinator; password from SAFEPASSAGE_PASSWORD or a "
        "prompt); each is audited like the web pages."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as", dest="email", help="your staff email (for staff verbs)")
        sub = parser.add_subparsers(dest="verb", required=True)
        card = sub.add_parser("card")
        card.add_argument("--out", help="write the card to this new file")
        sub.add_parser("words")
        sub.add_parser("list")
        sub.add_parser("add").add_argument("card")
        verify = sub.add_parser("verify")
        verify.add_argument("partner")
        verify.add_argument("--words", required=True)
        revoke = sub.add_parser("revoke")
        revoke.add_argument("partner")
        revoke.add_argument("--reason", required=True, choices=sorted(services.REVOKE_REASONS))
        sub.add_parser("rotate")
        sub.add_parser("set-inbox").add_argument("url")
        consent = sub.add_parser("consent")
        consent.add_argument("reference")
        consent.add_argument("partner")
        consent.add_argument("--sections", required=True)
        consent.add_argument("--how", required=True, choices=sorted(services.CONSENT_WAYS))
        send = sub.add_parser("send")
        send.add_argument("reference")
        send.add_argument("partner")
        send.add_argument("--sections", required=True, help="e.g. identity,service,legal")
        send.add_argument("--person", type=int, action="append", default=[])
        send.add_argument("--file", action="append", default=[])
        send.add_argument("--update-of", default="", help="the first bundle's id")
        where = send.add_mutually_exclusive_group(required=True)
        where.add_argument("--out", help="write the bundle to this new file")
        where.add_argument("--deliver", action="store_true", help="post it to their inbox")
        receive = sub.add_parser("receive")
        receive.add_argument("file")
        receive.add_argument("--assign", action="append", default=[], metavar="EMAIL")
        receive.add_argument("--role", default="caseworker")
        receive.add_argument("--receipt-out", help="write the receipt to this new file")
        sub.add_parser("inbox")
        take = sub.add_parser("import")
        take.add_argument("bundle_id", help="the bundle's id, or its first 8 characters")
        take.add_argument("--assign", action="append", default=[], metavar="EMAIL")
        take.add_argument("--role", default="caseworker")
        sub.add_parser("receipts")

    def handle(self, *args: Any, **options: Any) -> None:
        verb = options["verb"]
        staff = vault = None
        if verb in _AS_STAFF:
            if not options["email"]:
                raise CommandError(f"`{verb}` acts as a staff member: give --as EMAIL")
            staff, vault = staff_session(options["email"], Perm.PARTNERS)
        try:
            getattr(self, "_" + verb.replace("-", "_"))(staff, vault, options)
        except PartnerError as exc:
            raise CommandError(str(exc)) from None
        except Http404:
            raise CommandError("no such case among yours") from None

    def _partner(self, staff: Staff, text: str) -> Partner:
        return services.find_partner(staff.organisation_id, text)

    def _card(self, staff: Staff, vault: Any, options: dict[str, Any]) -> None:
        organisation = services.organisation()
        card = services.our_card(organisation.pk)
        if options["out"]:
            _write_new(Path(options["out"]), card.to_json())
            self.stdout.write(f"card written to {options['out']}")
        else:
            self.stdout.write(card.to_json().decode())
        self.stdout.write("fingerprint words: " + " ".join(services.our_words(organisation.pk)))

    def _words(self, staff: Staff, vault: Any, options: dict[str, Any]) -> None:
        self.stdout.write(" ".join(services.our_words(services.organisation().pk)))

    def _list(self, staff: Staff, vault: Any, options: dict[str, Any]) -> None:
        for partner in Partner.objects.filter(organisation=services.organisation()):
            inbox_text = partner.inbox_url or "files only"
            self.stdout.write(
                f"{partner.key_id}  {partner.status:10}  {partner.name}  ({inbox_text})"
            )

    def _add(self, staff: Staff, vault: Any, options: dict[str, Any]) -> None:
        partner, outcome = services.add_partner(staff, Path(options["card"]).read_bytes())
        self.stdout.write(f"{outcome}: {partner.name} ({partner.key_id}, {partner.status})")
        self.stdout.write("their fingerprint words: " + " ".join(services.partner_words(partner)))

    def _verify(self, staff: Staff, vault: Any, options: dict[str, Any]) -> None:
        partner = services.verify_partner(
            staff, self._partner(staff, options["partner"]), options["words"]
        )
        self.stdout.write(f"verified: {partner.name}")

    def _revoke(self, staff: Staff, vault: Any, options: dict[str, Any]) -> None:
        partner = services.revoke_partner(
            staff, self._partner(staff, options["partner"]), options["reason"]
        )
        self.stdout.write(f"revoked: {partner.name}")

    def _rotate(self, staff: Staff, vault: Any, options: dict[str, Any]) -> None:
        key = services.rotate_key(staff)
        self.stdout.write(f"new key {key.recipient}; send partners the card (`partners card`)")

    def _set_inbox(self, staff: Staff, vault: Any, options: dict[str, Any]) -> None:
        key = services.set_inbox(staff, options["url"])
        self.stdout.write(f"inbox: {key.inbox_url or 'none'}")

    def _consent(self, staff: Staff, vault: Any, options: dict[str, Any]) -> None:
        access = open_case(staff, options["reference"], vault, "consent_recorded")
        partner = self._partner(staff, options["partner"])
        sections = [s.strip() for s in options["sections"].split(",") if s.strip()]
        entry = services.record_consent(access, partner, sections, options["how"])
        self.stdout.write(f"consent recorded: {', '.join(entry['sections'])} to {partner.name}")

    def _send(self, staff: Staff, vault: Any, options: dict[str, Any]) -> None:
        access = open_case(staff, options["reference"], vault, "handover_sent")
        partner = self._partner(staff, options["partner"])
        sections = [s.strip() for s in options["sections"].split(",") if s.strip()]
        scope = scopes.Scope(sections, options["person"], options["file"])
        if options["deliver"]:
            sent = handover.send_to_inbox(access, partner, scope, options["update_of"])
            where = partner.inbox_url
        else:
            sent = handover.send_to_file(
                access, partner, scope, Path(options["out"]), options["update_of"]
            )
            where = options["out"]
        self.stdout.write(
            f"bundle {sent.handover.message.message_id} ({sent.size} bytes, sha256 "
            f"{sent.sha256}) for {partner.name}: {where}"
        )

    def _receive(self, staff: Staff, vault: Any, options: dict[str, Any]) -> None:
        result = inbox.receive(Path(options["file"]), via="file")
        if not isinstance(result, InboxItem):
            self.stdout.write(
                f"receipt verified: case {result.case.reference} handed to {result.partner.name}"
            )
            return
        self.stdout.write(
            f"bundle {result.message.message_id} from {result.message.partner.name} verified"
        )
        if result.message.kind == "update":
            self.stdout.write("an update: review and apply it on the partner page")
            return
        self._import_item(staff, vault, result, options)

    def _inbox(self, staff: Staff, vault: Any, options: dict[str, Any]) -> None:
        for item in inbox.waiting(services.organisation().pk):
            message = item.message
            self.stdout.write(
                f"{message.message_id}  {message.kind:8}  {message.partner.name}  "
                f"{message.recorded_at:%Y-%m-%d %H:%M}  {','.join(item.scope)}"
            )

    def _import(self, staff: Staff, vault: Any, options: dict[str, Any]) -> None:
        wanted = options["bundle_id"]
        items = [
            i
            for i in inbox.waiting(staff.organisation_id)
            if i.message.message_id.startswith(wanted) and len(wanted) >= 8
        ]
        if len(items) != 1:
            raise CommandError(f"no single waiting bundle {wanted}")
        self._import_item(staff, vault, items[0], options)

    def _import_item(
        self, staff: Staff, vault: Any, item: InboxItem, options: dict[str, Any]
    ) -> None:
        members = []
        for email in options["assign"]:
            member = Staff.objects.filter(
                email__iexact=email, organisation_id=staff.organisation_id
            ).first()
            if member is None:
                raise CommandError(f"no staff member {email}")
            members.append((member, options["role"]))
        access = inbox.import_item(staff, vault, item, members)
        item.refresh_from_db()
        self.stdout.write(f"imported as case {access.case.reference}")
        if options.get("receipt_out") and item.receipt is not None:
            _write_new(Path(options["receipt_out"]), bytes(item.receipt))
            self.stdout.write(f"receipt written to {options['receipt_out']}: send it back")

    def _receipts(self, staff: Staff, vault: Any, options: dict[str, Any]) -> None:
        asked, verified = channel.fetch_receipts()
        self.stdout.write(f"asked for {asked} receipts, {verified} verified")


def _write_new(path: Path, data: bytes) -> None:
    if path.exists():
        raise CommandError(f"{path} exists; choose a new file name")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
