"""Authenticated encryption with associated data: XChaCha20-Poly1305 (libsodium IETF variant).

A ciphertext is `version byte || 24-byte random nonce || sealed bytes`. The associated data is never
stored; the caller rebuilds it from where the ciphertext lives (case, field, key version), so a
ciphertext moved elsewhere fails to open.
"""

from __future__ import annotations

import nacl.utils
from nacl.bindings import (
    crypto_aead_xchacha20poly1305_ietf_decrypt,
    crypto_aead_xchacha20poly1305_ietf_encrypt,
    crypto_aead_xchacha20poly1305_ietf_KEYBYTES,
    crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
)
from nacl.exceptions import CryptoError

KEY_BYTES = crypto_aead_xchacha20poly1305_ietf_KEYBYTES
NONCE_BYTES = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
FORMAT_VERSION = 1


class DecryptionError(Exception):
    """The ciphertext is damaged, was moved, or the key is wrong."""


def new_key() -> bytes:
    return nacl.utils.random(KEY_BYTES)


def encrypt(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = nacl.utils.random(NONCE_BYTES)
    sealed = crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, aad, nonce, key)
    return bytes([FORMAT_VERSION]) + nonce + sealed


def decrypt(key: bytes, ciphertext: bytes, aad: bytes) -> bytes:
    if len(ciphertext) < 1 + NONCE_BYTES + 16 or ciphertext[0] != FORMAT_VERSION:
        raise DecryptionError("not a ciphertext of this format")
    nonce = ciphertext[1 : 1 + NONCE_BYTES]
    try:
        return crypto_aead_xchacha20poly1305_ietf_decrypt(
            ciphertext[1 + NONCE_BYTES :], aad, nonce, key
        )
    except CryptoError:
        raise DecryptionError("ciphertext does not open with this key and context") from None


def associated_data(*parts: str | int) -> bytes:
    """Unambiguous encoding of the context a ciphertext is bound to (length-prefixed parts)."""
    out = bytearray()
    for part in parts:
        raw = str(part).encode("utf-8")
        out += len(raw).to_bytes(4, "big") + raw
    return bytes(out)
