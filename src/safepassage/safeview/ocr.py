"""Text recognition of a page's pixels with Debian's tesseract, itself run in the sandbox.

Tesseract reads a picture we made ourselves from checked pixels, but the words in it were chosen
by whoever sent the document, so it runs under the same sandbox and limits as the renderer. It
returns TSV (one row per word with its box); the PDF's text layer is built from that.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import time
from functools import cache

from PIL import Image

from safepassage.safeview import sandbox
from safepassage.safeview.limits import Limits, Stopped
from safepassage.safeview.rebuild import Word

# Russian, Ukrainian, English and French: the languages of the people and papers we meet.
WANTED = ("rus", "ukr", "eng", "fra")
TSV_MAX_BYTES = 8 * 1024 * 1024


@cache
def languages() -> tuple[str, ...]:
    """The wanted languages whose data is installed (none when tesseract is missing)."""
    if shutil.which("tesseract") is None:
        return ()
    result = subprocess.run(
        ["tesseract", "--list-langs"],  # noqa: S607
        capture_output=True,
        check=False,
        timeout=30,
    )
    installed = set(result.stdout.decode("utf-8", "replace").split())
    return tuple(lang for lang in WANTED if lang in installed)


def recognise(image: Image.Image, limits: Limits, deadline: float) -> list[Word]:
    """The words on one page, in reading order; raises Stopped("timeout") past the deadline."""
    langs = languages()
    if not langs:
        return []
    picture = io.BytesIO()
    image.save(picture, format="PPM")
    argv = ["/usr/bin/tesseract", "stdin", "stdout", "-l", "+".join(langs), "tsv"]
    with sandbox.start(argv, limits) as process:
        try:
            out, _ = process.communicate(
                picture.getvalue(), timeout=max(0.1, deadline - time.monotonic())
            )
        except subprocess.TimeoutExpired:
            raise Stopped("timeout") from None
    if process.returncode != 0:
        reason = sandbox.died_of(process)
        raise Stopped(reason or "converter", "text recognition failed")
    return parse_tsv(out[:TSV_MAX_BYTES].decode("utf-8", "replace"))


def parse_tsv(tsv: str) -> list[Word]:
    """Words in reading order; the words of one line share a baseline and a size, so that
    text tools read the line as one."""
    lines: dict[tuple[str, ...], list[tuple[int, int, int, int, str]]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) != 12 or cells[0] != "5":
            continue
        text = cells[11].strip()
        if not text or float(cells[10]) < 0:
            continue
        left, top, width, height = (int(c) for c in cells[6:10])
        lines.setdefault(tuple(cells[1:5]), []).append((left, top, width, height, text))
    words: list[Word] = []
    for boxes in lines.values():
        bottoms = sorted(top + height for _, top, _, height, _ in boxes)
        heights = sorted(height for _, _, _, height, _ in boxes)
        baseline, size = bottoms[len(bottoms) // 2], heights[len(heights) // 2]
        for index, (left, _, width, _, text) in enumerate(boxes):
            words.append(Word(left, baseline, width, size, text, index == len(boxes) - 1))
    return words
