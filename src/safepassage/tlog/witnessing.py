"""This instance as a witness of its partners' logs (c2sp.org/tlog-witness).

The state of each witnessed log (the last size and root cosigned) is a database row, read and
written under a row lock in one transaction with the decision: two requests cannot both pass the
check against the same old size, and a restart forgets nothing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from safepassage.audit.services import record
from safepassage.tlog import keys
from safepassage.tlog.models import WitnessConflict, WitnessedLog
from safepassage.tlog.note import COSIGNATURE_V1, ED25519, NoteError, parse_vkey
from safepassage.tlog.witness import Decision, cosign, decide, parse_request


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    content_type: str = "text/plain; charset=utf-8"


def follow(vkey: str, *, by: object = None) -> WitnessedLog:
    """Witness a partner's log, known by its origin and Ed25519 note key (vkey)."""
    verifier = parse_vkey(vkey)
    if verifier.kind != ED25519:
        raise NoteError("a log key is an Ed25519 note key (type 1)")
    with transaction.atomic():
        row, created = WitnessedLog.objects.get_or_create(
            origin=verifier.name, defaults={"vkey": verifier.vkey()}
        )
        if not created and row.vkey != verifier.vkey():
            raise NoteError("this origin is already witnessed under another key")
        record("tlog.witness_follows", actor=by, target_type="tlog_log", target_ref=row.pk)
    return row


def witness_vkey() -> str:
    signer = keys.witness_signer()
    assert signer.kind == COSIGNATURE_V1  # noqa: S101 - keys.witness_signer makes only these
    return signer.verifier.vkey()


def add_checkpoint(body: bytes) -> Answer:
    """Answer one add-checkpoint request: a cosignature, or the refusal the protocol names."""
    try:
        request = parse_request(body)
    except NoteError as exc:
        return Answer(400, f"{exc}\n".encode())
    signer = keys.witness_signer()
    with transaction.atomic():
        row = (
            WitnessedLog.objects.select_for_update()
            .filter(origin=request.checkpoint.origin)
            .first()
        )
        if row is None:
            return Answer(404, b"this witness does not know that log\n")
        decision = decide(request, parse_vkey(row.vkey), row.size, bytes(row.root))
        if decision.conflict:
            _keep_evidence(row, request.old_size, decision, body)
        if not decision.cosign:
            return _refusal(decision)
        row.size, row.root = request.checkpoint.size, request.checkpoint.root
        row.save(update_fields=["size", "root", "updated_at"])
        line = cosign(request, signer, int(time.time()))
    return Answer(200, line)


def _refusal(decision: Decision) -> Answer:
    if decision.status == 409 and decision.known_size is not None:
        return Answer(409, f"{decision.known_size}\n".encode(), "text/x.tlog.size")
    return Answer(decision.status, f"{decision.reason}\n".encode())


def _keep_evidence(row: WitnessedLog, old_size: int, decision: Decision, body: bytes) -> None:
    WitnessConflict.objects.create(
        origin=row.origin,
        received_at=timezone.now(),
        old_size=old_size,
        cosigned_size=row.size,
        reason=decision.reason,
        request=body.decode("utf-8", "replace"),
    )
    record(
        "tlog.witness_conflict",
        target_type="tlog_log",
        target_ref=row.pk,
        details={"cosigned_size": row.size},
    )
