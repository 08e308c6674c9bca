"""Writing the log as static files, for any plain web server (c2sp.org/tlog-tiles layout).

Full tiles and bundles never change, so a file already there is left alone; partial ones are
written for the published checkpoint's size and older partial files stay, as the format allows,
for clients that still hold an older checkpoint. The checkpoint is written last, so a reader
never sees a checkpoint whose tiles are not there yet.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from safepassage.tlog import services
from safepassage.tlog.note import parse_checkpoint, parse_note
from safepassage.tlog.tiles import WIDTH, tile_path, tile_width


@dataclass
class Published:
    size: int
    written: int
    kept: int


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.chmod(0o644)
    os.replace(tmp, path)


def publish(folder: Path) -> Published:
    served = services.served_checkpoint()
    if served is None:
        raise services.LogError("nothing to publish: the log has no signed checkpoint yet")
    size = parse_checkpoint(parse_note(served).text).size
    result = Published(size, 0, 0)
    level = 0
    while size // (WIDTH**level):
        count = (size // (WIDTH**level) + WIDTH - 1) // WIDTH
        for index in range(count):
            width = tile_width(level, index, size)
            names = [tile_path(level, index, width)]
            if level == 0:
                names.append(tile_path("entries", index, width))
            for name in names:
                path = folder / name
                if width == WIDTH and path.exists():
                    result.kept += 1
                    continue
                if name.startswith("tile/entries/"):
                    _write(path, services.bundle(index, width))
                else:
                    _write(path, services.read_tile(level, index, width))
                result.written += 1
        level += 1
    _write(folder / "checkpoint", served)
    return result
