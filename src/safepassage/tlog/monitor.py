"""Following another organisation's log: every checkpoint checked against the last one seen,
every new entry fetched, hashed into the tree and reported.

What was verified (size, root, the tree's frontier) is kept in the database. A log that shrinks,
shows another root for a size already seen, cannot prove that its new tree extends the old one,
or serves entries that do not hash to its signed root, is reported and the state is not
advanced; the problem stays recorded until an operator forgets the log.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from safepassage.audit.merkle import Frontier, leaf_hash, verify_consistency
from safepassage.audit.services import record
from safepassage.tlog import leaf
from safepassage.tlog.client import FetchError, LogClient, Transport
from safepassage.tlog.models import MonitoredLog
from safepassage.tlog.note import Checkpoint, NoteError, open_note, parse_checkpoint, parse_vkey
from safepassage.tlog.tiles import WIDTH, TileError, TreeReader, read_bundle, tile_width


@dataclass
class MonitorReport:
    url: str
    origin: str = ""
    old_size: int = 0
    size: int = 0
    new: list[str] = field(default_factory=list)
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


class MonitorError(ValueError):
    """The command was given something it cannot use (an unknown log without its key)."""


def _check(
    row: MonitoredLog, client: LogClient, report: MonitorReport
) -> tuple[Checkpoint, bytes, Frontier] | None:
    verifier = parse_vkey(row.vkey)
    raw = client.checkpoint()
    try:
        note, _ = open_note(raw, [verifier])
        checkpoint = parse_checkpoint(note.text)
    except NoteError as exc:
        report.problem = f"the checkpoint is not acceptable: {exc}"
        return None
    report.origin, report.size = checkpoint.origin, checkpoint.size
    old_root = bytes(row.root)
    if checkpoint.size < row.size:
        report.problem = (
            f"the log shrank: it now signs {checkpoint.size} entries, it signed {row.size} before"
        )
    elif checkpoint.size == row.size and checkpoint.root != old_root and row.size:
        report.problem = f"the log forked: two checkpoints of size {row.size} with different roots"
    if report.problem:
        row.evidence = f"{row.checkpoint}\n---\n{raw.decode('utf-8', 'replace')}"
        return None
    tree = TreeReader(checkpoint.size, client.tile)
    if checkpoint.size and tree.root() != checkpoint.root:
        report.problem = "the log's tiles do not hash to its signed root"
        return None
    if row.size and checkpoint.size > row.size:
        proof = tree.consistency_proof(row.size)
        if not verify_consistency(row.size, checkpoint.size, old_root, checkpoint.root, proof):
            report.problem = (
                f"the log is not consistent with the checkpoint of size {row.size} seen before: "
                "entries already seen were rewritten"
            )
            row.evidence = f"{row.checkpoint}\n---\n{raw.decode('utf-8', 'replace')}"
            return None
    frontier = Frontier.unpack(row.size, bytes(row.frontier))
    first_bundle = row.size // WIDTH
    last_bundle = (checkpoint.size + WIDTH - 1) // WIDTH
    for number in range(first_bundle, last_bundle):
        width = tile_width(0, number, checkpoint.size)
        entries = read_bundle(client.bundle(number, width))
        if len(entries) != width:
            report.problem = f"entry bundle {number} holds {len(entries)} entries, not {width}"
            return None
        for offset, data in enumerate(entries):
            index = number * WIDTH + offset
            if leaf_hash(data) != tree.leaf(index):
                report.problem = f"entry {index} was rewritten: it does not match the log's tree"
                return None
            if index < row.size:
                continue
            frontier.append(leaf_hash(data))
            report.new.append(f"{index}: {_describe(data)}")
    if frontier.root() != checkpoint.root:
        report.problem = "the entries do not hash to the signed root"
        return None
    return checkpoint, raw, frontier


def _describe(data: bytes) -> str:
    try:
        return leaf.parse(data).describe()
    except leaf.LeafError:
        return f"an entry of another format ({len(data)} bytes)"


def monitor(url: str, vkey: str | None = None, transport: Transport | None = None) -> MonitorReport:
    """Check the log at `url` once; the first time, `vkey` names its key."""
    url = url.rstrip("/")
    row = MonitoredLog.objects.filter(url=url).first()
    if row is None:
        if not vkey:
            raise MonitorError("the first time, give the log's key (--vkey)")
        parse_vkey(vkey)
        row = MonitoredLog(url=url, vkey=vkey.strip())
    elif vkey and vkey.strip() != row.vkey:
        raise MonitorError("this log is followed under another key; forget it first")
    report = MonitorReport(url, old_size=row.size)
    if row.problem:
        report.problem = f"stopped since an earlier check: {row.problem}"
        return report
    try:
        checked = _check(row, LogClient(url, transport), report)
    except (FetchError, TileError) as exc:
        # Unreachable or malformed answers are reported, not held against the log.
        report.problem = str(exc)
        report.new = []
        return report
    with transaction.atomic():
        row.checked_at = timezone.now()
        if checked is None:
            report.new = []
            row.problem = report.problem
            row.save()
            record("tlog.monitor_problem", target_type="tlog_monitor", target_ref=row.pk)
            return report
        checkpoint, raw, frontier = checked
        row.size, row.root, row.frontier = checkpoint.size, checkpoint.root, frontier.pack()
        row.checkpoint = raw.decode("utf-8")
        row.save()
    return report


def forget(url: str) -> bool:
    deleted, _ = MonitoredLog.objects.filter(url=url.rstrip("/")).delete()
    return bool(deleted)
