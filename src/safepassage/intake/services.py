"""What a person can do without an account: write, come back with his codename, write again.

Everything he sends is sealed (SealedBox) to the organisation's intake public key before it is
written; the server keeps no key that opens it. Nothing here writes to the audit log: an audit
entry carries a time to the millisecond, and a submission must keep only its day.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from safepassage.crypto.kdf import KdfParams
from safepassage.intake import attachments, codename, derivations, followup, ratelimit
from safepassage.intake.attachments import Refused
from safepassage.intake.models import Attachment, Conversation, Direction, Message, Status
from safepassage.textlang import text_language
from safepassage.vault.files import IncomingFile
from safepassage.vault.intake import intake_public_key

SUBMIT_GLOBAL = "submit:global"
FORMAT = 1

URGENT = "now"  # the urgency a person chooses when he is in danger now (see forms.URGENCY)


class Busy(Refused):
    """A limit that protects the service was reached; the person should try again later."""


def kdf_params() -> KdfParams:
    return KdfParams(settings.INTAKE_CODENAME_OPSLIMIT, settings.INTAKE_CODENAME_MEMLIMIT)


def _seal(public: bytes, payload: dict[str, Any]) -> bytes:
    payload = {"v": FORMAT, **payload}
    return SealedBox(PublicKey(public)).encrypt(json.dumps(payload, ensure_ascii=False).encode())


def open_sealed(private: bytes, sealed: bytes) -> dict[str, Any]:
    """A sealed payload opened with the intake key or the person's key."""
    try:
        value: dict[str, Any] = json.loads(SealedBox(PrivateKey(private)).decrypt(sealed))
    except CryptoError:
        raise ValueError("this payload does not open with the key given") from None
    return value


def queue_full() -> bool:
    waiting = Conversation.objects.filter(unread=True).exclude(status=Status.ABUSE).count()
    return waiting >= settings.INTAKE_QUEUE_MAX


def _discard(files: list[IncomingFile]) -> None:
    for upload in files:
        upload.discard()


def _check_files(files: list[IncomingFile]) -> None:
    try:
        attachments.check(files)
    except Refused:
        _discard(files)
        raise


def _refuse_busy_submission() -> None:
    if queue_full():
        raise Busy(
            _(
                "We are receiving more messages than we can read right now, so new messages are "
                "not accepted for the moment. Please try again in a few hours."
            )
        )
    if ratelimit.exhausted(SUBMIT_GLOBAL, settings.INTAKE_SUBMITS_PER_HOUR):
        raise Busy(
            _("Too many messages have been sent in the last hour. Please try again in an hour.")
        )


def submit(content: dict[str, Any], files: list[IncomingFile]) -> str:
    """Seal a first message and its files; returns the new codename (shown once, never stored)."""
    _check_files(files)
    if files:
        # Refused early when busy, before any file is opened and sealed for nothing; a text
        # alone is checked once, under the counter's lock below.
        try:
            _refuse_busy_submission()
        except Busy:
            _discard(files)
            raise
    public = intake_public_key()
    sealed_files = attachments.seal(files, public)
    try:
        while True:
            name = codename.new()
            derived = _derive(name)
            if not Conversation.objects.filter(lookup_id=derived.lookup_id).exists():
                break
        sealed = _seal(public, {"kind": "first", **content})
        today = timezone.localdate()
        with transaction.atomic():
            # Checked again under the counter's lock, so concurrent senders cannot overshoot.
            if queue_full() or not ratelimit.hit(SUBMIT_GLOBAL, settings.INTAKE_SUBMITS_PER_HOUR):
                _refuse_busy_submission()
                raise Busy(_("Please try again in an hour."))
            conversation = Conversation.objects.create(
                lookup_id=derived.lookup_id,
                person_public=derived.public,
                started_on=today,
                last_on=today,
                urgent=content.get("urgency") == URGENT,
            )
            message = Message.objects.create(
                conversation=conversation, direction=Direction.IN, day=today, sealed=sealed
            )
            attachments.record(message, sealed_files)
    except BaseException:
        attachments.discard(sealed_files)
        raise
    return name


# -- follow-up -----------------------------------------------------------------------------------


def _derive(name: str) -> codename.Derived:
    try:
        with derivations.slot():
            return codename.derive(name, kdf_params())
    except derivations.TooBusy as exc:
        raise Busy(str(exc)) from None


def sign_in(text: str) -> str:
    """Open a follow-up session with a codename; returns the cookie value.

    Wrong codenames are not counted: the derivations they cost are bounded instead
    (`derivations`), so a flood of them cannot lock out the people who hold a right one."""
    try:
        name = codename.parse(text)
    except codename.CodenameError:
        raise Refused(
            _(
                "This is not a codename: a codename is seven words from our list. Check the "
                "spelling of each word."
            )
        ) from None
    params = kdf_params()
    try:
        with derivations.slot():
            lookup = codename.lookup_id(name, params)
    except derivations.TooBusy as exc:
        raise Busy(str(exc)) from None
    conversation = Conversation.objects.filter(lookup_id=lookup).first()
    if conversation is None:
        raise Refused(
            _(
                "We have no conversation with this codename. Check the words and their order. "
                "Conversations nobody answered are deleted after %(days)d days."
            )
            % {"days": settings.INTAKE_RETENTION_DAYS}
        )
    if not ratelimit.hit(f"codename:{lookup}:login", settings.INTAKE_LOGINS_PER_CODENAME_PER_HOUR):
        raise Busy(
            _("This codename was used too often in the last hour. Please try again in an hour.")
        )
    try:
        with derivations.slot():
            private = codename.key_pair(name, params)
    except derivations.TooBusy as exc:
        raise Busy(str(exc)) from None
    if bytes(private.public_key) != bytes(conversation.person_public):
        raise Refused(_("This codename cannot be used. Please write to us again."))
    return followup.start(conversation.pk, bytes(private))


@dataclass(frozen=True)
class ThreadItem:
    """One message as the person sees it: his own are listed but not shown."""

    day: date
    mine: bool
    text: str
    files: int

    @property
    def lang(self) -> str | None:
        return text_language(self.text)


def thread_for_person(opened: followup.Opened) -> tuple[Conversation, list[ThreadItem]]:
    conversation = Conversation.objects.get(pk=opened.conversation_id)
    items = []
    for message in conversation.messages.all():
        files = message.attachments.count()
        if message.direction == Direction.IN:
            items.append(ThreadItem(message.day, True, "", files))
            continue
        payload = open_sealed(opened.private_key, bytes(message.sealed))
        items.append(ThreadItem(message.day, False, str(payload.get("text", "")), files))
    return conversation, items


def write_again(opened: followup.Opened, text: str, files: list[IncomingFile]) -> None:
    """A further message from the person, sealed like the first."""
    conversation = Conversation.objects.get(pk=opened.conversation_id)
    if conversation.status == Status.ABUSE:
        _discard(files)
        raise Refused(_("This conversation is closed."))
    _check_files(files)
    key = f"codename:{conversation.lookup_id}:message"
    if ratelimit.exhausted(key, settings.INTAKE_MESSAGES_PER_CODENAME_PER_HOUR):
        _discard(files)
        raise Busy(
            _("You have sent many messages in the last hour. Please wait an hour and write again.")
        )
    public = intake_public_key()
    sealed_files = attachments.seal(files, public)
    try:
        sealed = _seal(public, {"kind": "follow-up", "text": text})
        today = timezone.localdate()
        with transaction.atomic():
            if not ratelimit.hit(key, settings.INTAKE_MESSAGES_PER_CODENAME_PER_HOUR):
                raise Busy(_("Please wait an hour and write again."))
            message = Message.objects.create(
                conversation=conversation, direction=Direction.IN, day=today, sealed=sealed
            )
            attachments.record(message, sealed_files)
            conversation.unread = True
            conversation.last_on = today
            conversation.save(update_fields=["unread", "last_on"])
    except BaseException:
        attachments.discard(sealed_files)
        raise


# -- retention -----------------------------------------------------------------------------------


def _delete_threads(threads: Any) -> tuple[int, int]:
    ids = list(threads.values_list("pk", flat=True))
    if not ids:
        return 0, 0
    file_ids = list(
        Attachment.objects.filter(message__conversation_id__in=ids).values_list("id", flat=True)
    )
    attachments.delete_files(file_ids)
    Conversation.objects.filter(pk__in=ids).delete()
    return len(ids), len(file_ids)


ORPHAN_AGE_SECONDS = 2 * 86400


def _remove_orphan_files() -> int:
    """Files whose row went with something else (a case deleted with its linked thread).

    Stored files carry their day's midnight as modification time, hence two days of grace.
    """
    folder = Path(settings.FILES_DIR) / "intake"
    if not folder.is_dir():
        return 0
    known = {f"{pk.hex}.bin" for pk in Attachment.objects.values_list("id", flat=True)}
    cutoff = time.time() - ORPHAN_AGE_SECONDS
    removed = 0
    for path in folder.glob("??/*.bin"):
        if path.name not in known and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


@transaction.atomic
def purge(today: date) -> dict[str, int]:
    """Threads nobody acted on (and abuse) after INTAKE_RETENTION_DAYS; answered threads never
    linked to a case after INTAKE_ANSWERED_RETENTION_DAYS; ended sessions and counters."""
    cutoff = today - timedelta(days=settings.INTAKE_RETENTION_DAYS)
    answered_cutoff = today - timedelta(days=settings.INTAKE_ANSWERED_RETENTION_DAYS)
    unanswered = Conversation.objects.filter(
        case__isnull=True, acted_on__isnull=True, last_on__lt=cutoff
    )
    abuse = Conversation.objects.filter(case__isnull=True, status=Status.ABUSE, last_on__lt=cutoff)
    stale = Conversation.objects.filter(
        case__isnull=True, acted_on__isnull=False, last_on__lt=answered_cutoff
    )
    threads, files = _delete_threads(unanswered | abuse | stale)
    return {
        "intake threads deleted": threads,
        "intake files deleted": files + _remove_orphan_files(),
        "intake sessions ended": followup.forget_ended(),
        "intake counters removed": ratelimit.forget_ended(),
    }
