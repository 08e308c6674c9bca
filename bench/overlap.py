"""Shared-case discovery benchmark: two organisations of 10,000 people each (200 shared, written
differently), tokens, the whole protocol on 2 cores and on 1 (the baseline, same process), the
bytes of each message as the partner channel carries it, and what was found.

Run: .venv/bin/python bench/overlap.py [--size N] [--shared N]

Everything is invented here from a fixed seed; nothing is downloaded. Prints `name: value` lines.
"""

from __future__ import annotations

import argparse
import io
import time
import uuid
from datetime import UTC, datetime, timedelta

import pyrage
from nacl.signing import SigningKey

from harness import emit
from safepassage.overlap import protocol, synthetic
from safepassage.partners import envelope


def _message_bytes(parts: dict[str, bytes]) -> int:
    """The size of a signed, age-encrypted partner message with these parts."""
    signing = SigningKey.generate()
    recipient = pyrage.x25519.Identity.generate().to_public()
    now = datetime.now(UTC).replace(microsecond=0)
    _manifest, chunks = envelope.plaintext(
        {
            "kind": "overlap-reply",
            "id": uuid.uuid4().hex,
            "sender_name": "Alpha",
            "sender_key": bytes(signing.verify_key),
            "recipient_name": "Beta",
            "recipient_key": bytes(SigningKey.generate().verify_key),
            "recipient_encryption_key": str(recipient),
            "created_at": now,
            "expires_at": now + timedelta(days=14),
            "about": {"run": uuid.uuid4().hex, "size": 1, "people": 1, "cases": 1},
        },
        [envelope.part_from_bytes(name, raw) for name, raw in parts.items()],
        lambda data: signing.sign(data).signature,
    )
    out = io.BytesIO()
    _sha, size = envelope.encrypt(chunks, str(recipient), out)
    return size


def _run(
    mine: list[str], theirs: list[str], workers: int
) -> tuple[float, set[int], dict[str, int]]:
    start = time.perf_counter()
    a, b = protocol.new_secret(), protocol.new_secret()
    order = protocol.shuffled(len(mine))
    request = protocol.blind(a, [mine[i] for i in order], workers)
    reply = protocol.respond(b, request, theirs, consented=True, workers=workers)
    hits, digests = protocol.matched_positions(a, reply.doubled, reply.ours, workers)
    protocol.responder_matches(reply.doubled, digests)
    seconds = time.perf_counter() - start
    found = {order[i] for i in hits}
    sizes = {
        "request": _message_bytes({"points.bin": protocol.pack(request)}),
        "reply": _message_bytes(
            {"doubled.bin": protocol.pack(reply.doubled), "points.bin": protocol.pack(reply.ours)}
        ),
        "result_count": _message_bytes({}),
        "result_mutual": _message_bytes({"digests.bin": protocol.pack(digests, protocol.DIGEST)}),
    }
    return seconds, found, sizes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--shared", type=int, default=200)
    args = parser.parse_args()
    ours, theirs = synthetic.two_sides(args.size, args.shared)
    start = time.perf_counter()
    mine, other = synthetic.token_index(ours), synthetic.token_index(theirs)
    token_seconds = time.perf_counter() - start
    emit("overlap_tokens_seconds_both_sides", f"{token_seconds:.2f}")
    emit("overlap_tokens_ours", len(mine))
    emit("overlap_tokens_theirs", len(other))
    emit("overlap_tokens_per_person", f"{len(mine) / args.size:.2f}")
    mine_list, other_list = list(mine), list(other)
    seconds_2, found, sizes = _run(mine_list, other_list, 2)
    seconds_1, _found, _sizes = _run(mine_list, other_list, 1)
    emit("overlap_protocol_seconds_2_cores", f"{seconds_2:.2f}")
    emit("overlap_protocol_seconds_1_core", f"{seconds_1:.2f}")
    emit("overlap_total_seconds_2_cores", f"{token_seconds + seconds_2:.2f}")
    emit("overlap_speedup_2_cores_vs_1", f"{seconds_1 / seconds_2:.2f}")
    for name, size in sizes.items():
        emit(f"overlap_bytes_{name}", size)
    emit(
        "overlap_bytes_exchanged_count_mode",
        sizes["request"] + sizes["reply"] + sizes["result_count"],
    )
    emit(
        "overlap_bytes_exchanged_mutual_mode",
        sizes["request"] + sizes["reply"] + sizes["result_mutual"],
    )
    people = {n for i in found for n in mine[mine_list[i]]}
    shared = {ours[n].shared for n in people if ours[n].shared is not None}
    strangers = sum(1 for n in people if ours[n].shared is None)
    emit("overlap_shared_found_percent", f"{100 * len(shared) / args.shared:.1f}")
    emit("overlap_false_matches_percent_of_set", f"{100 * strangers / args.size:.3f}")


if __name__ == "__main__":
    main()
