"""The protocol core: the intersection is found, nothing else is testable, bad steps refused;
and two organisations of 10,000 people find the planted shared ones."""

from __future__ import annotations

import pytest

from safepassage.overlap import protocol, synthetic


def _run(ours: list[str], theirs: list[str], workers: int = 1) -> set[str]:
    a, b = protocol.new_secret(), protocol.new_secret()
    order = protocol.shuffled(len(ours))
    request = protocol.blind(a, [ours[i] for i in order], workers)
    reply = protocol.respond(b, request, theirs, consented=True, workers=workers)
    hits, _digests = protocol.matched_positions(a, reply.doubled, reply.ours, workers)
    return {ours[order[i]] for i in hits}


def test_the_intersection_and_only_it_is_found():
    assert _run(["a", "b", "c", "d"], ["c", "d", "e"]) == {"c", "d"}
    assert _run(["a"], ["b"]) == set()


def test_mutual_mode_tells_the_responder_its_own_matches():
    a, b = protocol.new_secret(), protocol.new_secret()
    ours, theirs = ["a", "b", "c"], ["x", "c", "a", "y"]
    request = protocol.blind(a, ours)
    reply = protocol.respond(b, request, theirs, consented=True)
    _hits, digests = protocol.matched_positions(a, reply.doubled, reply.ours)
    found = protocol.responder_matches(reply.doubled, digests)
    assert {theirs[reply.order[i]] for i in found} == {"a", "c"}


def test_a_blinded_token_cannot_be_tested_against_a_guessed_name_without_the_key():
    secret = protocol.new_secret()
    sent = set(protocol.blind(secret, ["t1|g1|ivanov|1990-03"]))
    guessed = protocol.hash_to_point("t1|g1|ivanov|1990-03")
    assert guessed not in sent
    assert not sent & set(protocol.blind(protocol.new_secret(), ["t1|g1|ivanov|1990-03"]))
    assert sent == set(protocol.blind(secret, ["t1|g1|ivanov|1990-03"]))  # only the key does


def test_keys_are_fresh_for_every_run():
    assert protocol.new_secret() != protocol.new_secret()


def test_no_step_without_the_responders_consent():
    request = protocol.blind(protocol.new_secret(), ["a"])
    with pytest.raises(protocol.ProtocolError) as caught:
        protocol.respond(protocol.new_secret(), request, ["a"], consented=False)
    assert caught.value.code == "not_consented"


def test_a_set_far_larger_than_ours_is_refused():
    ours = [f"t{i}" for i in range(10)]
    fishing = protocol.blind(protocol.new_secret(), [f"n{i}" for i in range(2100)])
    with pytest.raises(protocol.ProtocolError) as caught:
        protocol.respond(protocol.new_secret(), fishing, ours, consented=True)
    assert caught.value.code == "oversize"
    protocol.check_size(40 * 4 + protocol.SIZE_FLOOR, 40)  # at the limit: taken


def test_values_that_are_not_points_are_refused():
    with pytest.raises(protocol.ProtocolError) as caught:
        protocol.reblind(protocol.new_secret(), [bytes(32)])
    assert caught.value.code == "bad_point"
    with pytest.raises(protocol.ProtocolError):
        protocol.unpack(b"x" * 33)


def test_shuffling_hides_the_order_tokens_were_made_in():
    orders = {tuple(protocol.shuffled(50)) for _ in range(5)}
    assert len(orders) > 1


def test_two_organisations_of_10000_find_the_planted_shared_people():
    ours, theirs = synthetic.two_sides(10_000, 200)

    mine, other = synthetic.token_index(ours), synthetic.token_index(theirs)
    matched = _run(list(mine), list(other), workers=2)
    people = {number for token in matched for number in mine[token]}
    found = {ours[n].shared for n in people if ours[n].shared is not None}
    strangers = [n for n in people if ours[n].shared is None]
    assert len(found) >= 0.95 * 200, len(found)
    assert len(strangers) <= 0.001 * 10_000, len(strangers)
