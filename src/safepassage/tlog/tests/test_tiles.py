"""Tiles, and proofs read from tiles, against the audit log's RFC 6962 code (framework-free)."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safepassage.audit.merkle import consistency_proof, leaf_hash, subtree_root, verify_consistency
from safepassage.tlog.tiles import (
    TileError,
    TileTree,
    TreeReader,
    entry_bundle,
    parse_index_path,
    read_bundle,
    tile_path,
    tile_width,
    verify_inclusion,
)


def leaves(n: int) -> list[bytes]:
    return [leaf_hash(hashlib.sha256(str(i).encode()).digest()) for i in range(n)]


def tree_of(hashes: list[bytes]) -> TileTree:
    tree = TileTree()
    for h in hashes:
        tree.append(h)
    return tree


def reader_of(tree: TileTree, size: int | None = None) -> TreeReader:
    def read(level: int, index: int, width: int) -> bytes:
        return bytes(tree.tiles[(level, index)][: width * 32])

    return TreeReader(tree.size if size is None else size, read)


def test_index_paths_follow_the_spec_example():
    assert tile_path(0, 1234067) == "tile/0/x001/x234/067"
    assert tile_path(2, 5, 17) == "tile/2/005.p/17"
    assert tile_path("entries", 1000) == "tile/entries/x001/000"
    assert parse_index_path("x001/x234/067") == (1234067, 256)
    assert parse_index_path("005.p/17") == (5, 17)


@pytest.mark.parametrize(
    "bad", ["5", "x005", "001/x002", "x000/005", "005.p/0", "005.p/256", "005.p/07", "abc"]
)
def test_malformed_index_paths_are_refused(bad):
    with pytest.raises(TileError):
        parse_index_path(bad)


def test_widths_match_the_spec_example_of_70000_leaves():
    size = 70_000
    assert tile_width(0, 272, size) == 256
    assert tile_width(0, 273, size) == 112
    assert tile_width(1, 0, size) == 256
    assert tile_width(1, 1, size) == 17
    assert tile_width(2, 0, size) == 1
    assert tile_width(0, 274, size) == 0
    # A tree of 256 leaves: one full level-0 tile and a level-1 tile of width 1.
    assert tile_width(0, 0, 256) == 256
    assert tile_width(1, 0, 256) == 1


def test_partial_tiles_are_never_hashed_into_the_level_above():
    tree = tree_of(leaves(300))
    assert len(tree.tiles[(0, 0)]) == 256 * 32
    assert len(tree.tiles[(0, 1)]) == 44 * 32
    assert len(tree.tiles[(1, 0)]) == 32  # only the full tile's root


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=1, max_value=1300), st.data())
def test_roots_and_proofs_from_tiles_match_the_reference(size, data):
    hashes = leaves(size)
    tree = tree_of(hashes)
    reader = reader_of(tree)
    root = subtree_root(hashes)
    assert reader.root() == root
    index = data.draw(st.integers(min_value=0, max_value=size - 1))
    proof = reader.inclusion_proof(index)
    assert verify_inclusion(index, size, hashes[index], proof, root)
    assert not verify_inclusion(index, size, hashes[(index + 1) % size], proof, root) or size == 1
    old = data.draw(st.integers(min_value=1, max_value=size))
    assert reader.consistency_proof(old) == consistency_proof(old, hashes)
    assert verify_consistency(
        old, size, subtree_root(hashes[:old]), root, reader.consistency_proof(old)
    )


def test_an_older_size_is_read_from_the_same_tiles():
    hashes = leaves(1000)
    tree = tree_of(hashes)
    old = reader_of(tree, 300)
    assert old.root() == subtree_root(hashes[:300])


def test_a_changed_tile_changes_the_root():
    hashes = leaves(600)
    tree = tree_of(hashes)
    tree.tiles[(0, 2)][0] ^= 1
    assert reader_of(tree).root() != subtree_root(hashes)


def test_a_tile_of_the_wrong_length_is_refused():
    tree = tree_of(leaves(10))
    reader = TreeReader(10, lambda level, index, width: bytes(tree.tiles[(0, 0)][:32]))
    with pytest.raises(TileError):
        reader.root()


def test_entry_bundles_round_trip_and_refuse_truncation():
    entries = [b"a", b"", b"x" * 300]
    bundle = entry_bundle(entries)
    assert read_bundle(bundle) == entries
    assert bundle[:2] == b"\x00\x01"
    with pytest.raises(TileError):
        read_bundle(bundle[:-1])
