"""Encrypted attachments: received encrypted, checked, stripped of metadata, stored by id.

Uploads never touch the disk in the clear: `EncryptingUploadHandler` seals each piece as it
arrives under a one-time key, in chunks, so a 100 MB file never sits whole in memory. Storing the
upload then checks its real type against the allowed ones and its name; images and PDFs are
stripped of metadata in memory (within a smaller size limit) unless an untouched original is
explicitly kept for evidence. Each file has its own key, sealed under its object's key.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext as _

from safepassage.crypto import aead, stream
from safepassage.vault.models import EncryptedFile
from safepassage.vault.objects import ObjectKey
from safepassage.vault.storage import stored_path
from safepassage.vault.strip import TYPES, UnacceptableFile, identify, strip

HEAD_BYTES = 4096


def _stream_aad(file_id: uuid.UUID) -> bytes:
    return aead.associated_data("file", file_id.hex)


def _incoming_dir() -> Path:
    folder = Path(settings.FILES_DIR) / "incoming"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


class IncomingFile(UploadedFile):
    """An upload as received: sealed on disk under a one-time key, with its first bytes kept."""

    def __init__(
        self,
        name: str,
        content_type: str,
        file_id: uuid.UUID,
        path: Path,
        key: bytes,
        head: bytes,
        size: int,
        too_large: bool,
    ) -> None:
        super().__init__(None, name, content_type, size)
        self.plain_size = size
        self.file_id = file_id
        self.path = path
        self.key = key
        self.head = head
        self.too_large = too_large

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)

    def close(self) -> None:
        """Django closes every uploaded file when the response is done: what no view kept (a
        refused form, a field nobody reads, a request that failed) leaves the disk then."""
        self.discard()

    def plaintext_chunks(self) -> Iterator[bytes]:
        with self.path.open("rb") as handle:
            yield from stream.decrypt(self.key, handle, _stream_aad(self.file_id))


class EncryptingUploadHandler(FileUploadHandler):
    """Replaces Django's memory and temporary-file handlers: nothing plain reaches the disk."""

    def new_file(
        self,
        field_name: str,
        file_name: str,
        content_type: str,
        content_length: int | None,
        charset: str | None = None,
        content_type_extra: Any = None,
    ) -> None:
        super().new_file(
            field_name, file_name, content_type, content_length, charset, content_type_extra
        )
        self.file_id = uuid.uuid4()
        self.key = aead.new_key()
        self.path = _incoming_dir() / f"{self.file_id.hex}.part"
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self.handle = os.fdopen(fd, "wb")
        self.encryptor = stream.Encryptor(self.key, self.handle, _stream_aad(self.file_id))
        self.head = b""
        self.received = 0
        self.too_large = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.received += len(raw_data)
        if self.received > settings.VAULT_FILE_MAX_BYTES:
            self.too_large = True  # keep reading the request, but store nothing more
            return None
        if len(self.head) < HEAD_BYTES:
            self.head += raw_data[: HEAD_BYTES - len(self.head)]
        self.encryptor.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> IncomingFile:
        self.encryptor.finish()
        self.handle.close()
        return IncomingFile(
            self.file_name or "upload",
            self.content_type or "",
            self.file_id,
            self.path,
            self.key,
            self.head,
            self.received,
            self.too_large,
        )

    def upload_interrupted(self) -> None:
        handle = getattr(self, "handle", None)
        if handle is not None:
            handle.close()
            self.path.unlink(missing_ok=True)


@dataclass(frozen=True)
class FileMeta:
    name: str
    kind: str
    size: int
    stripped: bool
    original_kept: bool

    @property
    def mime(self) -> str:
        return TYPES[self.kind].mime


def _seal_meta(key: ObjectKey, file_id: uuid.UUID, meta: FileMeta) -> bytes:
    return key.encrypt(json.dumps(meta.__dict__).encode(), "file-meta", file_id.hex)


def store_upload(
    key: ObjectKey,
    incoming: IncomingFile,
    allowed: frozenset[str] | None = None,
    keep_original: bool = False,
) -> EncryptedFile:
    """Check, strip and store an upload under the object's key; refuses with UnacceptableFile."""
    allowed = allowed if allowed is not None else frozenset(settings.VAULT_ALLOWED_TYPES)
    try:
        if incoming.too_large:
            raise UnacceptableFile(
                _("The file is larger than %(mb)d MB.")
                % {"mb": settings.VAULT_FILE_MAX_BYTES // 2**20}
            )
        if EncryptedFile.objects.filter(ring=key.ring).count() >= settings.VAULT_FILES_PER_OBJECT:
            raise UnacceptableFile(_("This record already holds as many files as it may."))
        kind = identify(incoming.name or "", incoming.head, allowed)
        if TYPES[kind].strippable and not keep_original:
            if incoming.plain_size > settings.VAULT_STRIP_MAX_BYTES:
                raise UnacceptableFile(
                    _("Images and PDF files may be at most %(mb)d MB.")
                    % {"mb": settings.VAULT_STRIP_MAX_BYTES // 2**20}
                )
            clean = strip(kind, b"".join(incoming.plaintext_chunks()))
            return store_bytes(key, clean, incoming.name or "upload", kind, stripped=True)
        # Stored as received: the upload's own encryption becomes the file's.
        for _chunk in incoming.plaintext_chunks():
            pass  # proves the sealed upload is whole before it is kept
        meta = FileMeta(incoming.name or "upload", kind, incoming.plain_size, False, keep_original)
        target = stored_path(incoming.file_id)
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.replace(incoming.path, target)
        return _record(key, incoming.file_id, incoming.key, meta, target)
    finally:
        incoming.discard()


def store_bytes(
    key: ObjectKey,
    data: bytes,
    name: str,
    kind: str,
    stripped: bool = False,
    original_kept: bool = False,
) -> EncryptedFile:
    """Store content the server holds in memory (already checked) as an encrypted file."""
    return store_stream(key, [data], name, kind, stripped, original_kept)


def store_stream(
    key: ObjectKey,
    chunks: Iterable[bytes],
    name: str,
    kind: str,
    stripped: bool = False,
    original_kept: bool = False,
) -> EncryptedFile:
    """Store content arriving in pieces (already checked) as an encrypted file, one chunk in
    memory at a time. If reading the pieces fails, the partial file is removed."""
    file_id = uuid.uuid4()
    file_key = aead.new_key()
    target = stored_path(file_id)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            encryptor = stream.Encryptor(file_key, handle, _stream_aad(file_id))
            for chunk in chunks:
                encryptor.write(chunk)
            size = encryptor.finish()
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    meta = FileMeta(name, kind, size, stripped, original_kept)
    return _record(key, file_id, file_key, meta, target)


def _record(
    key: ObjectKey, file_id: uuid.UUID, file_key: bytes, meta: FileMeta, path: Path
) -> EncryptedFile:
    row = EncryptedFile.objects.create(
        id=file_id,
        ring=key.ring,
        key_version=key.version,
        sealed_file_key=key.encrypt(file_key, "file-key", file_id.hex),
        sealed_meta=_seal_meta(key, file_id, meta),
        stored_size=path.stat().st_size,
    )
    # A file whose recording transaction rolls back stays on disk without a key anywhere;
    # `safepassage retention purge` removes such orphans.
    return row


def meta_of(key: ObjectKey, row: EncryptedFile) -> FileMeta:
    raw = key.decrypt(bytes(row.sealed_meta), "file-meta", row.id.hex)
    return FileMeta(**json.loads(raw))


def file_key_of(key: ObjectKey, row: EncryptedFile) -> bytes:
    """The file's own key (what a safe copy of it is sealed under)."""
    if row.ring_id != key.ring.pk:
        raise aead.DecryptionError("this file belongs to another object")
    return key.decrypt(bytes(row.sealed_file_key), "file-key", row.id.hex)


def read_chunks(key: ObjectKey, row: EncryptedFile) -> Iterator[bytes]:
    """The file's plaintext, chunk by chunk; raises stream.StreamError on any damage."""
    return read_with_file_key(row.id, file_key_of(key, row))


def read_with_file_key(file_id: uuid.UUID, file_key: bytes) -> Iterator[bytes]:
    with stored_path(file_id).open("rb") as handle:
        yield from stream.decrypt(file_key, handle, _stream_aad(file_id))


def reseal_file_keys(old: ObjectKey, new: ObjectKey) -> None:
    """Key rotation: each file key and its metadata re-sealed under the new object key."""
    for row in EncryptedFile.objects.filter(ring=new.ring):
        file_key = old.decrypt(bytes(row.sealed_file_key), "file-key", row.id.hex)
        meta = meta_of(old, row)
        row.sealed_file_key = new.encrypt(file_key, "file-key", row.id.hex)
        row.sealed_meta = _seal_meta(new, row.id, meta)
        row.key_version = new.version
        row.save(update_fields=["sealed_file_key", "sealed_meta", "key_version"])


class UploadRefused(ValueError):
    """An upload that is missing or larger than the page takes; the message says which."""


def read_upload(upload: Any, limit: int, *, missing: str, too_large: str = "") -> bytes:
    """The plaintext of an upload within `limit` bytes, for the small files a page reads whole
    (an attestation to check, an import, a partner's card); its sealed copy is deleted either
    way."""
    if not isinstance(upload, IncomingFile):
        raise UploadRefused(missing)
    try:
        if upload.too_large or upload.plain_size > limit:
            raise UploadRefused(
                too_large or _("The file is larger than %(mb)d MB.") % {"mb": limit // 2**20}
            )
        return b"".join(upload.plaintext_chunks())
    finally:
        upload.discard()
