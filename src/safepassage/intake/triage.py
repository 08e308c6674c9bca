"""Triage: staff who hold the intake key read threads, reply, and turn them into cases.

Every function needs the intake private key, opened with the signed-in staff member's own key
(`vault.intake.open_intake_key`): staff without the intake duty open nothing. A thread linked to
a case is reached only through the case gate, so need to know holds for it as for the case. Every
action is audited in its own transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from safepassage.audit.services import record
from safepassage.cases import services as case_services
from safepassage.cases.gate import CaseAccess, open_case
from safepassage.cases.models import Assignment, Note
from safepassage.core.roles import Perm, has_permission
from safepassage.intake import attachments
from safepassage.intake.models import Attachment, Conversation, Direction, Message, Status
from safepassage.intake.services import _seal, open_sealed
from safepassage.safecopy import services as safecopy
from safepassage.textlang import text_language
from safepassage.vault import files
from safepassage.vault.intake import intake_public_key, open_intake_key
from safepassage.vault.objects import NoAccess
from safepassage.vault.session import VaultSession

if TYPE_CHECKING:
    from safepassage.accounts.models import Staff


class TriageError(Exception):
    """An action the rules do not allow; the message is shown to the staff member."""


@dataclass
class Entry:
    """One message of a thread, opened for a staff member."""

    pk: int
    day: date
    incoming: bool
    payload: dict[str, Any]
    author: str
    files: list[tuple[uuid.UUID, attachments.Meta]] = field(default_factory=list)
    doors: list[Any] = field(default_factory=list)  # each file as the page offers it

    @property
    def lang(self) -> str | None:
        """The language the text is written in, for screen readers."""
        return text_language(str(self.payload.get("text", "")))


@dataclass
class Thread:
    conversation: Conversation
    entries: list[Entry]
    intake_private: bytes = field(repr=False)
    case_access: CaseAccess | None = None

    def first(self) -> dict[str, Any]:
        for entry in self.entries:
            if entry.incoming:
                return entry.payload
        return {}

    def incoming_text(self) -> str:
        return "\n\n".join(
            f"{e.day.isoformat()}\n{e.payload.get('text', '')}" for e in self.entries if e.incoming
        )


def intake_key(vault: VaultSession | None) -> bytes:
    try:
        return open_intake_key(vault)
    except NoAccess:
        raise Http404 from None


def _conversation(pk: int) -> Conversation:
    conversation = Conversation.objects.select_related("case").filter(pk=pk).first()
    if conversation is None:
        raise Http404
    return conversation


def open_thread(
    staff: Staff, vault: VaultSession | None, pk: int, purpose: str = "opened"
) -> Thread:
    """The thread decrypted for this staff member, or Http404; the opening is audited."""
    conversation = _conversation(pk)
    private = intake_key(vault)
    access = None
    if conversation.case is not None:
        access = open_case(staff, conversation.case.reference, vault, "intake_thread_viewed")
    entries = []
    messages = conversation.messages.select_related("author").prefetch_related("attachments")
    for message in messages:
        incoming = message.direction == Direction.IN
        sealed = message.sealed if incoming else message.sealed_for_intake
        payload = open_sealed(private, bytes(sealed or b""))
        entry = Entry(
            message.pk,
            message.day,
            incoming,
            payload,
            "" if incoming or message.author is None else message.author.display_name,
        )
        for row in message.attachments.all():
            entry.files.append((row.id, attachments.meta_of(row, private)))
        entries.append(entry)
    # Reading is audited and changes nothing else: a thread stays waiting until someone marks
    # it read or acts on it.
    record(
        f"intake.{purpose}",
        actor=staff,
        target_type="intake",
        target_ref=conversation.pk,
        details={"messages": len(entries)},
    )
    return Thread(conversation, entries, private, access)


@transaction.atomic
def mark_read(staff: Staff, vault: VaultSession | None, pk: int) -> None:
    """Take a thread off the waiting list without answering it (it is read, nothing to do yet)."""
    intake_key(vault)  # only someone who can read the thread may say it is read
    conversation = Conversation.objects.select_for_update().filter(pk=pk).first()
    if conversation is None:
        raise Http404
    if not conversation.unread:
        return
    conversation.unread = False
    if conversation.status == Status.NEW:
        conversation.status = Status.READ
    conversation.save(update_fields=["unread", "status"])
    record("intake.marked_read", actor=staff, target_type="intake", target_ref=conversation.pk)


def reply(staff: Staff, vault: VaultSession | None, pk: int, text: str) -> Message:
    """A reply sealed to the person's own key, and a copy to the intake key for colleagues."""
    thread = open_thread(staff, vault, pk, purpose="opened_to_reply")
    conversation = thread.conversation
    if conversation.status == Status.ABUSE:
        raise TriageError(_("This thread was marked as abuse."))
    today = timezone.localdate()
    with transaction.atomic():
        message = Message.objects.create(
            conversation=conversation,
            direction=Direction.OUT,
            day=today,
            sealed=_seal(bytes(conversation.person_public), {"text": text}),
            sealed_for_intake=_seal(intake_public_key(), {"text": text}),
            author=staff,
        )
        if conversation.status in (Status.NEW, Status.READ):
            conversation.status = Status.ANSWERED
        conversation.acted_on = conversation.acted_on or today
        conversation.last_on = today
        conversation.unread = False
        conversation.save(update_fields=["status", "acted_on", "last_on", "unread"])
        record(
            "intake.replied",
            actor=staff,
            target_type="intake",
            target_ref=conversation.pk,
            details={"message": message.pk},
        )
    return message


def mark_abuse(staff: Staff, vault: VaultSession | None, pk: int) -> None:
    """Abuse: the person can no longer write into the thread; it is deleted with the unanswered."""
    conversation = _conversation(pk)
    intake_key(vault)
    if conversation.case_id is not None:
        raise TriageError(_("A thread linked to a case cannot be marked as abuse."))
    with transaction.atomic():
        conversation.status = Status.ABUSE
        conversation.unread = False
        conversation.save(update_fields=["status", "unread"])
        record("intake.marked_abuse", actor=staff, target_type="intake", target_ref=conversation.pk)


@dataclass(frozen=True)
class OpenedFile:
    meta: attachments.Meta
    row: Attachment
    file_key: bytes = field(repr=False)

    def chunks(self) -> Iterator[bytes]:
        return attachments.read_with_file_key(self.row.id, self.file_key)


def open_file(staff: Staff, vault: VaultSession | None, pk: int, file_id: uuid.UUID) -> OpenedFile:
    """One attachment opened for a staff member who may open the thread; audited."""
    conversation = _conversation(pk)
    row = Attachment.objects.filter(pk=file_id, message__conversation=conversation).first()
    # Intake files are not in backups: after a restore the row may outlive its file.
    if row is None or not attachments.stored_path(row.id).exists():
        raise Http404
    private = intake_key(vault)
    if conversation.case is not None:
        open_case(staff, conversation.case.reference, vault, "intake_file_viewed")
    meta = attachments.meta_of(row, private)
    with transaction.atomic():
        record(
            "intake.file_opened",
            actor=staff,
            target_type="intake",
            target_ref=conversation.pk,
            details={"kind": meta.kind},
        )
    return OpenedFile(meta, row, attachments.file_key_of(row, private))


def _move_into(access: CaseAccess, thread: Thread, note: str, confirmed: list[str]) -> int:
    """The thread's text as a case note and its files under the case key; returns the file count."""
    if note:
        case_services.save_row(
            access, Note(case=access.case, by=access.staff), {"text": note}, confirmed
        )
    rows = list(Attachment.objects.filter(message__conversation=thread.conversation))
    moved = 0
    for row in rows:
        if not attachments.stored_path(row.id).exists():
            continue  # lost with a restore from backup (intake files are not backed up)
        moved += 1
        meta = attachments.meta_of(row, thread.intake_private)
        old_key = attachments.file_key_of(row, thread.intake_private)
        data = b"".join(attachments.read_with_file_key(row.id, old_key))
        moved_row = files.store_bytes(
            access.key, data, meta.name, meta.kind, stripped=meta.stripped
        )
        # Its safe copy follows it under the case key (or is made again from the moved file).
        safecopy.carry_over(
            safecopy.Original("intake", row.id, meta.kind, old_key),
            safecopy.original_of(access.key, moved_row),
        )
    # Once in the case, a file is kept under the case key only: need to know, not intake duty.
    attachments.delete_files([row.id for row in rows])
    Attachment.objects.filter(pk__in=[row.id for row in rows]).delete()
    conversation = thread.conversation
    conversation.case = access.case
    conversation.status = Status.CASE
    conversation.unread = False
    conversation.acted_on = conversation.acted_on or timezone.localdate()
    conversation.save(update_fields=["case", "status", "unread", "acted_on"])
    return moved


def turn_into_case(
    staff: Staff,
    vault: VaultSession | None,
    pk: int,
    values: dict[str, Any],
    note: str,
    confirmed: list[str],
) -> CaseAccess:
    """A new case from the thread: what he gave pre-fills it, his files move under its key."""
    if not has_permission(staff, Perm.CREATE_CASE):
        raise TriageError(_("You may not create cases."))
    with transaction.atomic():
        thread = open_thread(staff, vault, pk, purpose="opened_for_case")
        if thread.conversation.case_id is not None:
            raise TriageError(_("This thread is already linked to a case."))
        access = case_services.create_case(staff, **values)
        moved = _move_into(access, thread, note, confirmed)
        record(
            "intake.turned_into_case",
            actor=staff,
            target_type="case",
            target_ref=access.case.reference,
            details={"thread": thread.conversation.pk, "files": moved},
        )
    return access


def attach_to_case(
    staff: Staff,
    vault: VaultSession | None,
    pk: int,
    reference: str,
    note: str,
    confirmed: list[str],
) -> CaseAccess:
    """Link the thread to one of the staff member's own cases (through the gate)."""
    with transaction.atomic():
        thread = open_thread(staff, vault, pk, purpose="opened_for_case")
        if thread.conversation.case_id is not None:
            raise TriageError(_("This thread is already linked to a case."))
        access = open_case(staff, reference, vault, "intake_attached")
        moved = _move_into(access, thread, note, confirmed)
        record(
            "intake.attached_to_case",
            actor=staff,
            target_type="case",
            target_ref=access.case.reference,
            details={"thread": thread.conversation.pk, "files": moved},
        )
    return access


def own_case_references(staff: Staff) -> list[str]:
    return list(
        Assignment.objects.filter(staff=staff, case__organisation_id=staff.organisation_id)
        .order_by("-case__created_at")
        .values_list("case__reference", flat=True)[:500]
    )
