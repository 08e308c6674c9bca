"""This instance as a witness (c2sp.org/tlog-witness), and its log asking witnesses to cosign.

A partner's log is simulated with its own key and tiles in memory; what reaches the witness
goes through its public endpoint.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import nacl.utils
import pytest
from django.test import Client

from safepassage.audit.merkle import consistency_proof, leaf_hash, subtree_root
from safepassage.tlog import keys, leaf, services, witnessing
from safepassage.tlog.models import Cosignature, Witness, WitnessConflict, WitnessedLog
from safepassage.tlog.note import Checkpoint, NoteSigner, open_note, parse_note, sign_note
from safepassage.tlog.tests.helpers import client_transport, issue_one
from safepassage.tlog.witness import encode_request

pytestmark = pytest.mark.django_db
ENDPOINT = "/tlog/witness/add-checkpoint"


class PartnerLog:
    """Another organisation's log: its key and its leaves, in memory."""

    def __init__(self, origin: str = "partner.example/tlog") -> None:
        self.signer = NoteSigner(origin, nacl.utils.random(32))
        self.hashes: list[bytes] = []

    def grow(self, count: int) -> None:
        for _ in range(count):
            entry = leaf.of_file("attestation", date(2026, 5, 1), nacl.utils.random(16))
            self.hashes.append(leaf_hash(entry.encode()))

    def checkpoint(self, hashes: list[bytes] | None = None) -> bytes:
        hashes = self.hashes if hashes is None else hashes
        text = Checkpoint(self.signer.name, len(hashes), subtree_root(hashes)).text()
        return sign_note(text, self.signer)

    def request(self, old: int, hashes: list[bytes] | None = None) -> bytes:
        hashes = self.hashes if hashes is None else hashes
        proof = consistency_proof(old, hashes) if old else []
        return encode_request(old, proof, self.checkpoint(hashes))


def submit(body: bytes) -> Any:
    return Client().post(ENDPOINT, data=body, content_type="text/plain")


@pytest.fixture
def partner(db: Any) -> PartnerLog:
    log = PartnerLog()
    witnessing.follow(log.signer.verifier.vkey())
    log.grow(5)
    return log


def cosignature_time(response: Any, partner: PartnerLog) -> int:
    text = parse_note(partner.checkpoint()).text
    note, _ = open_note(partner.checkpoint() + response.content, [keys.witness_signer().verifier])
    assert note.text == text
    signed, when = note.verified_by(keys.witness_signer().verifier)
    assert signed
    return when or 0


def test_the_witness_cosigns_a_first_checkpoint_and_then_consistent_ones(partner):
    first = submit(partner.request(0))
    assert first.status_code == 200
    assert cosignature_time(first, partner) > 1_700_000_000
    partner.grow(7)
    second = submit(partner.request(5))
    assert second.status_code == 200
    assert cosignature_time(second, partner) > 0
    assert WitnessedLog.objects.get().size == 12


def test_an_unknown_origin_gets_404_and_a_wrong_key_403(partner):
    stranger = PartnerLog("stranger.example/tlog")
    stranger.grow(2)
    assert submit(stranger.request(0)).status_code == 404
    impostor = PartnerLog(partner.signer.name)
    impostor.grow(2)
    assert submit(impostor.request(0)).status_code == 403
    assert WitnessedLog.objects.get().size == 0


def test_a_stale_old_size_gets_409_with_the_size_as_text(partner):
    assert submit(partner.request(0)).status_code == 200
    partner.grow(3)
    response = submit(partner.request(2))
    assert response.status_code == 409
    assert response["Content-Type"] == "text/x.tlog.size"
    assert response.content == b"5\n"


def test_a_rewritten_leaf_is_refused_and_kept_as_evidence(partner):
    assert submit(partner.request(0)).status_code == 200
    partner.grow(4)
    rewritten = list(partner.hashes)
    rewritten[1] = leaf_hash(b"a different attestation")
    response = submit(partner.request(5, rewritten))
    assert response.status_code == 422
    assert WitnessedLog.objects.get().size == 5
    assert WitnessConflict.objects.get().reason == "the consistency proof does not verify"


def test_a_forked_log_is_refused(partner):
    assert submit(partner.request(0)).status_code == 200
    forked = [*partner.hashes[:4], leaf_hash(b"fork")]
    response = submit(partner.request(5, forked))
    assert response.status_code == 409
    assert response.content == b"5\n"
    assert WitnessConflict.objects.count() == 1


def test_a_shrinking_log_is_refused(partner):
    assert submit(partner.request(0)).status_code == 200
    shorter = partner.hashes[:3]
    assert submit(partner.request(0, shorter)).status_code == 409
    assert submit(encode_request(5, [], partner.checkpoint(shorter))).status_code == 400
    assert WitnessedLog.objects.get().size == 5


def test_the_witness_keeps_its_refusal_across_a_restart(partner, settings):
    assert submit(partner.request(0)).status_code == 200
    forked = [*partner.hashes[:4], leaf_hash(b"fork")]
    assert submit(partner.request(5, forked)).status_code == 409
    # A restart: every in-process cache is dropped; only the database and key folder remain.
    keys._cache.clear()
    assert submit(partner.request(5, forked)).status_code == 409
    assert submit(partner.request(0, forked)).status_code == 409
    partner.grow(2)
    fork_grown = [*forked, *partner.hashes[5:]]
    assert submit(partner.request(5, fork_grown)).status_code == 422
    assert WitnessedLog.objects.get().size == 5
    # The honest log still gets its cosignature.
    assert submit(partner.request(5)).status_code == 200


@pytest.mark.parametrize("body", [b"", b"garbage", b"old 0\n\nnot a note"])
def test_a_malformed_request_gets_400_and_changes_nothing(partner, body):
    assert submit(body).status_code == 400
    assert WitnessedLog.objects.get().size == 0


def test_get_is_not_allowed_on_the_witness_endpoint(partner):
    assert Client().get(ENDPOINT).status_code == 405


# -- this log asking its witnesses --------------------------------------------------------------


def cosigned_by_ourselves(coordinator: Any) -> None:
    """This instance witnesses its own log (as a partner's instance would) and cosigns it."""
    issue_one(coordinator)
    witnessing.follow(services.log_vkey())
    services.add_witness(witnessing.witness_vkey(), "http://testserver/tlog/witness")
    [result] = services.request_cosignatures(client_transport())
    assert result.ok, result.message


def test_the_log_gets_cosigned_and_serves_the_cosignature(coordinator):
    cosigned_by_ourselves(coordinator)
    served = Client().get("/tlog/checkpoint").content
    _, signed = open_note(served, [keys.log_signer().verifier, keys.witness_signer().verifier])
    assert len(signed) == 2
    issued = issue_one(coordinator)
    [again] = services.request_cosignatures(client_transport())
    assert again.ok, again.message
    assert Cosignature.objects.count() == 2
    status = services.status_of(issued.json)
    assert status.cosigned_by == [keys.witness_signer().name]


def test_the_page_says_how_many_known_witnesses_cosigned(coordinator):
    cosigned_by_ourselves(coordinator)
    issued = issue_one(coordinator)
    services.request_cosignatures(client_transport())
    from safepassage.tlog.tests.test_log import check_on_page

    page = check_on_page(issued.json)
    assert "Cosigned by 1 of the 1 known witnesses" in page


def test_the_log_learns_the_witness_size_from_409(coordinator):
    cosigned_by_ourselves(coordinator)
    witness = Witness.objects.get()
    witness.last_size = 0
    witness.save()
    issue_one(coordinator)
    [result] = services.request_cosignatures(client_transport())
    assert result.ok, result.message
    witness.refresh_from_db()
    assert witness.last_size == 2


def test_a_witness_that_saw_a_larger_tree_is_reported_as_a_rollback(coordinator):
    cosigned_by_ourselves(coordinator)
    WitnessedLog.objects.update(size=50)
    issue_one(coordinator)
    [result] = services.request_cosignatures(client_transport())
    assert not result.ok
    assert "larger than this log" in result.message
    assert "larger than this log" in Witness.objects.get().last_error
