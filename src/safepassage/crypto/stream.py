"""Files encrypted in chunks with libsodium's secretstream (XChaCha20-Poly1305).

A stored file is `header || chunk || chunk || ...`, each chunk the sealed form of up to
CHUNK_BYTES of plaintext; the last carries the FINAL tag. A truncated file (no FINAL tag), a chunk
dropped, moved or swapped in from another file, or a flipped bit all fail to decrypt. Memory use
is one chunk whatever the file's size.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from nacl.bindings import (
    crypto_secretstream_xchacha20poly1305_ABYTES as ABYTES,
)
from nacl.bindings import (
    crypto_secretstream_xchacha20poly1305_HEADERBYTES as HEADER_BYTES,
)
from nacl.bindings import (
    crypto_secretstream_xchacha20poly1305_init_pull,
    crypto_secretstream_xchacha20poly1305_init_push,
    crypto_secretstream_xchacha20poly1305_pull,
    crypto_secretstream_xchacha20poly1305_push,
    crypto_secretstream_xchacha20poly1305_state,
)
from nacl.bindings import (
    crypto_secretstream_xchacha20poly1305_TAG_FINAL as TAG_FINAL,
)
from nacl.bindings import (
    crypto_secretstream_xchacha20poly1305_TAG_MESSAGE as TAG_MESSAGE,
)
from nacl.exceptions import CryptoError

CHUNK_BYTES = 64 * 1024
SEALED_CHUNK_BYTES = CHUNK_BYTES + ABYTES


class StreamError(Exception):
    """The encrypted file is damaged, truncated, reordered, or the key is wrong."""


class Encryptor:
    """Push plaintext in any pieces; sealed chunks come out whole, the header first."""

    def __init__(self, key: bytes, out: BinaryIO, aad: bytes = b"") -> None:
        self.state = crypto_secretstream_xchacha20poly1305_state()
        self.out = out
        self.aad = aad
        self.pending = bytearray()
        self.size = 0
        self.out.write(crypto_secretstream_xchacha20poly1305_init_push(self.state, key))

    def write(self, data: bytes) -> None:
        self.pending += data
        self.size += len(data)
        while len(self.pending) > CHUNK_BYTES:
            chunk = bytes(self.pending[:CHUNK_BYTES])
            del self.pending[:CHUNK_BYTES]
            self.out.write(
                crypto_secretstream_xchacha20poly1305_push(self.state, chunk, self.aad, TAG_MESSAGE)
            )

    def finish(self) -> int:
        """Seal the last chunk with the FINAL tag; returns the plaintext size."""
        self.out.write(
            crypto_secretstream_xchacha20poly1305_push(
                self.state, bytes(self.pending), self.aad, TAG_FINAL
            )
        )
        self.pending = bytearray()
        return self.size


def encrypt(key: bytes, source: BinaryIO, out: BinaryIO, aad: bytes = b"") -> int:
    encryptor = Encryptor(key, out, aad)
    while piece := source.read(CHUNK_BYTES):
        encryptor.write(piece)
    return encryptor.finish()


def decrypt(key: bytes, source: BinaryIO, aad: bytes = b"") -> Iterator[bytes]:
    """Yield plaintext chunks; raises StreamError at the first sign of damage."""
    header = source.read(HEADER_BYTES)
    if len(header) != HEADER_BYTES:
        raise StreamError("the file is too short to hold an encrypted stream")
    state = crypto_secretstream_xchacha20poly1305_state()
    try:
        crypto_secretstream_xchacha20poly1305_init_pull(state, header, key)
    except CryptoError:
        raise StreamError("the stream header does not open with this key") from None
    while True:
        sealed = source.read(SEALED_CHUNK_BYTES)
        if not sealed:
            raise StreamError("the file ends before its final chunk (truncated)")
        try:
            plain, tag = crypto_secretstream_xchacha20poly1305_pull(state, sealed, aad)
        except CryptoError:
            raise StreamError("a chunk was changed, moved or swapped") from None
        yield plain
        if tag == TAG_FINAL:
            if source.read(1):
                raise StreamError("data follows the final chunk")
            return


class Reader:
    """A read()-able view of a decrypted stream (for tarfile and the like)."""

    def __init__(self, key: bytes, source: BinaryIO, aad: bytes = b"") -> None:
        self.chunks = decrypt(key, source, aad)
        self.buffer = b""
        self.done = False

    def read(self, size: int = -1) -> bytes:
        while not self.done and (size < 0 or len(self.buffer) < size):
            try:
                self.buffer += next(self.chunks)
            except StopIteration:
                self.done = True
        if size < 0:
            out, self.buffer = self.buffer, b""
        else:
            out, self.buffer = self.buffer[:size], self.buffer[size:]
        return out
