"""Ed25519 signatures over canonical JSON, and the key id that names a public key."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey


class SignatureError(Exception):
    """The signature does not verify with the given public key."""


def canonical_json(value: Any) -> bytes:
    """One byte string per value: sorted keys, no spaces, UTF-8, no floats allowed."""

    def refuse_float(obj: Any) -> Any:
        raise TypeError(f"cannot encode {type(obj).__name__} canonically")

    _reject_floats(value)
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=refuse_float
    ).encode("utf-8")


def _reject_floats(value: Any) -> None:
    if isinstance(value, float):
        raise TypeError("floats have no canonical form here; use strings or integers")
    if isinstance(value, dict):
        for item in value.values():
            _reject_floats(item)
    elif isinstance(value, list | tuple):
        for item in value:
            _reject_floats(item)


def key_id(public_key: bytes) -> str:
    """A short, stable name for a public key: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(public_key).hexdigest()[:16]


def sign(secret_key: bytes, message: bytes) -> bytes:
    return SigningKey(secret_key).sign(message).signature


def verify(public_key: bytes, message: bytes, signature: bytes) -> None:
    try:
        VerifyKey(public_key).verify(message, signature)
    except (BadSignatureError, ValueError):
        raise SignatureError("signature does not verify") from None


def handover_bytes(previous: bytes, new: bytes) -> bytes:
    """What an old signing key signs to hand over to a new one (a key rotation)."""
    return canonical_json(
        {"action": "safepassage-key-handover", "previous": previous.hex(), "next": new.hex()}
    )


def endorse(previous_secret: bytes, previous_public: bytes, new_public: bytes) -> bytes:
    """The old key's endorsement of the new one; whoever trusted the old key can take the new."""
    return sign(previous_secret, handover_bytes(previous_public, new_public))
