"""Signed messages between partner organisations, encrypted in the age format. No Django here.

A message (a hand-over bundle, an update, a receipt, or any later kind) is a tar archive
(ustar) encrypted with age to the recipient's X25519 key, so `age -d -i key.txt msg.age | tar x`
opens it without this program. Inside, in this order:

    manifest.json   canonical JSON: format, version, kind, id, from {name, signing_key},
                    to {name, signing_key, encryption_key}, created_at, expires_at,
                    parts [{name, size, sha256}], about {...kind-specific, small}
    manifest.sig    64 bytes: the sender's Ed25519 signature over manifest.json as stored
    <parts>         each part in the manifest's order, its SHA-256 as the manifest says

Only the manifest is signed; it binds every part by its hash, so a part of any size streams
through without being held in memory. The manifest names the recipient (both keys): a message
re-encrypted to someone else, or replayed under another's name, fails the recipient check.

Reading decrypts the age layer first into a spool encrypted under a one-time key (nothing plain
reaches the disk), because age authenticates each chunk but a truncated file shows only at its
end; the tar is then read from the spool, so no byte is parsed before the whole file decrypted.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tarfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

import pyrage

from safepassage.crypto import aead, stream
from safepassage.crypto.signing import SignatureError, canonical_json, verify
from safepassage.partners.card import parse_stamp, stamp

FORMAT = "safepassage-partner-message"
VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
MANIFEST_MAX = 256 * 1024
PARTS_MAX = 500
CHUNK = 64 * 1024
CLOCK_SKEW = timedelta(minutes=10)
KIND = re.compile(r"^[a-z][a-z0-9-]{0,31}$")
PART_NAME = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]{0,80}(/[A-Za-z0-9_-][A-Za-z0-9._-]{0,80})?$")
MESSAGE_ID = re.compile(r"^[0-9a-f]{32}$")


class MessageError(Exception):
    """A message refused; `code` is a short reason for the audit log, the text is for people."""

    def __init__(self, code: str, text: str) -> None:
        super().__init__(text)
        self.code = code


# -- what is signed -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PartEntry:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    kind: str
    id: str
    sender_name: str
    sender_key: bytes
    recipient_name: str
    recipient_key: bytes
    recipient_encryption_key: str
    created_at: datetime
    expires_at: datetime
    parts: tuple[PartEntry, ...]
    about: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "kind": self.kind,
            "id": self.id,
            "from": {"name": self.sender_name, "signing_key": self.sender_key.hex()},
            "to": {
                "name": self.recipient_name,
                "signing_key": self.recipient_key.hex(),
                "encryption_key": self.recipient_encryption_key,
            },
            "created_at": stamp(self.created_at),
            "expires_at": stamp(self.expires_at),
            "parts": [{"name": p.name, "size": p.size, "sha256": p.sha256} for p in self.parts],
            "about": self.about,
        }

    def to_bytes(self) -> bytes:
        return canonical_json(self.to_json())


def new_message_id() -> str:
    return uuid.uuid4().hex


def _refuse(text: str) -> MessageError:
    return MessageError("malformed", text)


def parse_manifest(raw: bytes) -> Manifest:
    """The manifest as written; refuses anything but the one canonical form of this version."""
    try:
        document = json.loads(raw.decode("utf-8"))
        canonical = canonical_json(document) == raw
    except (UnicodeDecodeError, ValueError, TypeError, RecursionError):
        raise _refuse("the message's manifest is not readable JSON") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _refuse("this is not a safepassage partner message")
    if document.get("version") != VERSION:
        raise _refuse(f"this message has version {document.get('version')!r}; we read {VERSION}")
    if not canonical:
        raise _refuse("the message's manifest is not in its signed form")
    try:
        sender, recipient = document["from"], document["to"]
        parts = tuple(
            PartEntry(str(p["name"]), int(p["size"]), str(p["sha256"])) for p in document["parts"]
        )
        manifest = Manifest(
            kind=str(document["kind"]),
            id=str(document["id"]),
            sender_name=str(sender["name"]),
            sender_key=bytes.fromhex(sender["signing_key"]),
            recipient_name=str(recipient["name"]),
            recipient_key=bytes.fromhex(recipient["signing_key"]),
            recipient_encryption_key=str(recipient["encryption_key"]),
            created_at=parse_stamp(document["created_at"]),
            expires_at=parse_stamp(document["expires_at"]),
            parts=parts,
            about=document["about"],
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise _refuse("the message's manifest lacks a field or has one of the wrong kind") from None
    names = [p.name for p in manifest.parts]
    if (
        not KIND.match(manifest.kind)
        or not MESSAGE_ID.match(manifest.id)
        or len(manifest.sender_key) != 32
        or len(manifest.recipient_key) != 32
        or not isinstance(manifest.about, dict)
        or len(manifest.parts) > PARTS_MAX
        or len(set(names)) != len(names)
        or any(n in (MANIFEST, SIGNATURE) or not PART_NAME.match(n) for n in names)
        or any(p.size < 0 or not re.fullmatch(r"[0-9a-f]{64}", p.sha256) for p in manifest.parts)
    ):
        raise _refuse("the message's manifest has a value out of its allowed form")
    return manifest


# -- writing -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One part to send: its size and a way to read it (called twice: to hash, then to write)."""

    name: str
    size: int
    chunks: Callable[[], Iterable[bytes]]


def part_from_bytes(name: str, data: bytes) -> Part:
    return Part(name, len(data), lambda: [data])


def _hash_part(part: Part) -> PartEntry:
    digest = hashlib.sha256()
    size = 0
    for chunk in part.chunks():
        digest.update(chunk)
        size += len(chunk)
    if size != part.size:
        raise ValueError(f"part {part.name} is {size} bytes, not {part.size}")
    return PartEntry(part.name, size, digest.hexdigest())


def _member(name: str, size: int, mtime: int) -> bytes:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = mtime
    info.mode = 0o600
    return info.tobuf(format=tarfile.USTAR_FORMAT)


def _padding(size: int) -> bytes:
    return b"\0" * (-size % tarfile.BLOCKSIZE)


def plaintext(
    manifest_fields: dict[str, Any], parts: list[Part], sign: Callable[[bytes], bytes]
) -> tuple[Manifest, Iterator[bytes]]:
    """The signed manifest and the tar stream of the message (parts are read twice)."""
    entries = tuple(_hash_part(p) for p in parts)
    manifest = Manifest(parts=entries, **manifest_fields)
    raw = manifest.to_bytes()
    signature = sign(raw)
    mtime = int(manifest.created_at.timestamp())

    def chunks() -> Iterator[bytes]:
        written = 0
        for name, data in ((MANIFEST, raw), (SIGNATURE, signature)):
            yield _member(name, len(data), mtime) + data + _padding(len(data))
            written += tarfile.BLOCKSIZE + len(data) + len(_padding(len(data)))
        for part, entry in zip(parts, entries, strict=True):
            yield _member(part.name, part.size, mtime)
            digest = hashlib.sha256()
            for chunk in part.chunks():
                digest.update(chunk)
                yield chunk
            if digest.hexdigest() != entry.sha256:
                raise ValueError(f"part {part.name} changed while it was being sent")
            yield _padding(part.size)
            written += tarfile.BLOCKSIZE + part.size + len(_padding(part.size))
        end = b"\0" * (2 * tarfile.BLOCKSIZE)
        written += len(end)
        yield end + b"\0" * (-written % tarfile.RECORDSIZE)

    return manifest, chunks()


class _ChunkReader(io.RawIOBase):
    """A readable file over an iterator of byte strings (what age reads its plaintext from)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self.chunks = chunks
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self.pending:
            try:
                self.pending = next(self.chunks)
            except StopIteration:
                return 0
        n = min(len(buffer), len(self.pending))
        buffer[:n] = self.pending[:n]
        self.pending = self.pending[n:]
        return n


class _HashingWriter(io.RawIOBase):
    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.digest = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        data = bytes(data)
        self.digest.update(data)
        self.size += len(data)
        self.out.write(data)
        return len(data)


def encrypt(chunks: Iterator[bytes], recipient: str, out: BinaryIO) -> tuple[str, int]:
    """age-encrypt the stream to one X25519 recipient; returns the SHA-256 and size written."""
    writer = _HashingWriter(out)
    pyrage.encrypt_io(
        io.BufferedReader(_ChunkReader(chunks), CHUNK),
        writer,  # type: ignore[arg-type]
        [pyrage.x25519.Recipient.from_str(recipient)],
    )
    return writer.digest.hexdigest(), writer.size


# -- reading -------------------------------------------------------------------------------------


class _SpoolWriter(io.RawIOBase):
    """Receives age's plaintext and seals it at once into the spool, within a size limit."""

    def __init__(self, encryptor: stream.Encryptor, limit: int) -> None:
        self.encryptor = encryptor
        self.limit = limit
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise MessageError("too_large", "the message is larger than we accept")
        self.encryptor.write(bytes(data))
        return len(data)


class _HashingReader(io.RawIOBase):
    def __init__(self, source: BinaryIO, limit: int) -> None:
        self.source = source
        self.limit = limit
        self.digest = hashlib.sha256()
        self.size = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.source.read(len(buffer))
        self.size += len(data)
        if self.size > self.limit:
            raise MessageError("too_large", "the file is larger than we accept")
        self.digest.update(data)
        buffer[: len(data)] = data
        return len(data)


class Reader:
    """An opened message: its claimed manifest first, then (once verified) its parts.

    Use as a context manager; the spool is deleted on leaving. `manifest` is what the message
    claims until `verify` succeeds with the sender's registered key.
    """

    def __init__(
        self, source: BinaryIO, identities: list[str], spool_dir: Path, limit: int
    ) -> None:
        self.limit = limit
        spool_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.path = spool_dir / f"{uuid.uuid4().hex}.spool"
        self._key = aead.new_key()
        self._aad = b"partner-message-spool"
        self.verified = False
        hashing = _HashingReader(source, limit)
        spool: _SpoolWriter | None = None
        try:
            keys = [pyrage.x25519.Identity.from_str(i) for i in identities]
        except (pyrage.IdentityError, ValueError):
            raise MessageError("no_key", "our own decryption key is unusable") from None
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                encryptor = stream.Encryptor(self._key, handle, self._aad)
                spool = _SpoolWriter(encryptor, limit)
                pyrage.decrypt_io(
                    io.BufferedReader(hashing, CHUNK),
                    spool,  # type: ignore[arg-type]
                    keys,
                )
                encryptor.finish()
        except MessageError:
            self.close()
            raise
        except (pyrage.DecryptError, OSError, ValueError) as exc:
            self.close()
            # age reports an error raised by our reader or writer as its own.
            if hashing.size > limit or (spool is not None and spool.size > limit):
                raise MessageError("too_large", "the message is larger than we accept") from None
            if "no matching keys" in str(exc).lower():
                raise MessageError(
                    "not_for_us", "the file is encrypted to someone else, not to us"
                ) from None
            raise MessageError(
                "damaged", "the file is not an age file, or it is damaged or truncated"
            ) from None
        self.sha256 = hashing.digest.hexdigest()
        self.size = hashing.size
        self._handle = self.path.open("rb")
        try:
            spool_reader: Any = stream.Reader(self._key, self._handle, self._aad)
            self._tar = tarfile.open(fileobj=spool_reader, mode="r|")  # noqa: SIM115 - see close()
            self.manifest_bytes = self._member_bytes(MANIFEST, MANIFEST_MAX)
            self.signature = self._member_bytes(SIGNATURE, 64)
            self.manifest = parse_manifest(self.manifest_bytes)
        except (tarfile.TarError, stream.StreamError, EOFError, OSError):
            self.close()
            raise _refuse(
                "the decrypted message is not a tar archive of the expected form"
            ) from None
        except MessageError:
            self.close()
            raise

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for name in ("_tar", "_handle"):
            thing = getattr(self, name, None)
            if thing is not None:
                thing.close()
        self.path.unlink(missing_ok=True)

    def _next(self) -> tarfile.TarInfo | None:
        member: tarfile.TarInfo | None = self._tar.next()
        return member

    def _member_bytes(self, name: str, limit: int) -> bytes:
        member = self._next()
        if member is None or member.name != name or not member.isreg() or member.size > limit:
            raise _refuse(f"the message does not start with {MANIFEST} and {SIGNATURE}")
        handle = self._tar.extractfile(member)
        if handle is None:
            raise _refuse("a member of the message cannot be read")
        data: bytes = handle.read()
        return data

    def verify(self, signing_key: bytes) -> Manifest:
        """Check the manifest's signature with the sender's registered key."""
        try:
            verify(signing_key, self.manifest_bytes, self.signature)
        except SignatureError:
            raise MessageError(
                "bad_signature", "the signature does not verify with the sender's key"
            ) from None
        self.verified = True
        return self.manifest

    def check_times(self, now: datetime) -> None:
        if self.manifest.expires_at <= now:
            raise MessageError("expired", "the message has expired")
        if self.manifest.created_at > now + CLOCK_SKEW:
            raise MessageError("malformed", "the message says it was made in the future")

    def parts(self) -> Iterator[tuple[PartEntry, Iterator[bytes]]]:
        """Each part with its chunks; the hash is checked when its chunks are exhausted."""
        if not self.verified:
            raise RuntimeError("verify the manifest before reading the parts")
        for entry in self.manifest.parts:
            member = self._next()
            if member is None or member.name != entry.name or not member.isreg():
                raise _refuse("the message's parts are not those its manifest lists")
            if member.size != entry.size:
                raise MessageError("bad_part", f"part {entry.name} has another size than signed")
            yield entry, self._chunks(member, entry)
        if self._next() is not None:
            raise _refuse("the message holds more than its manifest lists")

    def _chunks(self, member: tarfile.TarInfo, entry: PartEntry) -> Iterator[bytes]:
        handle = self._tar.extractfile(member)
        if handle is None:
            raise _refuse("a member of the message cannot be read")
        digest = hashlib.sha256()
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            yield chunk
        if digest.hexdigest() != entry.sha256:
            raise MessageError("bad_part", f"part {entry.name} was changed after signing")

    def read_part(self, entry: PartEntry, chunks: Iterator[bytes], limit: int) -> bytes:
        if entry.size > limit:
            raise MessageError("too_large", f"part {entry.name} is larger than we accept")
        return b"".join(chunks)


def expiry(created: datetime, days: int) -> datetime:
    return created + timedelta(days=days)
