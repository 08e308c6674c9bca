"""Signed notes, checkpoints, cosignatures and the witness's decision (framework-free)."""

from __future__ import annotations

import hashlib

import nacl.utils
import pytest

from safepassage.audit.merkle import consistency_proof, leaf_hash, subtree_root
from safepassage.tlog import leaf
from safepassage.tlog.note import (
    COSIGNATURE_V1,
    Checkpoint,
    NoteError,
    NoteSigner,
    open_note,
    parse_checkpoint,
    parse_private,
    parse_vkey,
    sign_note,
)
from safepassage.tlog.witness import (
    cosign,
    decide,
    encode_request,
    parse_request,
    read_cosignatures,
)

LOG = NoteSigner("example.org/tlog", bytes(range(32)))
WITNESS = NoteSigner("witness.example/w1", bytes(range(1, 33)), COSIGNATURE_V1)


def checkpoint(size: int, hashes: list[bytes] | None = None) -> bytes:
    hashes = hashes if hashes is not None else [leaf_hash(str(i).encode()) for i in range(size)]
    return sign_note(Checkpoint(LOG.name, size, subtree_root(hashes[:size])).text(), LOG)


def test_a_checkpoint_is_three_lines_a_blank_line_and_an_em_dash_signature():
    note = checkpoint(3).decode()
    lines = note.split("\n")
    assert lines[0] == "example.org/tlog"
    assert lines[1] == "3"
    assert len(lines[2]) == 44
    assert lines[2].endswith("=")
    assert lines[3] == ""
    assert lines[4].startswith("— example.org/tlog ")
    assert note.endswith("\n")


def test_the_key_id_is_the_signed_note_hash_of_name_type_and_key():
    verifier = LOG.verifier
    expected = hashlib.sha256(b"example.org/tlog\n\x01" + verifier.public).digest()[:4]
    assert verifier.id == expected
    assert parse_vkey(verifier.vkey()) == verifier
    assert verifier.vkey().startswith(f"example.org/tlog+{expected.hex()}+")
    assert parse_private(LOG.private_text()) == LOG


def test_a_note_verifies_with_its_key_and_not_with_another():
    note, signed = open_note(checkpoint(5), [LOG.verifier])
    assert signed == [LOG.verifier]
    assert parse_checkpoint(note.text).size == 5
    other = NoteSigner(LOG.name, nacl.utils.random(32))
    with pytest.raises(NoteError, match="no known key"):
        open_note(checkpoint(5), [other.verifier])


def test_one_changed_byte_of_the_text_fails_the_known_signature():
    raw = checkpoint(5)
    changed = raw.replace(b"\n5\n", b"\n6\n", 1)
    with pytest.raises(NoteError, match="does not verify"):
        open_note(changed, [LOG.verifier])


@pytest.mark.parametrize(
    "vkey",
    [
        "example.org/tlog+00000000+AQ==",
        "no key",
        "example.org/tlog+zzzzzzzz+" + "A" * 44,
    ],
)
def test_malformed_verifier_keys_are_refused(vkey):
    with pytest.raises(NoteError):
        parse_vkey(vkey)


def test_a_vkey_whose_id_does_not_match_is_refused():
    good = LOG.verifier.vkey()
    _name, key_hash, key = good.split("+", 2)
    with pytest.raises(NoteError, match="does not match"):
        parse_vkey(f"other.example+{key_hash}+{key}")


def test_a_cosignature_signs_the_time_and_the_checkpoint():
    raw = checkpoint(4)
    note, _ = open_note(raw, [LOG.verifier])
    line = WITNESS.signature_line(note.text, 1_700_000_000)
    both = raw + line.encode()
    opened, signed = open_note(both, [LOG.verifier, WITNESS.verifier])
    assert signed == [LOG.verifier, WITNESS.verifier]
    assert opened.verified_by(WITNESS.verifier) == (True, 1_700_000_000)
    # The cosignature's key id uses type 0x04, so a verifier for a plain signature ignores it.
    assert (
        WITNESS.verifier.id
        == hashlib.sha256(b"witness.example/w1\n\x04" + WITNESS.verifier.public).digest()[:4]
    )


def test_leaves_have_one_written_form_and_an_open_set_of_kinds():
    from datetime import date

    entry = leaf.of_file("dossier", date(2026, 5, 31), b"signed bytes")
    assert leaf.parse(entry.encode()) == entry
    assert entry.encode().startswith(b"safepassage-tlog/v1\ndossier\n2026-05-31\n")
    for bad in (
        b"",
        entry.encode().upper(),
        entry.encode() + b"\n",
        entry.encode().replace(b"dossier", b"Dossier"),
    ):
        with pytest.raises(leaf.LeafError):
            leaf.parse(bad)


# -- the witness's decision -------------------------------------------------------------------


def request(old: int, size: int, hashes: list[bytes]) -> bytes:
    proof = consistency_proof(old, hashes[:size]) if old else []
    return encode_request(old, proof, checkpoint(size, hashes))


HASHES = [leaf_hash(str(i).encode()) for i in range(20)]


def test_the_first_checkpoint_is_cosigned_and_the_cosignature_verifies():
    parsed = parse_request(request(0, 5, HASHES))
    decision = decide(parsed, LOG.verifier, 0, b"")
    assert decision.status == 200
    assert decision.cosign
    answer = cosign(parsed, WITNESS, 1_700_000_000)
    [(_line, when)] = read_cosignatures(answer, parsed.note.text, WITNESS.verifier)
    assert when == 1_700_000_000


def test_a_consistent_extension_is_cosigned():
    parsed = parse_request(request(5, 12, HASHES))
    assert decide(parsed, LOG.verifier, 5, subtree_root(HASHES[:5])).cosign


def test_the_wrong_old_size_gets_409_with_the_known_size():
    parsed = parse_request(request(3, 12, HASHES))
    decision = decide(parsed, LOG.verifier, 5, subtree_root(HASHES[:5]))
    assert (decision.status, decision.known_size, decision.cosign) == (409, 5, False)


def test_a_fork_of_the_same_size_is_refused_as_a_conflict():
    forked = [*HASHES[:4], leaf_hash(b"rewritten"), *HASHES[5:]]
    parsed = parse_request(request(5, 5, forked))
    decision = decide(parsed, LOG.verifier, 5, subtree_root(HASHES[:5]))
    assert (decision.status, decision.conflict, decision.cosign) == (409, True, False)


def test_a_rewritten_leaf_breaks_the_consistency_proof():
    rewritten = [*HASHES[:2], leaf_hash(b"rewritten"), *HASHES[3:]]
    parsed = parse_request(request(5, 12, rewritten))
    decision = decide(parsed, LOG.verifier, 5, subtree_root(HASHES[:5]))
    assert (decision.status, decision.cosign) == (422, False)


def test_a_shrinking_log_is_refused():
    parsed = parse_request(request(3, 3, HASHES))
    decision = decide(parsed, LOG.verifier, 5, subtree_root(HASHES[:5]))
    assert (decision.status, decision.cosign) == (409, False)
    too_old = parse_request(encode_request(5, [], checkpoint(3, HASHES)))
    assert decide(too_old, LOG.verifier, 5, subtree_root(HASHES[:5])).status == 400


def test_a_checkpoint_signed_by_another_key_gets_403():
    impostor = NoteSigner(LOG.name, nacl.utils.random(32))
    body = encode_request(0, [], sign_note(Checkpoint(LOG.name, 1, HASHES[0]).text(), impostor))
    assert decide(parse_request(body), LOG.verifier, 0, b"").status == 403


@pytest.mark.parametrize(
    "body", [b"", b"old 01\n\n", b"new 0\n\nx", b"old 0\nnot base64!\n\n" + checkpoint(1)]
)
def test_malformed_requests_are_refused(body):
    with pytest.raises(NoteError):
        parse_request(body)
