"""Checking this instance's own log from its entries up: every entry against the tiles, the
tiles against every signed checkpoint, and the key folder's copy of the last one signed."""

from __future__ import annotations

from dataclasses import dataclass, field

from safepassage.audit.merkle import Frontier, leaf_hash
from safepassage.tlog import keys, services
from safepassage.tlog.models import LogEntry, LogTile, SignedCheckpoint
from safepassage.tlog.note import NoteError, open_note, parse_checkpoint
from safepassage.tlog.tiles import TileTree


@dataclass
class Check:
    entries: int = 0
    checkpoints: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_log() -> Check:
    result = Check()
    signer = keys.log_signer()
    roots: dict[int, bytes] = {}
    for row in SignedCheckpoint.objects.order_by("size"):
        try:
            note, _ = open_note(row.note.encode(), [signer.verifier])
            roots[row.size] = parse_checkpoint(note.text).root
        except NoteError as exc:
            result.problems.append(f"checkpoint of size {row.size}: {exc}")
    last = keys.read_last_checkpoint()
    if last is not None:
        try:
            note, _ = open_note(last, [signer.verifier])
            kept = parse_checkpoint(note.text)
            if roots.get(kept.size, kept.root) != kept.root:
                result.problems.append(f"the key folder's checkpoint of size {kept.size} differs")
            roots.setdefault(kept.size, kept.root)
        except NoteError as exc:
            result.problems.append(f"the key folder's checkpoint: {exc}")
    frontier, tree = Frontier(), TileTree()
    if 0 in roots:
        result.checkpoints += 1
        if roots[0] != frontier.root():
            result.problems.append("the checkpoint of the empty log has a wrong root")
    stored = {(t.level, t.index): bytes(t.hashes) for t in LogTile.objects.all()}
    for entry in LogEntry.objects.order_by("index").iterator(chunk_size=5000):
        if entry.index != frontier.size:
            result.problems.append(f"entry {frontier.size} is missing")
            break
        leaf = leaf_hash(services.leaf_of(entry).encode())
        frontier.append(leaf)
        for key in tree.append(leaf):
            if len(tree.tiles[key]) == 8192 and stored.get(key) != bytes(tree.tiles[key]):
                result.problems.append(f"tile {key[0]}/{key[1]} does not match the entries")
        expected = roots.get(frontier.size)
        if expected is not None:
            result.checkpoints += 1
            if expected != frontier.root():
                result.problems.append(
                    f"the first {frontier.size} entries no longer match their signed checkpoint"
                )
    result.entries = frontier.size
    for key in tree.rightmost():
        if bytes(tree.tiles.get(key, b"")) != stored.get(key, b""):
            result.problems.append(f"tile {key[0]}/{key[1]} does not match the entries")
    if services.size() != frontier.size:
        result.problems.append(f"the head says {services.size()} entries, {frontier.size} exist")
    beyond = [size for size in roots if size > frontier.size]
    if beyond:
        result.problems.append(f"a checkpoint of size {max(beyond)} covers entries that are gone")
    return result
