"""Keys derived from passwords with Argon2id (libsodium's crypto_pwhash)."""

from __future__ import annotations

from dataclasses import dataclass

import nacl.pwhash.argon2id as argon2id
import nacl.utils

SALT_BYTES = argon2id.SALTBYTES


@dataclass(frozen=True)
class KdfParams:
    """Cost of one derivation; stored beside every key it protects, so costs can rise later."""

    opslimit: int
    memlimit: int

    def derive(self, password: str, salt: bytes, size: int = 32) -> bytes:
        return bytes(
            argon2id.kdf(size, password.encode("utf-8"), salt, self.opslimit, self.memlimit)
        )


def new_salt() -> bytes:
    return nacl.utils.random(SALT_BYTES)
