"""Safe copies: queued when a file arrives, made by the worker in the sandbox, read by staff.

Where the plaintext goes: the worker decrypts the original chunk by chunk and writes it into the
sandbox's stdin; inside, it lands in the sandbox's private in-memory /tmp, which disappears with
the sandbox. Pixels come back through a pipe; the safe copy is built in the worker's memory and
written encrypted. Nothing plain is written to a disk (see safeview.sandbox for the weaker
fallback without bubblewrap).
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from safepassage.audit.services import record
from safepassage.cases.gate import CaseAccess
from safepassage.crypto import aead, stream
from safepassage.crypto.keyfolder import KeyFolderError
from safepassage.safecopy.models import SafeCopy, State
from safepassage.safeview import convert
from safepassage.safeview.limits import Limits, Stopped
from safepassage.vault import files
from safepassage.vault.keys import key_folder
from safepassage.vault.models import EncryptedFile
from safepassage.vault.objects import ObjectKey

if TYPE_CHECKING:
    from safepassage.accounts.models import Staff

log = logging.getLogger("safepassage.safecopy")

# How to read an original's plaintext from its id and file key, by where it is stored.
Reader = Callable[[uuid.UUID, bytes], Iterable[bytes]]
READERS: dict[str, Reader] = {}
ORPHAN_AGE_SECONDS = 3600


def register_reader(source: str, reader: Reader) -> None:
    READERS[source] = reader


@dataclass(frozen=True)
class Original:
    """A stored file a safe copy is made of, with its key opened by whoever stored or reads it."""

    source: str  # "vault" or "intake"
    file_id: uuid.UUID
    kind: str
    file_key: bytes = field(repr=False)


def convertible(kind: str) -> bool:
    return kind in convert.CONVERTIBLE


def _aad(copy_id: uuid.UUID, what: str) -> bytes:
    return aead.associated_data("safe-copy", what, copy_id.hex)


def stored_path(copy_id: uuid.UUID) -> Path:
    return Path(settings.FILES_DIR) / "safecopy" / copy_id.hex[:2] / f"{copy_id.hex}.bin"


def _find(original: Original) -> SafeCopy | None:
    if original.source == "vault":
        return SafeCopy.objects.filter(original_id=original.file_id).first()
    return SafeCopy.objects.filter(intake_original=original.file_id).first()


def copies_of(source: str, file_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, SafeCopy]:
    ids = list(file_ids)
    if source == "vault":
        return {c.source_id: c for c in SafeCopy.objects.filter(original_id__in=ids)}
    return {c.source_id: c for c in SafeCopy.objects.filter(intake_original__in=ids)}


def _job_sealed(copy_id: uuid.UUID, file_key: bytes) -> bytes:
    # A job key left behind by a rolled-back transaction is swept by `purge`.
    job_key = key_folder().create_job_key(copy_id.hex)
    return aead.encrypt(job_key, file_key, _aad(copy_id, "job"))


def enqueue(original: Original) -> SafeCopy | None:
    """Queue the safe copy of a file (once); None for a kind no safe copy is made of."""
    if not convertible(original.kind):
        return None
    existing = _find(original)
    if existing is not None:
        return existing
    copy_id = uuid.uuid4()
    return SafeCopy.objects.create(
        id=copy_id,
        original_id=original.file_id if original.source == "vault" else None,
        intake_original=original.file_id if original.source == "intake" else None,
        kind=original.kind,
        sealed_key=aead.encrypt(original.file_key, aead.new_key(), _aad(copy_id, "key")),
        job_sealed=_job_sealed(copy_id, original.file_key),
    )


def ensure(original: Original) -> SafeCopy | None:
    """The file's safe copy, queued now if it has none yet (files stored before safe copies
    existed) or if its made copy is missing (safe copies are not in backups)."""
    copy = _find(original)
    if copy is None:
        return enqueue(original)
    if copy.state == State.DONE and not stored_path(copy.id).exists():
        copy.job_sealed = _job_sealed(copy.id, original.file_key)
        copy.state, copy.reason, copy.pages_done, copy.attempts = State.QUEUED, "", 0, 0
        copy.queued_at = timezone.now()
        copy.save(update_fields=["job_sealed", "state", "reason", "pages_done", "attempts"])
    return copy


def carry_over(old: Original, new: Original) -> None:
    """A file moved under another key (an intake file into a case): its safe copy follows, or
    is queued again from the new original when it was not made yet."""
    copy = _find(old)
    if copy is None:
        enqueue(new)
        return
    if copy.state != State.DONE:
        forget([copy])
        enqueue(new)
        return
    out_key = aead.decrypt(old.file_key, bytes(copy.sealed_key), _aad(copy.id, "key"))
    copy.sealed_key = aead.encrypt(new.file_key, out_key, _aad(copy.id, "key"))
    copy.original_id = new.file_id if new.source == "vault" else None
    copy.intake_original = new.file_id if new.source == "intake" else None
    copy.save(update_fields=["sealed_key", "original", "intake_original"])


def forget(copies: Iterable[SafeCopy]) -> None:
    """Delete safe copies now and their files and job keys once that is committed."""
    rows = list(copies)
    ids = [c.id for c in rows]
    SafeCopy.objects.filter(pk__in=ids).delete()

    def remove() -> None:
        folder = key_folder()
        for copy_id in ids:
            stored_path(copy_id).unlink(missing_ok=True)
            folder.destroy_job_key(copy_id.hex)

    transaction.on_commit(remove)


def forget_intake(file_ids: Iterable[uuid.UUID]) -> None:
    forget(SafeCopy.objects.filter(intake_original__in=list(file_ids)))


def read_copy(copy: SafeCopy, file_key: bytes) -> Iterator[bytes]:
    """The safe copy's bytes for someone who opened the original's key."""
    out_key = aead.decrypt(file_key, bytes(copy.sealed_key), _aad(copy.id, "key"))
    return _read(stored_path(copy.id), out_key, _aad(copy.id, "file"))


def _read(path: Path, key: bytes, aad: bytes) -> Iterator[bytes]:
    with path.open("rb") as handle:
        yield from stream.decrypt(key, handle, aad)


def is_ready(copy: SafeCopy | None) -> bool:
    return copy is not None and copy.state == State.DONE and stored_path(copy.id).exists()


def record_original_download(
    staff: Staff,
    action: str,
    target_type: str,
    target_ref: str | int,
    kind: str,
    copy: SafeCopy | None,
) -> None:
    """The deliberate step: the staff member confirmed the risk and took the original."""
    with transaction.atomic():
        record(
            action,
            actor=staff,
            target_type=target_type,
            target_ref=target_ref,
            details={"kind": kind, "safe_copy": copy.state if copy else "none"},
        )


def original_of(key: ObjectKey, row: EncryptedFile) -> Original:
    """A vault file as the original of a safe copy, with its key opened by the object's key."""
    return Original("vault", row.id, files.meta_of(key, row).kind, files.file_key_of(key, row))


def add_case_file(access: CaseAccess, incoming: files.IncomingFile) -> EncryptedFile:
    """A file added to a case: checked, stripped, stored under the case key, its safe copy
    queued; audited."""
    with transaction.atomic():
        row = files.store_upload(access.key, incoming)
        original = original_of(access.key, row)
        enqueue(original)
        record(
            "case.file_added",
            actor=access.staff,
            target_type="case",
            target_ref=access.case.reference,
            details={"kind": original.kind},
        )
    return row


# -- the worker's side ------------------------------------------------------------------------


def limits() -> Limits:
    return Limits(
        timeout_seconds=settings.SAFECOPY_TIMEOUT_SECONDS,
        seconds_per_page=settings.SAFECOPY_SECONDS_PER_PAGE,
        cpu_seconds=settings.SAFECOPY_CPU_SECONDS,
        memory_bytes=settings.SAFECOPY_MEMORY_BYTES,
        max_pages=settings.SAFECOPY_MAX_PAGES,
    )


def _reclaim_stale() -> None:
    """A job whose worker died is queued again once, then given up as failed."""
    longest = (
        settings.SAFECOPY_TIMEOUT_SECONDS
        + settings.SAFECOPY_MAX_PAGES * settings.SAFECOPY_SECONDS_PER_PAGE
    )
    cutoff = timezone.now() - timedelta(seconds=longest + 120)
    stale = SafeCopy.objects.filter(state=State.RUNNING, started_at__lt=cutoff)
    stale.filter(attempts__lt=2).update(state=State.QUEUED)
    for copy in stale.filter(attempts__gte=2):
        _finish(copy, State.FAILED, "converter")


def claim() -> SafeCopy | None:
    """The oldest waiting job, taken so that no other worker takes it too."""
    _reclaim_stale()
    for candidate in SafeCopy.objects.filter(state=State.QUEUED).order_by("queued_at")[:10]:
        taken = SafeCopy.objects.filter(pk=candidate.pk, state=State.QUEUED).update(
            state=State.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1
        )
        if taken:
            return SafeCopy.objects.get(pk=candidate.pk)
    return None


def _finish(copy: SafeCopy, state: str, reason: str = "", **values: Any) -> bool:
    """Record the outcome and destroy the job's key; False when the original went meanwhile."""
    updated = SafeCopy.objects.filter(pk=copy.pk).update(
        state=state, reason=reason, job_sealed=None, finished_at=timezone.now(), **values
    )
    key_folder().destroy_job_key(copy.id.hex)
    return updated == 1


def make(copy: SafeCopy, budget: Limits | None = None) -> str:
    """Make one claimed safe copy; returns the state it ended in."""
    started = time.monotonic()
    budget = budget or limits()

    def progress(done: int, total: int) -> None:
        SafeCopy.objects.filter(pk=copy.pk).update(pages=total, pages_done=done)

    try:
        job_key = key_folder().job_key(copy.id.hex)
        file_key = aead.decrypt(job_key, bytes(copy.job_sealed or b""), _aad(copy.id, "job"))
        out_key = aead.decrypt(file_key, bytes(copy.sealed_key), _aad(copy.id, "key"))
        result = convert.convert(
            READERS[copy.source](copy.source_id, file_key),
            copy.kind,
            budget,
            font_path=settings.SAFEPASSAGE_PDF_FONT,
            ocr_text=settings.SAFECOPY_OCR,
            progress=progress,
        )
    except Stopped as stopped:
        state = State.STOPPED if stopped.hit_a_limit else State.FAILED
        _finish(copy, state, stopped.reason)
        log.info("safe copy %s: %s (%s)", state, stopped.reason, copy.kind)
        return state
    except (KeyFolderError, aead.DecryptionError, stream.StreamError, OSError, KeyError):
        _finish(copy, State.FAILED, "converter")
        log.warning("safe copy failed: the original or its job key could not be read")
        return State.FAILED
    size = _write(copy.id, out_key, result.data)
    kept = _finish(
        copy,
        State.DONE,
        pages=result.pages,
        pages_done=result.pages,
        text_recognised=result.words > 0,
        stored_size=size,
    )
    if not kept:
        stored_path(copy.id).unlink(missing_ok=True)
    log.info(
        "safe copy made: %d pages, %s, %.1f s",
        result.pages,
        "text recognised" if result.words else "no text",
        time.monotonic() - started,
    )
    return State.DONE


def give_up(copy: SafeCopy, exc: Exception) -> None:
    _finish(copy, State.FAILED, "converter")
    log.error("safe copy failed unexpectedly: %s", type(exc).__name__)


def _write(copy_id: uuid.UUID, key: bytes, data: bytes) -> int:
    target = stored_path(copy_id)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    part = target.with_suffix(".part")
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        encryptor = stream.Encryptor(key, handle, _aad(copy_id, "file"))
        encryptor.write(data)
        encryptor.finish()
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(part, target)
    return target.stat().st_size


def purge(today: date) -> dict[str, int]:
    """Safe-copy files and job keys that no row names any more (an original deleted while its
    copy was being made, a transaction rolled back)."""
    cutoff = time.time() - ORPHAN_AGE_SECONDS
    known = {c.hex for c in SafeCopy.objects.values_list("id", flat=True)}
    removed = 0
    folder = Path(settings.FILES_DIR) / "safecopy"
    if folder.is_dir():
        for path in [*folder.glob("??/*.bin"), *folder.glob("??/*.part")]:
            if path.stem not in known and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                removed += 1
    keys = key_folder()
    waiting = {
        c.hex
        for c in SafeCopy.objects.filter(state__in=[State.QUEUED, State.RUNNING]).values_list(
            "id", flat=True
        )
    }
    for name in keys.job_names():
        if name not in waiting and (keys.path / "jobs" / f"{name}.key").stat().st_mtime < cutoff:
            keys.destroy_job_key(name)
            removed += 1
    return {"safe-copy leftovers": removed} if removed else {}
