"""The Merkle tree as tiles (c2sp.org/tlog-tiles), and proofs read from tiles (framework-free).

A tile is 256 consecutive hashes of one tree level: level-0 tiles hold leaf hashes, and each hash
of a level-L tile (L >= 1) is the root of a full tile of level L-1. Any node of the tree, and so any
inclusion or consistency proof of RFC 6962, can be computed from at most a few tiles. Hashing is
the audit log's (`audit.merkle`), the same RFC 6962 tree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from safepassage.audit.merkle import node_hash, subtree_root

HEIGHT = 8
WIDTH = 1 << HEIGHT
HASH = 32
MAX_LEVEL = 63
_GROUP = re.compile(r"^x[0-9]{3}$")
_LAST = re.compile(r"^[0-9]{3}$")


class TileError(ValueError):
    """A tile path, a tile or a proof request that cannot be served or trusted."""


def encode_index(index: int) -> str:
    """1234067 -> x001/x234/067: three-digit groups, all but the last prefixed with x."""
    digits = str(index)
    digits = "0" * (-len(digits) % 3) + digits
    groups = [digits[i : i + 3] for i in range(0, len(digits), 3)]
    return "/".join([*(f"x{g}" for g in groups[:-1]), groups[-1]])


def tile_path(level: int | str, index: int, width: int = WIDTH) -> str:
    """tile/<L>/<N>[.p/<W>], or tile/entries/<N>[.p/<W>] with level "entries"."""
    path = f"tile/{level}/{encode_index(index)}"
    return path if width == WIDTH else f"{path}.p/{width}"


def parse_index_path(rest: str) -> tuple[int, int]:
    """ "x001/x234/067.p/5" -> (1234067, 5); a full tile has width 256. TileError otherwise."""
    width = WIDTH
    if ".p/" in rest:
        rest, _, width_text = rest.partition(".p/")
        if not re.fullmatch(r"[1-9][0-9]{0,2}", width_text) or int(width_text) >= WIDTH:
            raise TileError("a partial tile's width is 1 to 255, without leading zeroes")
        width = int(width_text)
    groups = rest.split("/")
    if not groups or not _LAST.match(groups[-1]) or not all(_GROUP.match(g) for g in groups[:-1]):
        raise TileError("a tile index is three-digit groups, all but the last prefixed with x")
    if len(groups) > 7 or (len(groups) > 1 and groups[0] == "x000"):
        raise TileError("a tile index has no leading zero groups")
    return int("".join(g.lstrip("x") for g in groups)), width


def tile_width(level: int, index: int, size: int) -> int:
    """Width of tile (level, index) in a tree of `size` leaves: 256, a partial width, or 0."""
    span = WIDTH**level
    stored = size // span  # hashes that exist at this tile level
    start = index * WIDTH
    if stored >= start + WIDTH:
        return WIDTH
    return int(max(0, stored - start))


def tile_root(hashes: bytes) -> bytes:
    """The root of a full tile: the node one tile level up."""
    return subtree_root([hashes[i : i + HASH] for i in range(0, len(hashes), HASH)])


def split_hashes(data: bytes) -> list[bytes]:
    return [data[i : i + HASH] for i in range(0, len(data), HASH)]


class TileTree:
    """Tiles being appended to, in memory: {(level, index): bytearray of hashes}.

    `append` takes a leaf hash and returns the tiles it changed, so a store writes only those.
    """

    def __init__(self, size: int = 0, tiles: dict[tuple[int, int], bytearray] | None = None):
        self.size = size
        self.tiles: dict[tuple[int, int], bytearray] = tiles if tiles is not None else {}

    def append(self, leaf: bytes) -> set[tuple[int, int]]:
        changed = set()
        node, position, level = leaf, self.size, 0
        while True:
            key = (level, position // WIDTH)
            tile = self.tiles.setdefault(key, bytearray())
            if len(tile) != (position % WIDTH) * HASH:
                raise TileError(f"tile {key} does not match the tree size {self.size}")
            tile += node
            changed.add(key)
            if len(tile) < WIDTH * HASH:
                break
            node, position, level = tile_root(bytes(tile)), position // WIDTH, level + 1
        self.size += 1
        return changed

    def rightmost(self) -> list[tuple[int, int]]:
        """The tiles an append can change (the partial ones of every level)."""
        keys, stored, level = [], self.size, 0
        while stored:
            keys.append((level, stored // WIDTH))
            stored //= WIDTH
            level += 1
        return keys


ReadTile = Callable[[int, int, int], bytes]


class TreeReader:
    """Nodes, roots and proofs of the tree of `size` leaves, from tiles read by `read_tile`.

    `read_tile(level, index, width)` returns the tile's first `width` hashes; every tile is read
    at most once per reader.
    """

    def __init__(self, size: int, read_tile: ReadTile) -> None:
        self.size = size
        self._read = read_tile
        self._tiles: dict[tuple[int, int], bytes] = {}

    def tile(self, level: int, index: int) -> bytes:
        key = (level, index)
        if key not in self._tiles:
            width = tile_width(level, index, self.size)
            if width == 0:
                raise TileError(f"tile {level}/{index} is empty in a tree of {self.size}")
            data = self._read(level, index, width)
            if len(data) != width * HASH:
                raise TileError(f"tile {level}/{index} has {len(data)} bytes, not {width * HASH}")
            self._tiles[key] = data
        return self._tiles[key]

    def node(self, height: int, index: int) -> bytes:
        """Root of the perfect subtree of 2**height leaves starting at leaf index * 2**height."""
        level, inner = divmod(height, HEIGHT)
        count = 1 << inner
        first = index * count  # position of its first hash at tile level `level`
        tile = self.tile(level, first // WIDTH)
        start = (first % WIDTH) * HASH
        hashes = tile[start : start + count * HASH]
        if len(hashes) != count * HASH:
            raise TileError(f"node {height}/{index} is beyond the tree of {self.size}")
        return hashes if count == 1 else tile_root(hashes)

    def mth(self, lo: int, hi: int) -> bytes:
        """MTH(D[lo:hi]) for the ranges RFC 6962's recursion produces."""
        n = hi - lo
        if n <= 0:
            raise TileError("an empty range has no subtree hash")
        if n & (n - 1) == 0 and lo % n == 0:
            return self.node(n.bit_length() - 1, lo // n)
        k = 1 << ((n - 1).bit_length() - 1)
        return node_hash(self.mth(lo, lo + k), self.mth(lo + k, hi))

    def root(self) -> bytes:
        if self.size == 0:
            return subtree_root([])
        return self.mth(0, self.size)

    def leaf(self, index: int) -> bytes:
        return self.node(0, index)

    def inclusion_proof(self, index: int) -> list[bytes]:
        if not 0 <= index < self.size:
            raise TileError(f"leaf {index} is not in a tree of {self.size}")
        return self._path(index, 0, self.size)

    def _path(self, m: int, lo: int, hi: int) -> list[bytes]:
        n = hi - lo
        if n == 1:
            return []
        k = 1 << ((n - 1).bit_length() - 1)
        if m - lo < k:
            return [*self._path(m, lo, lo + k), self.mth(lo + k, hi)]
        return [*self._path(m, lo + k, hi), self.mth(lo, lo + k)]

    def consistency_proof(self, old_size: int) -> list[bytes]:
        if not 0 < old_size <= self.size:
            raise TileError(f"no consistency proof from {old_size} to {self.size}")
        if old_size == self.size:
            return []
        return self._subproof(old_size, 0, self.size, True)

    def _subproof(self, m: int, lo: int, hi: int, complete: bool) -> list[bytes]:
        n = hi - lo
        if m == n:
            return [] if complete else [self.mth(lo, hi)]
        k = 1 << ((n - 1).bit_length() - 1)
        if m <= k:
            return [*self._subproof(m, lo, lo + k, complete), self.mth(lo + k, hi)]
        return [*self._subproof(m - k, lo + k, hi, False), self.mth(lo, lo + k)]


def verify_inclusion(
    index: int, size: int, leaf: bytes, proof: Sequence[bytes], root: bytes
) -> bool:
    """RFC 9162 section 2.1.3.2: does `proof` place `leaf` at `index` in the tree with `root`?"""
    if not 0 <= index < size:
        return False
    fn, sn, node = index, size - 1, leaf
    for sibling in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            node = node_hash(sibling, node)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            node = node_hash(node, sibling)
        fn >>= 1
        sn >>= 1
    return sn == 0 and node == root


def entry_bundle(entries: Iterable[bytes]) -> bytes:
    """Entries as big-endian uint16 length-prefixed byte strings, as tlog-tiles serves them."""
    out = bytearray()
    for data in entries:
        if len(data) > 0xFFFF:
            raise TileError("an entry is at most 65535 bytes")
        out += len(data).to_bytes(2, "big") + data
    return bytes(out)


def read_bundle(data: bytes) -> list[bytes]:
    entries, offset = [], 0
    while offset < len(data):
        if offset + 2 > len(data):
            raise TileError("an entry bundle ends inside a length")
        length = int.from_bytes(data[offset : offset + 2], "big")
        offset += 2
        if offset + length > len(data):
            raise TileError("an entry bundle ends inside an entry")
        entries.append(data[offset : offset + length])
        offset += length
    return entries
