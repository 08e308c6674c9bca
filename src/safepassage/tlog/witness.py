"""The witness protocol of c2sp.org/tlog-witness, framework-free: the add-checkpoint request,
the witness's decision, and the log's reading of the answer.

A witness keeps, per log origin, the size and root of the last checkpoint it cosigned. It cosigns
a new checkpoint only when the request's "old" size is that size and the consistency proof shows
the new tree extends the old one; the same size with another root is refused. The decision is
pure; the caller holds the state under a lock and stores the new state before answering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from safepassage.audit.merkle import verify_consistency
from safepassage.tlog.note import (
    Checkpoint,
    Note,
    NoteError,
    NoteSigner,
    Verifier,
    b64,
    parse_checkpoint,
    parse_note,
    parse_signature_lines,
    unb64,
)

MAX_PROOF = 63
MAX_BODY = 64 * 1024
_OLD = re.compile(r"^old (0|[1-9][0-9]{0,18})$")


@dataclass(frozen=True)
class Request:
    old_size: int
    proof: list[bytes]
    note: Note
    checkpoint: Checkpoint


def encode_request(old_size: int, proof: list[bytes], signed_checkpoint: bytes) -> bytes:
    lines = [f"old {old_size}", *(b64(h) for h in proof), ""]
    return ("\n".join(lines) + "\n").encode() + signed_checkpoint


def parse_request(body: bytes) -> Request:
    """NoteError when the body is not an add-checkpoint request (the witness answers 400)."""
    if len(body) > MAX_BODY:
        raise NoteError("the request is too large")
    head, sep, rest = body.partition(b"\n\n")
    if not sep:
        raise NoteError("the request has no blank line before the checkpoint")
    try:
        lines = head.decode("ascii").split("\n")
    except UnicodeDecodeError:
        raise NoteError("the request's first lines are ASCII") from None
    match = _OLD.match(lines[0])
    if not match:
        raise NoteError("the request starts with 'old <size>'")
    if len(lines) - 1 > MAX_PROOF:
        raise NoteError(f"a consistency proof has at most {MAX_PROOF} hashes")
    proof = [unb64(line, "a proof hash") for line in lines[1:]]
    if any(len(h) != 32 for h in proof):
        raise NoteError("a proof hash is 32 bytes")
    note = parse_note(rest)
    return Request(int(match.group(1)), proof, note, parse_checkpoint(note.text))


@dataclass(frozen=True)
class Decision:
    status: int  # the HTTP status the witness answers
    reason: str
    cosign: bool = False
    # The size to report with 409, as text/x.tlog.size.
    known_size: int | None = None
    # Evidence worth keeping: a correctly signed checkpoint that contradicts what was cosigned.
    conflict: bool = False


def decide(request: Request, log_key: Verifier, size: int, root: bytes) -> Decision:
    """What to answer, given the last cosigned (size, root) of this origin (0 and b"" if none)."""
    try:
        signed, _ = request.note.verified_by(log_key)
    except NoteError:
        signed = False
    if not signed:
        return Decision(403, "the checkpoint is not signed by the log's known key")
    checkpoint = request.checkpoint
    if request.old_size > checkpoint.size:
        return Decision(400, "the old size is larger than the checkpoint")
    if request.old_size != size:
        return Decision(409, f"the last cosigned size is {size}", known_size=size)
    if size == 0:
        if request.proof:
            return Decision(422, "the proof must be empty from size 0")
        return Decision(200, "first checkpoint of this log", cosign=True)
    if checkpoint.size == size:
        if checkpoint.root != root or request.proof:
            return Decision(
                409, "another root for a size already cosigned", known_size=size, conflict=True
            )
        return Decision(200, "the same checkpoint again", cosign=True)
    if not verify_consistency(size, checkpoint.size, root, checkpoint.root, request.proof):
        return Decision(422, "the consistency proof does not verify", conflict=True)
    return Decision(200, "consistent with the last cosigned checkpoint", cosign=True)


def cosign(request: Request, signer: NoteSigner, timestamp: int) -> bytes:
    return signer.signature_line(request.note.text, timestamp).encode()


def read_cosignatures(
    answer: bytes, checkpoint_text: bytes, witness: Verifier
) -> list[tuple[bytes, int]]:
    """The witness's verified cosignatures in an answer: (signature line bytes, time)."""
    try:
        lines = parse_signature_lines(answer.decode("utf-8"))
    except UnicodeDecodeError:
        raise NoteError("the answer is not UTF-8") from None
    found = []
    for signature in lines:
        if signature.name != witness.name or signature.id != witness.id:
            continue  # another key of the witness: ignored, as the protocol asks
        timestamp = witness.check(checkpoint_text, signature.signature)
        found.append((signature.line().encode(), timestamp or 0))
    if not found:
        raise NoteError("the answer holds no cosignature by the witness's key")
    return found
