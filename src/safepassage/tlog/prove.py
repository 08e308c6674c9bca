"""Finding a signed file in someone else's log with public keys only (framework-free).

The checkpoint is verified with the log's key, every entry bundle is read and hashed into the
tree (so the entries are the ones the signed root covers), and the inclusion proof of the file's
entries is computed from the tiles and checked against the root. Witnesses given by their keys
are counted among the checkpoint's cosignatures.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from safepassage.audit.merkle import Frontier, leaf_hash
from safepassage.tlog import leaf
from safepassage.tlog.client import LogClient, Transport
from safepassage.tlog.note import NoteError, Verifier, open_note, parse_checkpoint
from safepassage.tlog.tiles import WIDTH, TreeReader, read_bundle, tile_width, verify_inclusion


@dataclass
class Found:
    origin: str
    size: int
    digest: str
    entries: list[tuple[int, leaf.Leaf]] = field(default_factory=list)
    cosigned_by: list[str] = field(default_factory=list)


def find(
    signed_file: bytes,
    prefix: str,
    log_key: Verifier,
    witnesses: list[Verifier],
    transport: Transport | None = None,
) -> Found:
    """Where the file is logged; NoteError when the log's answers do not verify."""
    client = LogClient(prefix, transport)
    note, signers = open_note(client.checkpoint(), [log_key, *witnesses])
    if log_key not in signers:
        raise NoteError("the checkpoint is not signed by the log's key")
    checkpoint = parse_checkpoint(note.text)
    digest = hashlib.sha256(signed_file).digest()
    found = Found(checkpoint.origin, checkpoint.size, digest.hex())
    found.cosigned_by = sorted(w.name for w in witnesses if w in signers)
    frontier = Frontier()
    for number in range((checkpoint.size + WIDTH - 1) // WIDTH):
        width = tile_width(0, number, checkpoint.size)
        entries = read_bundle(client.bundle(number, width))
        if len(entries) != width:
            raise NoteError(f"entry bundle {number} does not hold {width} entries")
        for offset, data in enumerate(entries):
            frontier.append(leaf_hash(data))
            try:
                entry = leaf.parse(data)
            except leaf.LeafError:
                continue
            if entry.digest == digest:
                found.entries.append((number * WIDTH + offset, entry))
    if frontier.root() != checkpoint.root:
        raise NoteError("the log's entries do not hash to its signed root")
    tree = TreeReader(checkpoint.size, client.tile)
    for index, entry in found.entries:
        proof = tree.inclusion_proof(index)
        if not verify_inclusion(
            index, checkpoint.size, leaf_hash(entry.encode()), proof, checkpoint.root
        ):
            raise NoteError(f"the inclusion proof of entry {index} does not verify")
    return found
