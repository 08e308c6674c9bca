"""Writing to the audit log, checkpoints, and verification against every anchor we have.

`record` must run inside the transaction of the change it records (service functions wrap both in
`transaction.atomic()`), so an action and its entry are committed together or not at all.
"""

from __future__ import annotations

import atexit
import fcntl
import json
import logging
import os
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from safepassage.audit.chain import (
    Checkpoint,
    Report,
    Row,
    details_text,
    entry_bytes,
    statement_bytes,
    timestamp,
    verify_log,
)
from safepassage.audit.merkle import Frontier, consistency_proof, leaf_hash
from safepassage.audit.models import AuditCheckpoint, AuditEntry, AuditHead
from safepassage.crypto.keyfolder import write_private
from safepassage.vault.keys import Signer, organisation_signer, published_signing_keys
from safepassage.vault.models import OrganisationKeyring

ACTION = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
# Detail values are codes, numbers and references, never free text: anything with a capital
# letter, a space or a non-ASCII letter (a name, an address) is refused before it is written.
SAFE_VALUE = re.compile(r"^[a-z0-9_.:@+\-/]{0,100}$")
SAFE_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
# Pseudonymous references of records, such as a case's SP-7K3M-Q9TX.
REFERENCE = re.compile(r"^[A-Z]{2}-[0-9A-Z]{4}-[0-9A-Z]{4}$")


def _safe(value: str) -> bool:
    return bool(SAFE_VALUE.match(value) or REFERENCE.match(value))


HEAD_FILE = "audit-head.json"


class UnsafeDetails(ValueError):
    """An audit detail could carry client data."""


def _check_details(details: dict[str, Any]) -> None:
    for key, value in details.items():
        if not SAFE_KEY.match(key):
            raise UnsafeDetails(f"audit detail key {key!r} is not a plain code")
        values = value if isinstance(value, list) else [value]
        for item in values:
            if item is None or isinstance(item, bool | int):
                continue
            if not isinstance(item, str) or not _safe(item):
                raise UnsafeDetails(f"audit detail {key!r} must be a code, number or reference")


@dataclass(frozen=True)
class Event:
    """One action to record; see `record` for the meaning of the fields."""

    action: str
    actor: Any = None
    target_type: str = ""
    target_ref: str | int = ""
    details: dict[str, Any] | None = None


def record(
    action: str,
    *,
    actor: Any = None,
    target_type: str = "",
    target_ref: str | int = "",
    details: dict[str, Any] | None = None,
) -> int:
    """Append one entry inside the caller's transaction (or a new one); returns its number.

    `details` holds codes, numbers and references only; anything that could be a name, a contact
    or a place is refused before it is written.
    """
    return record_many([Event(action, actor, target_type, target_ref, details)])[-1]


def record_many(events: list[Event]) -> list[int]:
    """Append several entries in one go, serialised by the head row of the log."""
    now = timezone.now()
    # Milliseconds only: backups carry times through Django's JSON, which keeps no more, and the
    # restored entries must hash as they did.
    at = now.replace(microsecond=now.microsecond // 1000 * 1000)
    rows = []
    for event in events:
        if not ACTION.match(event.action):
            raise ValueError(f"audit action {event.action!r} must look like 'area.verb'")
        details = event.details or {}
        _check_details(details)
        target = str(event.target_ref)
        if target and not _safe(target):
            raise UnsafeDetails("audit target reference must be a code or number")
        actor_id = getattr(event.actor, "pk", None)
        label = getattr(event.actor, "email", "") if event.actor is not None else "system"
        rows.append(
            (actor_id, label, event.action, event.target_type, target, details_text(details))
        )
    connection = transaction.get_connection()
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        appended: tuple[Frontier, list[int]] | None = None
        known = _known_head.get(connection.alias)
        if known is not None and connection.vendor == "postgresql":
            appended = _append(cursor, at, rows, *known, guarded=True)
        if appended is None:
            appended = _append(cursor, at, rows, *_lock_head(cursor), guarded=False)
        if appended is None:
            raise RuntimeError("an unguarded append cannot be refused")
        frontier, seqs = appended
        _known_head[connection.alias] = (frontier.size, frontier.pack())
        at_once = any(event.action in SIGNED_AT_ONCE for event in events)
        _publish_after_commit(frontier.size, frontier.root(), at_once)
    return seqs


# Statements are built from these model table names only; every value is a bound parameter.
_ENTRY = AuditEntry._meta.db_table
_HEAD = AuditHead._meta.db_table
_COLUMNS = (
    "seq, at, actor_id, actor_label, action, target_type, target_ref, details, leaf_hash, root_hash"
)
_ROW = "(%s::bigint, %s::timestamptz, %s::bigint, %s, %s, %s, %s, %s, %s::bytea, %s::bytea)"
# The head this process last wrote, per database: on PostgreSQL an append first assumes nobody
# else appended since, and proves it by updating the head only where its size is still that one;
# the entries and the head then cost one round trip instead of three.
_known_head: dict[str, tuple[int, bytes]] = {}


def _append(
    cursor: Any,
    at: datetime,
    rows: list[tuple[Any, ...]],
    size: int,
    packed: bytes,
    guarded: bool,
) -> tuple[Frontier, list[int]] | None:
    """Insert the entries after a head of `size`; None when a guarded head had moved on."""
    frontier = Frontier.unpack(size, packed)
    stamp = timestamp(at)
    db_at = cursor.db.ops.adapt_datetimefield_value(at)
    params: list[Any] = []
    seqs = []
    for actor_id, label, action, target_type, target, text in rows:
        seq = frontier.size + 1
        leaf = leaf_hash(
            entry_bytes(seq, stamp, actor_id, label, action, target_type, target, text)
        )
        frontier.append(leaf)
        params += [seq, db_at, actor_id, label, action, target_type, target, text, leaf]
        params.append(frontier.root())
        seqs.append(seq)
    if guarded:
        values = ", ".join([_ROW] * len(rows))
        guarded_insert = (
            f"WITH head AS (UPDATE {_HEAD} SET size = %s, frontier = %s WHERE id = 1 "  # noqa: S608
            f"AND size = %s RETURNING id) INSERT INTO {_ENTRY} ({_COLUMNS}) "
            f"SELECT * FROM (VALUES {values}) AS v WHERE EXISTS (SELECT 1 FROM head)"
        )
        cursor.execute(guarded_insert, [frontier.size, frontier.pack(), size, *params])
        return (frontier, seqs) if cursor.rowcount == len(rows) else None
    values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"] * len(rows))
    cursor.execute(f"INSERT INTO {_ENTRY} ({_COLUMNS}) VALUES {values}", params)  # noqa: S608
    cursor.execute(
        f"UPDATE {_HEAD} SET size = %s, frontier = %s WHERE id = 1",  # noqa: S608
        [frontier.size, frontier.pack()],
    )
    return frontier, seqs


def _lock_head(cursor: Any) -> tuple[int, bytes]:
    """Size and frontier of the log, locked until the transaction ends (SQLite locks at BEGIN)."""
    lock = " FOR UPDATE" if cursor.db.features.has_select_for_update else ""
    cursor.execute(f"SELECT size, frontier FROM {_HEAD} WHERE id = 1{lock}")  # noqa: S608
    row = cursor.fetchone()
    if row is None:
        cursor.execute(f"INSERT INTO {_HEAD} (id, size, frontier) VALUES (1, 0, %s)", [b""])  # noqa: S608
        return 0, b""
    return int(row[0]), bytes(row[1])


# Actions after which a signed head covering the entry is written before the response is sent,
# not by the next beat of the head writer: they hand out keys or state something to others, and
# a process killed in between must not be able to make them vanish from the log unnoticed.
SIGNED_AT_ONCE: set[str] = {
    "case.assigned",
    "case.bundle_exported",
    "case.exported",
    "staff.role_changed",
    "staff.invited",
    "vetting.shared",
    "vetting.attestation_issued",
    "vetting.attestation_revoked",
}


def sign_at_once(*actions: str) -> None:
    """An app names its own actions that must be under a signed head before it answers."""
    SIGNED_AT_ONCE.update(actions)


_latest_pending: dict[str, int] = {}
_at_once_pending: set[str] = set()


def _publish_after_commit(seq: int, root: bytes, at_once: bool = False) -> None:
    """After commit, publish the head once per transaction (the last entry's), not per entry;
    at once, before the caller answers, when the transaction holds an action of SIGNED_AT_ONCE."""
    alias = transaction.get_connection().alias
    _latest_pending[alias] = seq
    if at_once:
        _at_once_pending.add(alias)

    def publish() -> None:
        if _latest_pending.get(alias) != seq:
            return
        if alias in _at_once_pending:
            _at_once_pending.discard(alias)
            publish_head(seq, root)
        else:
            _publisher.submit(seq, root)

    transaction.on_commit(publish)


log = logging.getLogger(__name__)


@dataclass
class HeadWriterStatus:
    """What the head writer did last, for `safepassage doctor` and the audit page."""

    written_at: datetime | None = None
    failures: int = 0  # since the last successful write
    last_failure: str = ""  # the kind of error only


class _HeadPublisher:
    """Signs and writes the key-folder head after commits, at most once per interval.

    With an interval of 0 it writes at once (the tests); otherwise a daemon thread writes the
    latest head every interval and once more when the process exits, so a burst of appends costs
    one signature. A process killed outright may leave the head up to one interval behind, which
    only narrows what truncation detection covers (actions in SIGNED_AT_ONCE are never in that
    window). A failed write is logged, kept for the next beat and counted in `status`; the
    thread never stops.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pending: tuple[int, bytes, Path, Signer] | None = None
        self.thread: threading.Thread | None = None
        self.status = HeadWriterStatus()

    def submit(self, seq: int, root: bytes) -> None:
        signer = _signer()
        if signer is None:
            return
        interval = settings.AUDIT_HEAD_INTERVAL_SECONDS
        if interval <= 0:
            _write_head(seq, root, head_path(), signer)
            return
        with self.lock:
            if self.pending is None or seq > self.pending[0]:
                self.pending = (seq, root, head_path(), signer)
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="audit-head", daemon=True)
                self.thread.start()
                atexit.register(self.flush)

    def _run(self) -> None:
        last = time.monotonic()
        while True:
            # The interval is read on every beat, so a changed setting applies within a second.
            interval = max(settings.AUDIT_HEAD_INTERVAL_SECONDS, 0.01)
            time.sleep(min(interval, 1.0))
            if time.monotonic() - last < interval:
                continue
            last = time.monotonic()
            try:
                self.flush()
            except Exception as exc:  # any failure: keep beating, say so, never die
                with self.lock:
                    self.status.failures += 1
                    self.status.last_failure = type(exc).__name__
                log.error(
                    "audit head not written (%s); %d failures in a row; retrying",
                    type(exc).__name__,
                    self.status.failures,
                )

    def flush(self) -> None:
        with self.lock:
            pending, self.pending = self.pending, None
        if pending is None:
            return
        try:
            _write_head(*pending)
        except Exception:
            with self.lock:  # keep it for the next beat unless a newer head came meanwhile
                if self.pending is None or self.pending[0] < pending[0]:
                    self.pending = pending
            raise
        with self.lock:
            self.status = HeadWriterStatus(written_at=timezone.now())


_publisher = _HeadPublisher()


def head_writer_status() -> HeadWriterStatus:
    """The head writer's state in this process: when it last wrote, how often it failed since."""
    with _publisher.lock:
        return HeadWriterStatus(**vars(_publisher.status))


def flush_head() -> None:
    """Write any head still waiting for the publisher (before verifying, for example)."""
    _publisher.flush()


def _signer() -> Signer | None:
    try:
        return organisation_signer()
    except LookupError:
        return None


def sign_checkpoint(size: int, root: bytes, signer: Signer) -> Checkpoint:
    signed_at = timestamp(timezone.now())
    signature = signer.sign(statement_bytes(size, root, signed_at, signer.key_id))
    return Checkpoint(size, root, signed_at, signer.key_id, signature, signer.public)


def head_path() -> Path:
    return Path(settings.KEY_DIR) / HEAD_FILE


def publish_head(size: int, root: bytes) -> None:
    """Sign and keep `size` and `root` as the head in the key folder, now."""
    signer = _signer()
    if signer is not None:
        _write_head(size, root, head_path(), signer)


def _write_head(size: int, root: bytes, path: Path, signer: Signer) -> None:
    """Keep a signed tree head in the key folder, out of reach of whoever holds only the database.

    A head is only ever replaced by a larger one, so a log truncated in the database no longer
    matches it.
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # Owner-only like everything in the key folder, whatever the process's umask.
    lock_fd = os.open(path.with_suffix(".lock"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(lock_fd, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        current = _read_head(path)
        if current is not None and current.size >= size:
            return
        checkpoint = sign_checkpoint(size, root, signer)
        # Atomic against a crashed process; not forced to disk, so a power cut may lose the last
        # head, which only narrows what truncation detection covers.
        write_private(path, json.dumps(checkpoint.to_json()).encode("utf-8"), durable=False)


def read_head() -> Checkpoint | None:
    return _read_head(head_path())


def _read_head(path: Path) -> Checkpoint | None:
    if not path.exists():
        return None
    return Checkpoint.from_json(json.loads(path.read_text(encoding="utf-8")))


def create_checkpoint() -> Checkpoint:
    """Sign the current size and root, and keep the checkpoint in the database."""
    signer = _signer()
    if signer is None:
        raise LookupError("no organisation signing key yet")
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().filter(pk=1).first()
        size = head.size if head else 0
        frontier = Frontier.unpack(size, bytes(head.frontier)) if head else Frontier()
        checkpoint = sign_checkpoint(size, frontier.root(), signer)
        AuditCheckpoint.objects.create(
            size=checkpoint.size,
            root=checkpoint.root,
            signed_at=checkpoint.signed_at,
            key_id=checkpoint.key_id,
            public_key=checkpoint.public_key,
            signature=checkpoint.signature,
        )
    return checkpoint


def export_checkpoint(checkpoint: Checkpoint, since: Checkpoint | None = None) -> dict[str, Any]:
    """The checkpoint as a partner keeps it; with `since`, a proof that it extends the older one."""
    data = checkpoint.to_json()
    if since is not None:
        if since.size > checkpoint.size:
            raise ValueError("the older checkpoint is larger than the new one")
        leaves = list(
            AuditEntry.objects.order_by("seq")
            .filter(seq__lte=checkpoint.size)
            .values_list("leaf_hash", flat=True)
        )
        proof = consistency_proof(since.size, [bytes(h) for h in leaves]) if since.size else []
        data["consistency"] = {"from_size": since.size, "proof": [h.hex() for h in proof]}
    return data


def _rows() -> Iterator[Row]:
    """Every entry in order, read with a plain cursor (the ORM's conversions would halve speed)."""
    connection = transaction.get_connection()
    # An expression has no declared type, so SQLite's driver hands back the stored text instead
    # of parsing a datetime for every row.
    at = _PG_AT if connection.vendor == "postgresql" else "at || ''"
    columns = _COLUMNS.replace(" at,", f" {at},")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {_ENTRY} ORDER BY seq")  # noqa: S608
        while batch := cursor.fetchmany(5000):
            for seq, stored_at, *rest in batch:
                yield (seq, _stored_timestamp(stored_at), *rest)


# PostgreSQL renders the time as `timestamp` does, sparing a datetime object per entry.
_PG_AT = """to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')"""


def _stored_timestamp(value: str | datetime) -> str:
    """The time of an entry as `timestamp` rendered it when the entry was hashed.

    SQLite hands back the text Django stored (UTC without a zone, and without a fraction when the
    microseconds are zero), or a naive UTC datetime when the connection parses declared types.
    """
    if isinstance(value, datetime):
        return timestamp(value.replace(tzinfo=UTC) if value.tzinfo is None else value)
    if value.endswith("+00:00"):
        return value
    text = value.replace(" ", "T")
    if "." not in text:
        text += ".000000"
    return text + "+00:00"


def trusted_public_key() -> bytes | None:
    keyring = OrganisationKeyring.objects.order_by("pk").first()
    return bytes(keyring.signing_public) if keyring else None


def verify(extra: list[Checkpoint] | None = None, public_key: bytes | None = None) -> Report:
    """Verify the log against its own hashes, the database checkpoints, the key-folder head and
    any checkpoints given (for example one exported to a partner). Checkpoints signed before a
    rotation of the signing key verify under the retired key."""
    flush_head()
    key: bytes | dict[str, bytes] | None = public_key or published_signing_keys() or None
    checkpoints = [
        Checkpoint(
            c.size, bytes(c.root), c.signed_at, c.key_id, bytes(c.signature), bytes(c.public_key)
        )
        for c in AuditCheckpoint.objects.all()
    ]
    report_problems: list[str] = []
    try:
        head_checkpoint = read_head()
    except (ValueError, OSError) as exc:
        head_checkpoint = None
        report_problems.append(f"the signed head in the key folder is unreadable: {exc}")
    if head_checkpoint is not None:
        checkpoints.append(head_checkpoint)
    checkpoints.extend(extra or [])
    head = AuditHead.objects.filter(pk=1).first()
    recorded = head.size if head else None
    if key is None and checkpoints:
        report_problems.append("checkpoints exist but no organisation public key to check them")
    report = verify_log(_rows(), checkpoints, key, recorded)
    report.problems[:0] = report_problems
    return report


def entry_leaf(entry: AuditEntry) -> bytes:
    """The leaf hash an entry should have (used by tests and the consistency export)."""
    return leaf_hash(
        entry_bytes(
            entry.seq,
            timestamp(entry.at),
            entry.actor_id,
            entry.actor_label,
            entry.action,
            entry.target_type,
            entry.target_ref,
            entry.details,
        )
    )
