"""RFC 6962 tree hashing and consistency proofs, checked against the RFC's definitions."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from safepassage.audit.merkle import (
    EMPTY_ROOT,
    Frontier,
    consistency_proof,
    leaf_hash,
    node_hash,
    subtree_root,
    verify_consistency,
)

# The eight leaves used by the Certificate Transparency reference tests of RFC 6962.
CT_LEAVES = [
    b"",
    b"\x00",
    b"\x10",
    b"\x20\x21",
    b"\x30\x31",
    b"\x40\x41\x42\x43",
    b"\x50\x51\x52\x53\x54\x55\x56\x57",
    b"\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f",
]
# Published roots of the trees of the first 1..8 of those leaves.
CT_ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]


def _leaves(n: int) -> list[bytes]:
    return [leaf_hash(bytes([i % 256]) * (i % 7)) for i in range(n)]


def test_empty_tree_root_is_hash_of_nothing():
    assert Frontier().root() == hashlib.sha256(b"").digest() == EMPTY_ROOT


def test_roots_match_the_reference_vectors():
    frontier = Frontier()
    for data, expected in zip(CT_LEAVES, CT_ROOTS, strict=True):
        frontier.append(leaf_hash(data))
        assert frontier.root().hex() == expected


def test_leaf_and_node_hashes_are_domain_separated():
    a, b = leaf_hash(b"a"), leaf_hash(b"b")
    assert node_hash(a, b) != hashlib.sha256(a + b).digest()
    assert leaf_hash(a + b) != node_hash(a, b)


@given(st.integers(min_value=1, max_value=130))
def test_incremental_root_equals_recursive_definition(n):
    leaves = _leaves(n)
    frontier = Frontier()
    for leaf in leaves:
        frontier.append(leaf)
    assert frontier.root() == subtree_root(leaves)
    assert len(frontier.hashes) == bin(n).count("1")


def test_frontier_survives_packing():
    frontier = Frontier()
    for leaf in _leaves(13):
        frontier.append(leaf)
    again = Frontier.unpack(13, frontier.pack())
    again.append(leaf_hash(b"x"))
    frontier.append(leaf_hash(b"x"))
    assert again.root() == frontier.root()


@given(st.integers(min_value=2, max_value=70), st.data())
def test_consistency_proofs_verify(n, data):
    m = data.draw(st.integers(min_value=1, max_value=n))
    leaves = _leaves(n)
    proof = consistency_proof(m, leaves)
    assert verify_consistency(m, n, subtree_root(leaves[:m]), subtree_root(leaves), proof)


@given(st.integers(min_value=2, max_value=70), st.data())
def test_consistency_fails_when_an_old_leaf_changed(n, data):
    m = data.draw(st.integers(min_value=1, max_value=n - 1))
    changed = data.draw(st.integers(min_value=0, max_value=m - 1))
    leaves = _leaves(n)
    old_root = subtree_root(leaves[:m])
    rewritten = list(leaves)
    rewritten[changed] = leaf_hash(b"rewritten")
    proof = consistency_proof(m, rewritten)
    assert not verify_consistency(m, n, old_root, subtree_root(rewritten), proof)


def test_consistency_fails_with_a_tampered_proof():
    leaves = _leaves(20)
    proof = consistency_proof(7, leaves)
    proof[0] = leaf_hash(b"forged")
    assert not verify_consistency(7, 20, subtree_root(leaves[:7]), subtree_root(leaves), proof)


def test_consistency_refuses_impossible_sizes():
    leaves = _leaves(5)
    assert not verify_consistency(6, 5, subtree_root(leaves), subtree_root(leaves), [])
    assert not verify_consistency(0, 5, EMPTY_ROOT, subtree_root(leaves), [])
    assert not verify_consistency(3, 5, subtree_root(leaves[:3]), subtree_root(leaves), [])
