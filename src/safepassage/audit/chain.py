"""What an audit entry hashes to, and the verification of a whole log (framework-free).

Each entry's leaf is the RFC 6962 leaf hash of its fields, length-prefixed, with its sequence
number first (so an entry moved to another place no longer matches). Each entry also stores the
tree root after it. Verification recomputes both for every entry in order and compares them with
what is stored and with every signed checkpoint it is given; the first entry that disagrees is
named.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from safepassage.audit.merkle import Frontier, leaf_hash
from safepassage.crypto.signing import SignatureError, canonical_json, key_id, verify

LEAF_PREFIX = b"safepassage-audit-v1"
_LENGTH = struct.Struct(">I")
# Stored tree roots are compared once per block of entries; a mismatch is then narrowed to the
# exact entry by replaying the block.
ROOT_CHECK_EVERY = 64
CHECKPOINT_KIND = "safepassage-audit-checkpoint-v1"


def timestamp(at: datetime) -> str:
    return at.isoformat(timespec="microseconds")


def entry_bytes(
    seq: int,
    at: str,
    actor_id: int | None,
    actor_label: str,
    action: str,
    target_type: str,
    target_ref: str,
    details: str,
) -> bytes:
    parts = [
        str(seq).encode(),
        at.encode(),
        b"" if actor_id is None else str(actor_id).encode(),
        actor_label.encode(),
        action.encode(),
        target_type.encode(),
        target_ref.encode(),
        details.encode(),
    ]
    return LEAF_PREFIX + b"".join([_LENGTH.pack(len(part)) + part for part in parts])


# Row as read for verification: the entry's fields in entry_bytes order (the time already as
# `timestamp` renders it), then the stored hashes.
Row = tuple[int, str, int | None, str, str, str, str, str, bytes, bytes]


@dataclass(frozen=True)
class Checkpoint:
    """A signed statement of the log's size and root at a moment."""

    size: int
    root: bytes
    signed_at: str
    key_id: str
    signature: bytes
    public_key: bytes

    def statement(self) -> bytes:
        return statement_bytes(self.size, self.root, self.signed_at, self.key_id)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": CHECKPOINT_KIND,
            "size": self.size,
            "root": self.root.hex(),
            "signed_at": self.signed_at,
            "key_id": self.key_id,
            "public_key": self.public_key.hex(),
            "signature": self.signature.hex(),
        }

    @classmethod
    def from_json(cls, data: Any) -> Checkpoint:
        try:
            if data["kind"] != CHECKPOINT_KIND:
                raise ValueError("not an audit checkpoint")
            checkpoint = cls(
                size=int(data["size"]),
                root=bytes.fromhex(data["root"]),
                signed_at=str(data["signed_at"]),
                key_id=str(data["key_id"]),
                signature=bytes.fromhex(data["signature"]),
                public_key=bytes.fromhex(data["public_key"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"malformed checkpoint: {exc}") from None
        if checkpoint.size < 0 or len(checkpoint.root) != 32:
            raise ValueError("malformed checkpoint: bad size or root")
        return checkpoint

    def check_signature(self, trusted_public_key: bytes) -> None:
        """Raise SignatureError unless signed by the trusted key."""
        if key_id(trusted_public_key) != self.key_id:
            raise SignatureError("checkpoint was signed by another key")
        verify(trusted_public_key, self.statement(), self.signature)


def statement_bytes(size: int, root: bytes, signed_at: str, signer_key_id: str) -> bytes:
    return canonical_json(
        {
            "kind": CHECKPOINT_KIND,
            "size": size,
            "root": root.hex(),
            "signed_at": signed_at,
            "key_id": signer_key_id,
        }
    )


@dataclass
class Report:
    entries: int = 0
    problems: list[str] = field(default_factory=list)
    exact_bad_seq: int | None = None
    earliest_possible_bad_seq: int | None = None
    checkpoints_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_bad_seq(self) -> int | None:
        """The entry found bad by its own hashes, else the earliest a checkpoint allows."""
        return self.exact_bad_seq or self.earliest_possible_bad_seq

    def fail(self, message: str, seq: int | None = None, exact: bool = True) -> None:
        self.problems.append(message)
        if seq is None:
            return
        if exact and (self.exact_bad_seq is None or seq < self.exact_bad_seq):
            self.exact_bad_seq = seq
        elif not exact and (
            self.earliest_possible_bad_seq is None or seq < self.earliest_possible_bad_seq
        ):
            self.earliest_possible_bad_seq = seq


def verify_log(
    rows: Iterable[Row],
    checkpoints: Iterable[Checkpoint] = (),
    trusted_public_key: bytes | Mapping[str, bytes] | None = None,
    recorded_size: int | None = None,
) -> Report:
    """Check every entry and every checkpoint; stop describing entries after the first bad one.

    `trusted_public_key` is one key, or the published keys by key id (the current one and those
    retired by rotations): each checkpoint must be signed by the key its key id names."""
    report = Report()
    by_size: dict[int, list[Checkpoint]] = {}
    for checkpoint in checkpoints:
        if trusted_public_key is not None:
            trusted = (
                trusted_public_key
                if isinstance(trusted_public_key, bytes)
                else trusted_public_key.get(checkpoint.key_id, b"")
            )
            try:
                checkpoint.check_signature(trusted)
            except SignatureError as exc:
                report.fail(f"checkpoint of size {checkpoint.size}: {exc}")
                continue
        by_size.setdefault(checkpoint.size, []).append(checkpoint)
    frontier = Frontier()
    entries_ok = True
    last_good_checkpoint = 0
    block_base = Frontier()
    block: list[tuple[int, bytes, bytes]] = []
    for row in rows:
        seq, at, actor_id, actor_label, action, target_type, target_ref, details, leaf, root = row
        expected = frontier.size + 1
        if entries_ok and seq != expected:
            if seq > expected:
                report.fail(f"entry {expected} is missing (deleted)", expected)
            else:
                report.fail(f"entry {seq} appears out of order after {expected - 1}", seq)
            entries_ok = False
        computed_leaf = leaf_hash(
            entry_bytes(seq, at, actor_id, actor_label, action, target_type, target_ref, details)
        )
        frontier.append(computed_leaf)
        if entries_ok and bytes(leaf) != computed_leaf:
            report.fail(f"entry {seq} does not match its recorded hash (edited or moved)", seq)
            entries_ok = False
        if entries_ok:
            block.append((seq, computed_leaf, bytes(root)))
            if len(block) == ROOT_CHECK_EVERY:
                entries_ok = _check_roots(block_base, block, frontier, report)
                block_base, block = frontier.copy(), []
        for checkpoint in by_size.pop(frontier.size, []):
            report.checkpoints_checked += 1
            if checkpoint.root != frontier.root():
                report.fail(
                    f"the first {checkpoint.size} entries no longer match the checkpoint signed "
                    f"{checkpoint.signed_at}: an entry after {last_good_checkpoint} and at or "
                    f"before {checkpoint.size} was changed",
                    last_good_checkpoint + 1,
                    exact=False,
                )
            else:
                last_good_checkpoint = checkpoint.size
    if entries_ok and block:
        _check_roots(block_base, block, frontier, report)
    report.entries = frontier.size
    for size in sorted(by_size):
        for checkpoint in by_size[size]:
            report.fail(
                f"log truncated: a checkpoint signed {checkpoint.signed_at} covers {size} "
                f"entries, the log holds {frontier.size}",
                frontier.size + 1,
                exact=False,
            )
    if recorded_size is not None and recorded_size != frontier.size:
        report.fail(
            f"log truncated or grown behind its back: the head records {recorded_size} entries, "
            f"the log holds {frontier.size}",
            min(recorded_size, frontier.size) + 1,
            exact=False,
        )
    return report


def _check_roots(
    base: Frontier, block: list[tuple[int, bytes, bytes]], frontier: Frontier, report: Report
) -> bool:
    """Compare the roots stored with a block of entries; name the first that disagrees."""
    if block[-1][2] == frontier.root():
        return True
    # The replay ends where `frontier` is, whose root the last entry's disagrees with: some entry
    # of the block is always named.
    replay = base.copy()
    for seq, leaf, stored_root in block:  # noqa: B007 (seq names the entry after the loop)
        replay.append(leaf)
        if replay.root() != stored_root:
            break
    report.fail(f"entry {seq}: the tree root recorded with it disagrees", seq)
    return False


def details_text(details: dict[str, Any]) -> str:
    return json.dumps(details, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
