"""Another organisation's keys, held by the test as the partner holds its own (no Django)."""

from __future__ import annotations

import pyrage
from nacl.signing import SigningKey


class Keys:
    def __init__(self, name: str) -> None:
        self.name = name
        self.signing = SigningKey.generate()
        self.identity = pyrage.x25519.Identity.generate()
        self.recipient = str(self.identity.to_public())

    @property
    def public(self) -> bytes:
        return bytes(self.signing.verify_key)

    def sign(self, data: bytes) -> bytes:
        return self.signing.sign(data).signature
