"""The public log: appending entries, signing checkpoints, serving tiles, finding an entry and
proving it, and asking witnesses to cosign.

Appends run inside the caller's transaction (an attestation and its entry commit together) and
are serialised by the head row; the new checkpoint is signed in that transaction. Before signing,
the new tree is checked against the last checkpoint signed, whose copy is also kept in the key
folder, so a log rolled back or rewritten in the database is refused a signature instead of
forked, and refuses to grow until an operator looks (`safepassage tlog check`).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from safepassage.audit.merkle import leaf_hash, verify_consistency
from safepassage.audit.services import record
from safepassage.tlog import keys
from safepassage.tlog.client import FetchError, LogClient, Transport, post
from safepassage.tlog.leaf import Leaf
from safepassage.tlog.models import (
    Cosignature,
    LogEntry,
    LogHead,
    LogTile,
    SignedCheckpoint,
    Witness,
)
from safepassage.tlog.note import (
    Checkpoint,
    NoteError,
    open_note,
    parse_checkpoint,
    parse_note,
    parse_vkey,
    sign_note,
)
from safepassage.tlog.tiles import (
    WIDTH,
    TileError,
    TileTree,
    TreeReader,
    entry_bundle,
    verify_inclusion,
)
from safepassage.tlog.witness import encode_request, read_cosignatures


class LogError(RuntimeError):
    """The log cannot do what was asked; the message says why."""


# -- appending --------------------------------------------------------------------------------


def _lock_head() -> LogHead:
    head = LogHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        # get_or_create survives two first appends racing to create the row.
        LogHead.objects.get_or_create(pk=1)
        head = LogHead.objects.select_for_update().get(pk=1)
    return head


def _load_rightmost(size: int) -> TileTree:
    tree = TileTree(size)
    wanted = tree.rightmost()
    if wanted:
        query = LogTile.objects.none()
        for level, index in wanted:
            query = query | LogTile.objects.filter(level=level, index=index)
        for row in query:
            tree.tiles[(row.level, row.index)] = bytearray(bytes(row.hashes))
    return tree


def _save_tiles(tree: TileTree, changed: set[tuple[int, int]]) -> None:
    for level, index in sorted(changed):
        data = bytes(tree.tiles[(level, index)])
        updated = LogTile.objects.filter(level=level, index=index).update(hashes=data)
        if not updated:
            LogTile.objects.create(level=level, index=index, hashes=data)


def append_many(leaves: Iterable[Leaf]) -> list[int]:
    """Append entries in the caller's transaction; returns their indexes. Signs after commit."""
    with transaction.atomic():
        head = _lock_head()
        tree = _load_rightmost(head.size)
        rows, changed, indexes = [], set(), []
        for entry in leaves:
            index = tree.size
            changed |= tree.append(leaf_hash(entry.encode()))
            rows.append(
                LogEntry(index=index, kind=entry.kind, day=entry.day, digest=entry.digest.hex())
            )
            indexes.append(index)
            # Full tiles leave the in-memory tree once written: memory stays small in a bulk load.
            if len(rows) >= 5000:
                _flush(tree, changed, rows)
                changed, rows = set(), []
        _flush(tree, changed, rows)
        head.size = tree.size
        head.save(update_fields=["size"])
        # Signed in the same transaction: nothing leaves before the commit, so a rolled-back
        # append never leaves a signed checkpoint behind; a log that cannot sign refuses to grow.
        sign_checkpoint()
    return indexes


def _flush(tree: TileTree, changed: set[tuple[int, int]], rows: list[LogEntry]) -> None:
    LogEntry.objects.bulk_create(rows)
    _save_tiles(tree, changed)
    keep = set(tree.rightmost())
    for key in [k for k in tree.tiles if k not in keep]:
        del tree.tiles[key]


def append(kind: str, day: date, signed_file: bytes) -> int:
    """Log one signed file: its SHA-256, kind and day. Run inside the issuing transaction."""
    entry = Leaf(kind, day, hashlib.sha256(signed_file).digest())
    [index] = append_many([entry])
    record("tlog.appended", target_type="tlog", target_ref=index, details={"kind": kind})
    return index


def recover(client: LogClient) -> int:
    """Append the entries a restored database lacks, read back from a published copy of the log.

    Only entries up to the last checkpoint signed (the key folder's copy) are taken, and the
    checkpoint is signed again only if they rebuild exactly that tree.
    """
    from safepassage.tlog.leaf import parse
    from safepassage.tlog.tiles import read_bundle, tile_width

    kept = keys.read_last_checkpoint()
    if kept is None:
        raise LogError("the key folder holds no signed checkpoint to recover to")
    target = parse_checkpoint(parse_note(kept).text).size
    start = size()
    leaves: list[Leaf] = []
    for number in range(start // WIDTH, (target + WIDTH - 1) // WIDTH):
        entries = read_bundle(client.bundle(number, tile_width(0, number, target)))
        first = number * WIDTH
        leaves += [parse(data) for i, data in enumerate(entries) if first + i >= start]
    if len(leaves) != target - start:
        raise LogError(f"the copy holds {len(leaves)} of the {target - start} missing entries")
    if leaves:
        append_many(leaves)
    return len(leaves)


# -- reading ----------------------------------------------------------------------------------


def size() -> int:
    head = LogHead.objects.filter(pk=1).first()
    return head.size if head else 0


def read_tile(level: int, index: int, width: int) -> bytes:
    row = LogTile.objects.filter(level=level, index=index).first()
    data = bytes(row.hashes) if row else b""
    if len(data) < width * 32:
        raise TileError(f"tile {level}/{index} has fewer than {width} hashes")
    return data[: width * 32]


def reader(tree_size: int | None = None) -> TreeReader:
    return TreeReader(size() if tree_size is None else tree_size, read_tile)


def leaf_of(row: LogEntry) -> Leaf:
    return Leaf(row.kind, row.day, bytes.fromhex(row.digest))


def bundle(index: int, width: int) -> bytes:
    """Entry bundle `index` holding `width` entries; TileError when they do not all exist yet."""
    rows = LogEntry.objects.filter(index__gte=index * WIDTH, index__lt=index * WIDTH + width)
    entries = [leaf_of(row).encode() for row in rows.order_by("index")]
    if len(entries) != width:
        raise TileError(f"entry bundle {index} has fewer than {width} entries")
    return entry_bundle(entries)


# -- checkpoints ------------------------------------------------------------------------------


def _extends(previous: bytes, tree: TreeReader) -> str:
    """Why the tree does not extend a checkpoint signed before ("" when it does)."""
    old = parse_checkpoint(parse_note(previous).text)
    if tree.size < old.size:
        return f"the log holds {tree.size} entries, {old.size} were signed before"
    new_root = tree.root()
    if tree.size == old.size:
        return "" if new_root == old.root else f"another root for the signed size {old.size}"
    if old.size == 0:
        return ""
    proof = tree.consistency_proof(old.size)
    if not verify_consistency(old.size, tree.size, old.root, new_root, proof):
        return f"the first {old.size} entries changed since they were signed"
    return ""


def sign_checkpoint() -> SignedCheckpoint:
    """Sign the current tree unless it contradicts a checkpoint already signed (LogError)."""
    signer = keys.log_signer()
    with transaction.atomic():
        head = _lock_head()
        tree = reader(head.size)
        root = tree.root()
        latest = SignedCheckpoint.objects.order_by("-size").first()
        for previous in (keys.read_last_checkpoint(), latest.note.encode() if latest else None):
            problem = _extends(previous, tree) if previous else ""
            if problem:
                raise LogError(f"refusing to sign: {problem}")
        if latest is not None and latest.size == head.size:
            return latest
        note = sign_note(Checkpoint(signer.name, head.size, root).text(), signer)
        checkpoint = SignedCheckpoint.objects.create(
            size=head.size, root=root, note=note.decode(), signed_at=timezone.now()
        )
        transaction.on_commit(lambda: keys.write_last_checkpoint(note))
    return checkpoint


def latest_checkpoint() -> SignedCheckpoint | None:
    return SignedCheckpoint.objects.order_by("-size").first()


def served_checkpoint() -> bytes | None:
    """The latest signed checkpoint with the witnesses' cosignatures on it."""
    latest = latest_checkpoint()
    if latest is None:
        return None
    lines = Cosignature.objects.filter(size=latest.size, root=latest.root).order_by("witness_id")
    return latest.note.encode() + "".join(c.line for c in lines).encode()


def log_vkey() -> str:
    return keys.log_signer().verifier.vkey()


# -- finding an entry and proving it ----------------------------------------------------------


@dataclass
class Logged:
    index: int
    kind: str
    day: date


@dataclass
class LogStatus:
    """What the log says about one signed file."""

    digest: str
    entries: list[Logged] = field(default_factory=list)
    size: int = 0  # of the checkpoint the proofs are against; 0 when none covers the entries
    root: bytes = b""
    proofs: dict[int, list[bytes]] = field(default_factory=dict)
    proofs_verify: bool = False
    cosigned_by: list[str] = field(default_factory=list)
    witnesses: list[str] = field(default_factory=list)
    origin: str = ""

    @property
    def logged(self) -> bool:
        return bool(self.entries)


def _best_checkpoint(after: int) -> SignedCheckpoint | None:
    """Of the signed checkpoints covering index `after`, the one most witnesses cosigned."""
    candidates = list(SignedCheckpoint.objects.filter(size__gt=after).order_by("-size")[:50])
    if not candidates:
        return None
    counts: dict[int, int] = {}
    for row in Cosignature.objects.filter(size__in=[c.size for c in candidates]):
        counts[row.size] = counts.get(row.size, 0) + 1
    return max(candidates, key=lambda c: (counts.get(c.size, 0), c.size))


def status_of(signed_file: bytes) -> LogStatus:
    digest = hashlib.sha256(signed_file).hexdigest()
    status = LogStatus(digest, witnesses=list(Witness.objects.values_list("name", flat=True)))
    rows = list(LogEntry.objects.filter(digest=digest).order_by("index"))
    status.entries = [Logged(r.index, r.kind, r.day) for r in rows]
    if not rows:
        return status
    checkpoint = _best_checkpoint(rows[-1].index)
    if checkpoint is None:
        return status
    signer = keys.log_signer()
    note, _ = open_note(checkpoint.note.encode(), [signer.verifier])
    parsed = parse_checkpoint(note.text)
    status.size, status.root, status.origin = parsed.size, parsed.root, parsed.origin
    tree = reader(parsed.size)
    ok = True
    for row in rows:
        proof = tree.inclusion_proof(row.index)
        status.proofs[row.index] = proof
        ok = ok and verify_inclusion(
            row.index, parsed.size, leaf_hash(leaf_of(row).encode()), proof, parsed.root
        )
    status.proofs_verify = ok
    cosigned = Cosignature.objects.filter(size=parsed.size, root=parsed.root)
    status.cosigned_by = sorted(c.witness.name for c in cosigned.select_related("witness"))
    return status


# -- witnesses of this log --------------------------------------------------------------------


def add_witness(name_and_key: str, url: str, *, by: object = None) -> Witness:
    """Name a witness by its vkey (cosignature/v1) and submission address."""
    verifier = parse_vkey(name_and_key)
    if verifier.kind != 0x04:
        raise NoteError("a witness key is a cosignature/v1 key (type 4)")
    if not url.startswith(("https://", "http://")):
        raise NoteError("the witness address starts with https:// or http://")
    with transaction.atomic():
        witness, _ = Witness.objects.update_or_create(
            name=verifier.name, defaults={"vkey": verifier.vkey(), "url": url.rstrip("/")}
        )
        record("tlog.witness_added", actor=by, target_type="tlog_witness", target_ref=witness.pk)
    return witness


@dataclass
class CosignResult:
    witness: str
    ok: bool
    message: str


def request_cosignatures(transport: Transport | None = None) -> list[CosignResult]:
    """Ask every witness to cosign the latest checkpoint, with a proof from its last size."""
    checkpoint = latest_checkpoint()
    if checkpoint is None:
        return []
    results = []
    for witness in Witness.objects.order_by("name"):
        try:
            message = _ask(witness, checkpoint, transport)
            results.append(CosignResult(witness.name, True, message))
            witness.last_error = ""
        except (FetchError, NoteError, TileError, LogError) as exc:
            results.append(CosignResult(witness.name, False, str(exc)))
            witness.last_error = str(exc)[:300]
        witness.last_contact = timezone.now()
        witness.save(update_fields=["last_size", "last_error", "last_contact"])
    return results


def _ask(witness: Witness, checkpoint: SignedCheckpoint, transport: Transport | None) -> str:
    verifier = parse_vkey(witness.vkey)
    tree = reader(checkpoint.size)
    for _attempt in range(2):
        old = witness.last_size
        if old > checkpoint.size:
            raise LogError(
                f"the witness cosigned size {old}, larger than this log's {checkpoint.size}: "
                "the log was rolled back or forked"
            )
        proof = tree.consistency_proof(old) if old else []
        body = encode_request(old, proof, checkpoint.note.encode())
        answer = post(f"{witness.url}/add-checkpoint", body, transport)
        if answer.status == 409 and answer.content_type == "text/x.tlog.size":
            text = answer.body.decode("ascii", "replace").strip()
            if not text.isdigit() or int(text) == old:
                raise LogError(f"the witness refused: {text[:100]}")
            witness.last_size = int(text)
            continue
        if answer.status != 200:
            reason = answer.body.decode("utf-8", "replace").strip()[:200]
            raise LogError(f"the witness answered {answer.status}: {reason}")
        found = read_cosignatures(answer.body, parse_note(checkpoint.note.encode()).text, verifier)
        line, timestamp = found[0]
        Cosignature.objects.update_or_create(
            witness=witness,
            size=checkpoint.size,
            defaults={"root": checkpoint.root, "timestamp": timestamp, "line": line.decode()},
        )
        witness.last_size = checkpoint.size
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(timestamp))
        return f"cosigned size {checkpoint.size} at {when} UTC"
    raise LogError("the witness kept changing its size")
