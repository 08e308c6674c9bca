"""What one entry of the public log says, and nothing more (framework-free).

An entry is four lines of text:

    safepassage-tlog/v1
    attestation
    2026-05-31
    <SHA-256 of the signed file, 64 hex digits>

The kind is an open set of short codes ("attestation", "attestation-revocation", later
"dossier"...), so a new kind of signed document needs no new format; a monitor that does not
know a kind still reports it. The hash is of the exact bytes of the signed file, whatever its
statement holds: the entry says nothing about the person, the case or the recipient.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

HEADER = "safepassage-tlog/v1"
KIND = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
_DIGEST = re.compile(r"^[0-9a-f]{64}$")

ATTESTATION = "attestation"
ATTESTATION_REVOCATION = "attestation-revocation"
DOSSIER = "dossier"
# How a monitor describes the kinds it knows; others are reported by their code.
DESCRIBED = {
    ATTESTATION: "issued an attestation",
    ATTESTATION_REVOCATION: "revoked an attestation",
    DOSSIER: "signed a dossier",
}


class LeafError(ValueError):
    """An entry that is not of this format."""


@dataclass(frozen=True)
class Leaf:
    kind: str
    day: date
    digest: bytes  # SHA-256 of the signed file

    def __post_init__(self) -> None:
        if not KIND.match(self.kind):
            raise LeafError("a kind is a lowercase code of letters, digits and hyphens")
        if len(self.digest) != 32:
            raise LeafError("the digest is a SHA-256")

    def encode(self) -> bytes:
        return f"{HEADER}\n{self.kind}\n{self.day.isoformat()}\n{self.digest.hex()}\n".encode()

    def describe(self) -> str:
        what = DESCRIBED.get(self.kind, f"logged a {self.kind}")
        return f"{what} on {self.day.isoformat()}, file SHA-256 {self.digest.hex()}"


def of_file(kind: str, day: date, signed_file: bytes) -> Leaf:
    return Leaf(kind, day, hashlib.sha256(signed_file).digest())


def parse(data: bytes) -> Leaf:
    try:
        lines = data.decode("ascii").split("\n")
    except UnicodeDecodeError:
        raise LeafError("an entry is ASCII text") from None
    if len(lines) != 5 or lines[0] != HEADER or lines[4] != "":
        raise LeafError(f"an entry is four lines starting with {HEADER}")
    kind, day_text, digest = lines[1], lines[2], lines[3]
    if not _DIGEST.match(digest):
        raise LeafError("the digest is 64 lowercase hexadecimal digits")
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        raise LeafError("the date is an ISO date") from None
    if day.isoformat() != day_text:
        raise LeafError("the date is an ISO date")
    leaf = Leaf(kind, day, bytes.fromhex(digest))
    if leaf.encode() != data:
        raise LeafError("the entry is not in its one written form")
    return leaf
