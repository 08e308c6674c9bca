"""RFC 6962 Merkle tree hashing: incremental roots and consistency proofs (framework-free).

Leaves hash as SHA-256(0x00 || data), interior nodes as SHA-256(0x01 || left || right); the tree
of n leaves splits at the largest power of two below n. A `Frontier` holds the roots of the
perfect subtrees that make up the tree so far (at most log2(n) hashes), so appending a leaf and
reading the root cost O(log n). Consistency proofs follow RFC 9162 section 2.1.4.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

EMPTY_ROOT = hashlib.sha256(b"").digest()


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


class Frontier:
    """Roots of the perfect subtrees covering leaves [0, size), largest (leftmost) first."""

    __slots__ = ("hashes", "size")

    def __init__(self, size: int = 0, hashes: Sequence[bytes] = ()) -> None:
        if len(hashes) != bin(size).count("1"):
            raise ValueError("frontier does not match its size")
        self.size = size
        self.hashes = list(hashes)

    def append(self, leaf: bytes) -> None:
        node = leaf
        size = self.size
        # Each trailing one bit of the old size is a perfect subtree that the new leaf completes.
        while size & 1:
            node = node_hash(self.hashes.pop(), node)
            size >>= 1
        self.hashes.append(node)
        self.size += 1

    def root(self) -> bytes:
        if not self.hashes:
            return EMPTY_ROOT
        node = self.hashes[-1]
        for left in reversed(self.hashes[:-1]):
            node = node_hash(left, node)
        return node

    def copy(self) -> Frontier:
        return Frontier(self.size, self.hashes)

    def pack(self) -> bytes:
        return b"".join(self.hashes)

    @classmethod
    def unpack(cls, size: int, packed: bytes) -> Frontier:
        return cls(size, [packed[i : i + 32] for i in range(0, len(packed), 32)])


def _largest_power_of_two_below(n: int) -> int:
    return 1 << ((n - 1).bit_length() - 1)


def subtree_root(leaves: Sequence[bytes]) -> bytes:
    """MTH over a list of leaf hashes (recursive definition of RFC 6962)."""
    n = len(leaves)
    if n == 0:
        return EMPTY_ROOT
    if n == 1:
        return leaves[0]
    k = _largest_power_of_two_below(n)
    return node_hash(subtree_root(leaves[:k]), subtree_root(leaves[k:]))


def consistency_proof(old_size: int, leaves: Sequence[bytes]) -> list[bytes]:
    """Proof that the tree of `old_size` leaves is a prefix of the tree over `leaves`."""
    new_size = len(leaves)
    if not 0 < old_size <= new_size:
        raise ValueError("old size must be between 1 and the new size")
    if old_size == new_size:
        return []
    return _subproof(old_size, leaves, complete=True)


def _subproof(m: int, leaves: Sequence[bytes], complete: bool) -> list[bytes]:
    n = len(leaves)
    if m == n:
        return [] if complete else [subtree_root(leaves)]
    k = _largest_power_of_two_below(n)
    if m <= k:
        return [*_subproof(m, leaves[:k], complete), subtree_root(leaves[k:])]
    return [*_subproof(m - k, leaves[k:], False), subtree_root(leaves[:k])]


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> bool:
    """True when `proof` shows the old tree is a prefix of the new one (RFC 9162 2.1.4.2)."""
    if old_size < 1 or old_size > new_size:
        return False
    if old_size == new_size:
        return not proof and old_root == new_root
    if not proof:
        return False
    path = list(proof)
    if old_size & (old_size - 1) == 0:  # a power of two: the old root is itself a node
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == old_root and sr == new_root
