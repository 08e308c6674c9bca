"""Files a person sends: checked, stripped of metadata, then sealed to the intake key.

Each file is a secretstream file under its own random key; that key and the file's name, type and
size are SealedBox-sealed to the intake public key, so the server cannot open what it stored.
Uploads arrive already encrypted (vault.files.EncryptingUploadHandler); photos and PDFs are
stripped in memory (within INTAKE_STRIP_MAX_BYTES), text is re-sealed chunk by chunk.

Intake files live in FILES_DIR/intake/, apart from the vault's `??/*.bin`, because the vault's
orphan sweep deletes any stored file without a vault row there after a day.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import nacl.utils
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from nacl.public import PrivateKey, PublicKey, SealedBox

from safepassage.crypto import aead, stream
from safepassage.intake.models import Attachment, Message
from safepassage.safecopy import services as safecopy
from safepassage.vault.files import IncomingFile
from safepassage.vault.strip import TYPES, UnacceptableFile, identify, strip


class Refused(Exception):
    """What a person sent cannot be accepted; the message (translated) says why."""


def _aad(file_id: uuid.UUID) -> bytes:
    return aead.associated_data("intake-file", file_id.hex)


def stored_path(file_id: uuid.UUID) -> Path:
    return Path(settings.FILES_DIR) / "intake" / file_id.hex[:2] / f"{file_id.hex}.bin"


@dataclass(frozen=True)
class Meta:
    name: str
    kind: str
    size: int
    stripped: bool

    @property
    def mime(self) -> str:
        return TYPES[self.kind].mime


@dataclass(frozen=True)
class Sealed:
    """A file written and sealed, waiting for its message row."""

    file_id: uuid.UUID
    sealed_file_key: bytes
    sealed_meta: bytes
    stored_size: int
    kind: str = ""
    # Held in memory until the row is written, to queue the file's safe copy.
    file_key: bytes = field(default=b"", repr=False)


def _safe_name(name: str) -> str:
    """The name as the person gave it, without any folder part, for staff to read."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return base[:120] or "file"


def accept_attribute() -> str:
    """The file picker's `accept`: every extension and type intake takes."""
    kinds = [TYPES[kind] for kind in settings.INTAKE_ALLOWED_TYPES]
    return ",".join([e for t in kinds for e in t.extensions] + [t.mime for t in kinds])


def check(incoming: list[IncomingFile]) -> None:
    """Refuse too many, too large, disguised or unaccepted files, before anything is stored."""
    if len(incoming) > settings.INTAKE_FILES_MAX:
        raise Refused(
            _("You can attach at most %(count)d files to one message.")
            % {"count": settings.INTAKE_FILES_MAX}
        )
    allowed = frozenset(settings.INTAKE_ALLOWED_TYPES)
    for upload in incoming:
        name = _safe_name(upload.name or "")
        if upload.too_large or upload.plain_size > settings.INTAKE_FILE_MAX_BYTES:
            raise Refused(
                _("“%(name)s” is too large: a file may be at most %(mb)d MB.")
                % {"name": name, "mb": settings.INTAKE_FILE_MAX_BYTES // 2**20}
            )
        if upload.plain_size == 0:
            raise Refused(_("“%(name)s” is empty.") % {"name": name})
        try:
            kind = identify(name, upload.head, allowed)
        except UnacceptableFile:
            raise Refused(
                _(
                    "“%(name)s” was refused: only photos (JPEG, PNG, WebP, HEIC), PDF, Word, "
                    "OpenDocument, RTF and plain text files are accepted, and a file's content "
                    "must match its name."
                )
                % {"name": name}
            ) from None
        if TYPES[kind].strippable and upload.plain_size > settings.INTAKE_STRIP_MAX_BYTES:
            raise Refused(
                _("“%(name)s” is too large: photos and PDF files may be at most %(mb)d MB.")
                % {"name": name, "mb": settings.INTAKE_STRIP_MAX_BYTES // 2**20}
            )


def _write(file_id: uuid.UUID, key: bytes, chunks: Iterable[bytes]) -> int:
    target = stored_path(file_id)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        encryptor = stream.Encryptor(key, handle, _aad(file_id))
        for chunk in chunks:
            encryptor.write(chunk)
        encryptor.finish()
        handle.flush()
        os.fsync(handle.fileno())
    # The file's times would tell the second it arrived; the database keeps only the day.
    midnight = int(time.time()) // 86400 * 86400
    os.utime(target, (midnight, midnight))
    return target.stat().st_size


def seal(incoming: list[IncomingFile], intake_public: bytes) -> list[Sealed]:
    """Strip and seal every file; on any refusal nothing stays on disk."""
    box = SealedBox(PublicKey(intake_public))
    done: list[Sealed] = []
    allowed = frozenset(settings.INTAKE_ALLOWED_TYPES)
    try:
        for upload in incoming:
            name = _safe_name(upload.name or "")
            kind = identify(name, upload.head, allowed)
            file_id = uuid.uuid4()
            key = nacl.utils.random(aead.KEY_BYTES)
            if TYPES[kind].strippable:
                try:
                    clean = strip(kind, b"".join(upload.plaintext_chunks()))
                except UnacceptableFile:
                    raise Refused(
                        _("“%(name)s” could not be read: the file is damaged or not what it says.")
                        % {"name": name}
                    ) from None
                size = _write(file_id, key, [clean])
                meta = Meta(name, kind, len(clean), True)
            else:
                size = _write(file_id, key, upload.plaintext_chunks())
                meta = Meta(name, kind, upload.plain_size, False)
            done.append(
                Sealed(
                    file_id,
                    box.encrypt(key),
                    box.encrypt(json.dumps(meta.__dict__).encode()),
                    size,
                    kind,
                    key,
                )
            )
    except BaseException:
        discard(done)
        raise
    finally:
        for upload in incoming:
            upload.discard()
    return done


def discard(sealed: list[Sealed]) -> None:
    for item in sealed:
        stored_path(item.file_id).unlink(missing_ok=True)


def record(message: Message, sealed: list[Sealed]) -> None:
    Attachment.objects.bulk_create(
        [
            Attachment(
                id=item.file_id,
                message=message,
                sealed_file_key=item.sealed_file_key,
                sealed_meta=item.sealed_meta,
                stored_size=item.stored_size,
            )
            for item in sealed
        ]
    )
    for item in sealed:
        safecopy.enqueue(safecopy.Original("intake", item.file_id, item.kind, item.file_key))


def meta_of(row: Attachment, intake_private: bytes) -> Meta:
    raw = SealedBox(PrivateKey(intake_private)).decrypt(bytes(row.sealed_meta))
    return Meta(**json.loads(raw))


def file_key_of(row: Attachment, intake_private: bytes) -> bytes:
    return SealedBox(PrivateKey(intake_private)).decrypt(bytes(row.sealed_file_key))


def read_chunks(row: Attachment, intake_private: bytes) -> Iterator[bytes]:
    """The plaintext, chunk by chunk; raises stream.StreamError on damage."""
    return read_with_file_key(row.id, file_key_of(row, intake_private))


def read_with_file_key(file_id: uuid.UUID, key: bytes) -> Iterator[bytes]:
    with stored_path(file_id).open("rb") as handle:
        yield from stream.decrypt(key, handle, _aad(file_id))


def delete_files(ids: list[uuid.UUID]) -> None:
    """Remove the stored files once the deletion of their rows is committed."""
    paths = [stored_path(file_id) for file_id in ids]
    safecopy.forget_intake(ids)

    def unlink() -> None:
        for path in paths:
            path.unlink(missing_ok=True)

    transaction.on_commit(unlink)
