"""One conversion: a document's plaintext in, a safe copy (PDF or PNG) out, or `Stopped`.

The plaintext is handed to the sandboxed renderer through a pipe, chunk by chunk as it is
decrypted, and only pixels come back: a stream of frames read here with strict checks (page count,
size of each page, total bytes, the deadline). Each page is turned into a JPEG and read by OCR
(again in the sandbox) while the renderer draws the next one; the safe copy is then written from
those pictures and words alone.
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import struct
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import IO

from safepassage.safeview import ocr, rebuild, sandbox
from safepassage.safeview.limits import Limits, Stopped

log = logging.getLogger("safepassage.safeview")

# The kinds of document a safe copy is made of, and what the copy is.
CONVERTIBLE = {
    "pdf": "pdf",
    "docx": "pdf",
    "odt": "pdf",
    "rtf": "pdf",
    "jpeg": "png",
    "png": "png",
    "webp": "png",
    "heic": "png",
}
HEADER = struct.Struct(">II")
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Result:
    data: bytes
    kind: str  # "pdf" or "png"
    pages: int
    words: int


class _Frames:
    """Reads the renderer's frames against the deadline and the output limit."""

    def __init__(self, pipe: IO[bytes], deadline: float, limits: Limits) -> None:
        self.fd = pipe.fileno()
        self.deadline = deadline
        self.limits = limits
        self.received = 0

    def exact(self, size: int) -> bytes:
        self.received += size
        if self.received > self.limits.output_bytes:
            raise Stopped("output")
        parts: list[bytes] = []
        missing = size
        while missing:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                raise Stopped("timeout")
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if not ready:
                raise Stopped("timeout")
            piece = os.read(self.fd, min(missing, 1 << 20))
            if not piece:
                raise EOFError
            parts.append(piece)
            missing -= len(piece)
        return b"".join(parts)

    def page_count(self) -> int:
        tag = self.exact(4)
        if tag == b"NPGS":
            (count,) = struct.unpack(">I", self.exact(4))
            if not 1 <= count <= self.limits.max_pages:
                raise Stopped("pages")
            return int(count)
        self._refused(tag)
        raise Stopped("converter", "unexpected output")

    def next_page(self) -> tuple[int, int, bytes] | None:
        tag = self.exact(4)
        if tag == b"DONE":
            return None
        if tag != b"PAGE":
            self._refused(tag)
            raise Stopped("converter", "unexpected output")
        width, height = HEADER.unpack(self.exact(HEADER.size))
        if width == 0 or height == 0 or width * height > self.limits.max_pixels:
            raise Stopped("pixels")
        return width, height, self.exact(width * height * 3)

    def _refused(self, tag: bytes) -> None:
        if tag == b"FAIL":
            (size,) = struct.unpack(">H", self.exact(2))
            raise Stopped(self.exact(min(size, 32)).decode("ascii", "replace"))


class _Feeder(threading.Thread):
    """Hands the plaintext to the renderer; stops quietly if the renderer stopped reading, and
    keeps any error reading the original for the conversion to report."""

    def __init__(self, pipe: IO[bytes], chunks: Iterable[bytes]) -> None:
        super().__init__(daemon=True, name="safeview-feed")
        self.pipe = pipe
        self.chunks = chunks
        self.error: Exception | None = None

    def run(self) -> None:
        try:
            for chunk in self.chunks:
                self.pipe.write(chunk)
        except (BrokenPipeError, ValueError):
            return
        except Exception as exc:  # the original could not be read: the renderer must not wait
            self.error = exc
        with contextlib.suppress(OSError):
            self.pipe.close()


def _render_argv(kind: str, limits: Limits) -> list[str]:
    return [
        sys.executable,
        "-I",
        sandbox.SANDBOX_SCRIPT,
        kind,
        str(limits.dpi),
        str(limits.max_pages),
        str(limits.max_pixels),
        str(limits.expand_bytes),
    ]


def convert(
    chunks: Iterable[bytes],
    kind: str,
    limits: Limits,
    *,
    font_path: str,
    ocr_text: bool = True,
    progress: Progress | None = None,
) -> Result:
    """Make the safe copy of a document of a known kind; raises Stopped with the reason."""
    if kind not in CONVERTIBLE:
        raise Stopped("type", f"no converter for {kind}")
    deadline = time.monotonic() + limits.timeout_seconds
    with sandbox.start(_render_argv(kind, limits), limits) as process:
        if process.stdin is None or process.stdout is None:
            raise Stopped("converter", "no pipes")
        feeder = _Feeder(process.stdin, chunks)
        feeder.start()
        frames = _Frames(process.stdout, deadline, limits)
        try:
            if CONVERTIBLE[kind] == "png":
                result = _image(frames, progress)
            else:
                result = _document(frames, limits, deadline, font_path, ocr_text, progress)
        except (EOFError, Stopped) as exc:
            feeder.join(timeout=1)
            if feeder.error is not None:
                raise Stopped("converter", "the original could not be read") from None
            if isinstance(exc, Stopped):
                raise
            process.wait(timeout=5)
            reason = sandbox.died_of(process)
            raise Stopped(reason or "converter", "the converter ended early") from None
        feeder.join(timeout=1)
        if feeder.error is not None:
            raise Stopped("converter", "the original could not be read")
    return result


def _image(frames: _Frames, progress: Progress | None) -> Result:
    frames.page_count()
    page = frames.next_page()
    if page is None:
        raise Stopped("converter", "no picture")
    width, height, rgb = page
    data = rebuild.build_png(width, height, rgb)
    if progress:
        progress(1, 1)
    return Result(data, "png", 1, 0)


def _document(
    frames: _Frames,
    limits: Limits,
    deadline: float,
    font_path: str,
    ocr_text: bool,
    progress: Progress | None,
) -> Result:
    total = frames.page_count()
    deadline += total * limits.seconds_per_page
    frames.deadline = deadline
    if progress:
        progress(0, total)
    pages: list[rebuild.Page] = []
    pending: list[Future[rebuild.Page]] = []

    def finish_oldest() -> None:
        pages.append(pending.pop(0).result())
        if progress:
            progress(len(pages), total)

    def prepare(width: int, height: int, rgb: bytes) -> rebuild.Page:
        page, image = rebuild.page_from_pixels(width, height, rgb, limits.dpi)
        if ocr_text:
            page.words = ocr.recognise(image, limits, deadline)
        return page

    # Pages are read by OCR (at most `ocr_processes` at once) while the renderer draws the next;
    # at most that many pages wait in memory.
    workers = max(1, limits.ocr_processes)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="safeview-ocr") as pool:
        try:
            while (page := frames.next_page()) is not None:
                if len(pages) + len(pending) >= total:
                    raise Stopped("pages")
                pending.append(pool.submit(prepare, *page))
                while len(pending) > workers:
                    finish_oldest()
            while pending:
                finish_oldest()
        finally:
            for future in pending:
                future.cancel()
    if len(pages) != total:
        raise Stopped("converter", "fewer pages than announced")
    data = rebuild.build_pdf(pages, font_path)
    leftovers = rebuild.problems(data)
    if leftovers:
        log.error("a rebuilt safe copy held %s; refused", ",".join(leftovers))
        raise Stopped("converter", "the rebuilt copy was not clean")
    return Result(data, "pdf", total, sum(len(p.words) for p in pages))
