"""Writing to the audit log, checkpoints, and verification against every anchor we have.

`record` must run inside the transaction of the change it records (service functions wrap both in
`transaction.atomic()`), so an action and its entry are committed together or not at all.
"""

from __future__ import annotations

import fcntl
import json
import re
from collections.abc import Iterator
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
from safepassage.vault.keys import Signer, organisation_signer
from safepassage.vault.models import OrganisationKeyring

ACTION = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
# Detail values are codes, numbers and references, never free text: anything with a capital
# letter, a space or a non-ASCII letter (a name, an address) is refused before it is written.
SAFE_VALUE = re.compile(r"^[a-z0-9_.:@+\-/]{0,100}$")
SAFE_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
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
            if not isinstance(item, str) or not SAFE_VALUE.match(item):
                raise UnsafeDetails(f"audit detail {key!r} must be a code, number or reference")


def record(
    action: str,
    *,
    actor: Any = None,
    target_type: str = "",
    target_ref: str | int = "",
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry, inside the caller's transaction (or a new one)."""
    if not ACTION.match(action):
        raise ValueError(f"audit action {action!r} must look like 'area.verb'")
    details = details or {}
    _check_details(details)
    target = str(target_ref)
    if target and not SAFE_VALUE.match(target):
        raise UnsafeDetails("audit target reference must be a code or number")
    actor_id = getattr(actor, "pk", None)
    actor_label = getattr(actor, "email", "") if actor is not None else "system"
    at = timezone.now()
    text = details_text(details)
    with transaction.atomic(savepoint=False):
        head = AuditHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            head = AuditHead.objects.create(pk=1)
        frontier = Frontier.unpack(head.size, bytes(head.frontier))
        seq = head.size + 1
        leaf = leaf_hash(
            entry_bytes(
                seq, timestamp(at), actor_id, actor_label, action, target_type, target, text
            )
        )
        frontier.append(leaf)
        root = frontier.root()
        entry = AuditEntry.objects.create(
            seq=seq,
            at=at,
            actor_id=actor_id,
            actor_label=actor_label,
            action=action,
            target_type=target_type,
            target_ref=target,
            details=text,
            leaf_hash=leaf,
            root_hash=root,
        )
        head.size = seq
        head.frontier = frontier.pack()
        head.save(update_fields=["size", "frontier"])
        transaction.on_commit(lambda: publish_head(seq, root))
    return entry


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
    """Keep a signed tree head in the key folder, out of reach of whoever holds only the database.

    Called after each commit; a head is only ever replaced by a larger one, so a log truncated in
    the database no longer matches it.
    """
    signer = _signer()
    if signer is None:
        return
    path = head_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(path.with_suffix(".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        current = read_head()
        if current is not None and current.size >= size:
            return
        checkpoint = sign_checkpoint(size, root, signer)
        write_private(path, json.dumps(checkpoint.to_json()).encode("utf-8"))


def read_head() -> Checkpoint | None:
    path = head_path()
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
    fields = (
        "seq",
        "at",
        "actor_id",
        "actor_label",
        "action",
        "target_type",
        "target_ref",
        "details",
        "leaf_hash",
        "root_hash",
    )
    yield from AuditEntry.objects.order_by("seq").values_list(*fields).iterator(chunk_size=5000)


def trusted_public_key() -> bytes | None:
    keyring = OrganisationKeyring.objects.order_by("pk").first()
    return bytes(keyring.signing_public) if keyring else None


def verify(extra: list[Checkpoint] | None = None, public_key: bytes | None = None) -> Report:
    """Verify the log against its own hashes, the database checkpoints, the key-folder head and
    any checkpoints given (for example one exported to a partner)."""
    key = public_key or trusted_public_key()
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
