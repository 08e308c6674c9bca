"""Private set intersection by elliptic-curve Diffie-Hellman over the Ed25519 group. No Django.

Each side hashes its tokens to points of the prime-order subgroup (SHA-512, then libsodium's
Elligator 2 map `crypto_core_ed25519_from_uniform`, which clears the cofactor) and raises them
to a scalar of its own, fresh for every run. Raising to a then b equals raising to b then a, so
a token both sides hold gives the same doubly blinded point, while a singly blinded point
cannot be tested against a guessed name without the run's scalar (the decisional
Diffie-Hellman assumption in this group).

    initiator -> responder   request: H(x)^a for its tokens, shuffled
    responder -> initiator   reply:   (H(x)^a)^b in the request's order; H(y)^b shuffled
    initiator -> responder   result:  the count of matches (and, in the mutual mode, a short
                                       hash of (H(y)^b)^a in the reply's order)

The functions here are pure; the run's state, consent and the messages live in `services`.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import secrets
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from nacl.bindings import (
    crypto_core_ed25519_from_uniform,
    crypto_core_ed25519_scalar_reduce,
    crypto_scalarmult_ed25519_noclamp,
)
from nacl.exceptions import RuntimeError as NaclRuntimeError

POINT = 32
DIGEST = 16  # a short hash of a doubly blinded point, for the mutual mode's last message
DOMAIN = b"safepassage overlap v1\x00"
# A set may be this many times our own, plus the floor, before it is refused as a fishing list.
SIZE_FACTOR = 4
SIZE_FLOOR = 2_000
# Work split across processes above this many points (each process costs ~0.1 s to start).
PARALLEL_FROM = 4_000


class ProtocolError(Exception):
    """A step refused; `code` is a short reason for the audit log, the text is for people."""

    def __init__(self, code: str, text: str) -> None:
        super().__init__(text)
        self.code = code


def new_secret() -> bytes:
    """A scalar for one run, uniform modulo the group order (never zero)."""
    while True:
        scalar = crypto_core_ed25519_scalar_reduce(os.urandom(64))
        if any(scalar):
            return scalar


def hash_to_point(token: str) -> bytes:
    digest = hashlib.sha512(DOMAIN + token.encode("utf-8")).digest()
    return crypto_core_ed25519_from_uniform(digest[:32])


def _raise_all(job: tuple[bytes, list[bytes], bool]) -> list[bytes]:
    secret, items, hash_first = job
    out = []
    for item in items:
        point = hash_to_point(item.decode("utf-8")) if hash_first else item
        try:
            out.append(crypto_scalarmult_ed25519_noclamp(secret, point))
        except NaclRuntimeError:
            # Not a point of the group, or one of small order: a forged message.
            raise ProtocolError("bad_point", "a value is not a point of the group") from None
    return out


def _run(secret: bytes, items: list[bytes], hash_first: bool, workers: int) -> list[bytes]:
    if workers <= 1 or len(items) < PARALLEL_FROM:
        return _raise_all((secret, items, hash_first))
    size = -(-len(items) // workers)
    jobs = [(secret, items[i : i + size], hash_first) for i in range(0, len(items), size)]
    # A fork server, not a fork of this process: the web server's other threads may hold locks
    # that a forked child would inherit held.
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return [point for part in pool.map(_raise_all, jobs) for point in part]


def blind(secret: bytes, tokens: Sequence[str], workers: int = 1) -> list[bytes]:
    """H(t)^secret for each token, in the order given."""
    return _run(secret, [t.encode("utf-8") for t in tokens], True, workers)


def reblind(secret: bytes, points: Sequence[bytes], workers: int = 1) -> list[bytes]:
    """Each received point raised to our secret, in the order received (refuses non-points)."""
    return _run(secret, list(points), False, workers)


def digest(point: bytes) -> bytes:
    return hashlib.sha256(DOMAIN + point).digest()[:DIGEST]


def shuffled(count: int) -> list[int]:
    """A random order of `count` positions (the order a set is sent in)."""
    order = list(range(count))
    for i in range(count - 1, 0, -1):
        j = secrets.randbelow(i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def pack(values: Iterable[bytes], width: int = POINT) -> bytes:
    out = bytearray()
    for value in values:
        if len(value) != width:
            raise ProtocolError("malformed", "a value has the wrong length")
        out += value
    return bytes(out)


def unpack(raw: bytes, width: int = POINT) -> list[bytes]:
    if len(raw) % width:
        raise ProtocolError("malformed", "the values are cut short")
    return [raw[i : i + width] for i in range(0, len(raw), width)]


def check_size(theirs: int, ours: int, factor: int = SIZE_FACTOR, floor: int = SIZE_FLOOR) -> None:
    """Refuse a set far larger than our own: a list of suspected names, not an organisation's
    cases (an organisation like ours has about as many people as we do)."""
    if theirs <= 0:
        raise ProtocolError("empty", "the other side's set is empty")
    if theirs > ours * factor + floor:
        raise ProtocolError("oversize", "the other side's set is far larger than ours")


@dataclass(frozen=True)
class Reply:
    doubled: list[bytes]  # (H(x)^a)^b in the request's order
    ours: list[bytes]  # H(y)^b in a random order
    order: list[int]  # which of our tokens each position of `ours` holds (kept, never sent)


def respond(
    secret: bytes,
    request: Sequence[bytes],
    tokens: Sequence[str],
    consented: bool,
    workers: int = 1,
) -> Reply:
    """The responder's step, once its coordinator consented; refuses an oversized request."""
    if not consented:
        raise ProtocolError("not_consented", "no coordinator here consented to this run")
    check_size(len(request), len(tokens))
    doubled = reblind(secret, request, workers)
    order = shuffled(len(tokens))
    ours = blind(secret, [tokens[i] for i in order], workers)
    return Reply(doubled, ours, order)


def matched_positions(
    secret: bytes, doubled: Sequence[bytes], theirs: Sequence[bytes], workers: int = 1
) -> tuple[set[int], list[bytes]]:
    """The initiator's last step: which positions of its request are in the intersection, and
    the short hashes of the responder's doubly blinded set (for the mutual mode)."""
    finished = reblind(secret, theirs, workers)
    present = set(finished)
    hits = {i for i, point in enumerate(doubled) if point in present}
    return hits, [digest(point) for point in finished]


def responder_matches(doubled: Sequence[bytes], digests: Sequence[bytes]) -> set[int]:
    """Mutual mode: which positions of the responder's reply set the initiator also holds."""
    known = {digest(point) for point in doubled}
    return {i for i, d in enumerate(digests) if d in known}
