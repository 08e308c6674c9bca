"""Signed notes (c2sp.org/signed-note), checkpoints (c2sp.org/tlog-checkpoint) and Ed25519
cosignatures (c2sp.org/tlog-cosignature, cosignature/v1), framework-free.

A note is text ending in a newline, a blank line, then one line per signature:
"— <key name> base64(key id || signature)". The key id is the first four bytes of
SHA-256(name || "\\n" || type || public key), type 0x01 for a plain Ed25519 note signature and
0x04 for a witness cosignature, whose signed message adds "cosignature/v1" and a time line and
whose signature carries that time. Verifier keys travel in the "vkey" text form
"<name>+<key id in hex>+base64(type || public key)", the form Go's sumdb/note reads.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import struct
from dataclasses import dataclass, field

from safepassage.crypto.signing import SignatureError, verify
from safepassage.crypto.signing import sign as ed25519_sign

ED25519 = 0x01
COSIGNATURE_V1 = 0x04
SIGNATURE_PREFIX = "— "
# Enough for a log's own signature and every witness an organisation would configure.
MAX_SIGNATURES = 100
MAX_NOTE_BYTES = 64 * 1024
_SPACE = re.compile(r"\s", re.UNICODE)
_SIZE = re.compile(r"^(0|[1-9][0-9]{0,18})$")


class NoteError(ValueError):
    """A note, key or checkpoint that is malformed or does not verify; the message says why."""


def valid_name(name: str) -> bool:
    return bool(name) and not _SPACE.search(name) and "+" not in name


def key_id(name: str, kind: int, public: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + bytes([kind]) + public).digest()[:4]


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str, what: str) -> bytes:
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise NoteError(f"{what} is not base64") from None
    if b64(data) != text:
        raise NoteError(f"{what} is not in the standard base64 form")
    return data


@dataclass(frozen=True)
class Verifier:
    """A public key that may sign notes: its name, kind (0x01 or 0x04) and 32 key bytes."""

    name: str
    public: bytes
    kind: int = ED25519

    @property
    def id(self) -> bytes:
        return key_id(self.name, self.kind, self.public)

    def vkey(self) -> str:
        return f"{self.name}+{self.id.hex()}+{b64(bytes([self.kind]) + self.public)}"

    def check(self, text: bytes, signature: bytes) -> int | None:
        """The cosignature time (None for a plain signature); NoteError when it does not verify."""
        try:
            if self.kind == COSIGNATURE_V1:
                if len(signature) != 8 + 64:
                    raise NoteError("a cosignature is a time and an Ed25519 signature")
                (timestamp,) = struct.unpack(">Q", signature[:8])
                verify(self.public, cosigned_message(text, timestamp), signature[8:])
                return int(timestamp)
            if len(signature) != 64:
                raise NoteError("an Ed25519 note signature is 64 bytes")
            verify(self.public, text, signature)
        except SignatureError:
            raise NoteError(f"the signature of {self.name} does not verify") from None
        return None


def parse_vkey(vkey: str) -> Verifier:
    """Read "<name>+<hex id>+<base64 key>"; the id must match the name and the key."""
    parts = vkey.strip().split("+", 2)
    if len(parts) != 3 or not valid_name(parts[0]) or not re.fullmatch(r"[0-9a-f]{8}", parts[1]):
        raise NoteError("a verifier key reads <name>+<8 hex digits>+<base64 key>")
    material = unb64(parts[2], "the verifier key")
    if len(material) != 33 or material[0] not in (ED25519, COSIGNATURE_V1):
        raise NoteError("only Ed25519 note and cosignature/v1 keys are supported")
    verifier = Verifier(parts[0], material[1:], material[0])
    if verifier.id.hex() != parts[1]:
        raise NoteError("the key id in the verifier key does not match its name and key")
    return verifier


@dataclass(frozen=True)
class NoteSigner:
    """An Ed25519 private key (32-byte seed) under a name, signing notes or cosigning them."""

    name: str
    seed: bytes
    kind: int = ED25519

    @property
    def verifier(self) -> Verifier:
        from nacl.signing import SigningKey

        return Verifier(self.name, bytes(SigningKey(self.seed).verify_key), self.kind)

    def signature_line(self, text: bytes, timestamp: int | None = None) -> str:
        if self.kind == COSIGNATURE_V1:
            if timestamp is None or not 0 <= timestamp < 2**63:
                raise NoteError("a cosignature needs a time")
            prefix = struct.pack(">Q", timestamp)
            signature = prefix + ed25519_sign(self.seed, cosigned_message(text, timestamp))
        else:
            signature = ed25519_sign(self.seed, text)
        return f"{SIGNATURE_PREFIX}{self.name} {b64(self.verifier.id + signature)}\n"

    def private_text(self) -> str:
        """The key as Go's note.NewSigner reads it (only for plain Ed25519 keys there)."""
        body = b64(bytes([self.kind]) + self.seed)
        return f"PRIVATE+KEY+{self.name}+{self.verifier.id.hex()}+{body}"


def parse_private(text: str) -> NoteSigner:
    parts = text.strip().split("+", 4)
    if len(parts) != 5 or parts[:2] != ["PRIVATE", "KEY"] or not valid_name(parts[2]):
        raise NoteError("a private key reads PRIVATE+KEY+<name>+<hex id>+<base64 key>")
    material = unb64(parts[4], "the private key")
    if len(material) != 33 or material[0] not in (ED25519, COSIGNATURE_V1):
        raise NoteError("only Ed25519 note and cosignature/v1 keys are supported")
    signer = NoteSigner(parts[2], material[1:], material[0])
    if signer.verifier.id.hex() != parts[3]:
        raise NoteError("the key id does not match the private key")
    return signer


def cosigned_message(text: bytes, timestamp: int) -> bytes:
    return b"cosignature/v1\ntime " + str(timestamp).encode() + b"\n" + text


@dataclass(frozen=True)
class Signature:
    name: str
    id: bytes
    signature: bytes

    def line(self) -> str:
        return f"{SIGNATURE_PREFIX}{self.name} {b64(self.id + self.signature)}\n"


@dataclass
class Note:
    """A parsed note: its text (with the final newline) and its signature lines, unverified."""

    text: bytes
    signatures: list[Signature] = field(default_factory=list)

    def encode(self) -> bytes:
        return self.text + b"\n" + "".join(s.line() for s in self.signatures).encode()

    def verified_by(self, verifier: Verifier) -> tuple[bool, int | None]:
        """(signed, time): whether a signature of this key verifies; NoteError if one fails."""
        for signature in self.signatures:
            if signature.name == verifier.name and signature.id == verifier.id:
                return True, verifier.check(self.text, signature.signature)
        return False, None


def parse_signature_lines(raw: str) -> list[Signature]:
    signatures = []
    for line in raw.split("\n")[:-1]:
        if not line.startswith(SIGNATURE_PREFIX):
            raise NoteError("a signature line starts with an em dash and a space")
        name, _, encoded = line[len(SIGNATURE_PREFIX) :].partition(" ")
        if not valid_name(name) or not encoded:
            raise NoteError("a signature line holds a key name and a signature")
        data = unb64(encoded, "a signature")
        if len(data) < 5:
            raise NoteError("a signature is a key id and at least one byte")
        signatures.append(Signature(name, data[:4], data[4:]))
        if len(signatures) > MAX_SIGNATURES:
            raise NoteError(f"more than {MAX_SIGNATURES} signatures")
    if not raw.endswith("\n"):
        raise NoteError("the last signature line does not end with a newline")
    return signatures


def parse_note(raw: bytes) -> Note:
    if len(raw) > MAX_NOTE_BYTES:
        raise NoteError("the note is too large")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise NoteError("a note is UTF-8 text") from None
    if any(ord(ch) < 0x20 and ch != "\n" for ch in text):
        raise NoteError("a note holds no control characters but newlines")
    split = text.rfind("\n\n")
    if split < 0:
        raise NoteError("a note ends with a blank line and its signatures")
    return Note(text[: split + 1].encode(), parse_signature_lines(text[split + 2 :]))


def open_note(raw: bytes, known: list[Verifier]) -> tuple[Note, list[Verifier]]:
    """The note and the known keys whose signatures verify; unknown signatures are ignored.

    A known key whose signature fails rejects the whole note, as signed-note asks.
    """
    note = parse_note(raw)
    signed = [v for v in known if note.verified_by(v)[0]]
    if not signed:
        raise NoteError("no known key signed this note")
    return note, signed


def sign_note(text: bytes, signer: NoteSigner) -> bytes:
    if not text.endswith(b"\n"):
        raise NoteError("a note text ends with a newline")
    return text + b"\n" + signer.signature_line(text).encode()


# -- checkpoints ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes
    extensions: tuple[str, ...] = ()

    def text(self) -> bytes:
        lines = [self.origin, str(self.size), b64(self.root), *self.extensions]
        return ("\n".join(lines) + "\n").encode()


def parse_checkpoint(text: bytes) -> Checkpoint:
    try:
        lines = text.decode("utf-8").split("\n")
    except UnicodeDecodeError:
        raise NoteError("a checkpoint is UTF-8 text") from None
    if len(lines) < 4 or lines[-1] != "" or any(not line for line in lines[:-1]):
        raise NoteError("a checkpoint is at least three non-empty lines")
    origin, size, root = lines[0], lines[1], lines[2]
    if not _SIZE.match(size):
        raise NoteError("the tree size is a decimal number without leading zeroes")
    digest = unb64(root, "the root hash")
    if len(digest) != 32:
        raise NoteError("the root hash is 32 bytes")
    return Checkpoint(origin, int(size), digest, tuple(lines[3:-1]))
