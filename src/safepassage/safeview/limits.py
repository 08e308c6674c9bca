"""What a conversion may use, and the reasons it can stop."""

from __future__ import annotations

from dataclasses import dataclass

# Why a conversion stopped or failed. The first group are limits the document hit ("conversion
# stopped"); the second mean it could not be converted at all.
LIMIT_REASONS = ("expands", "pixels", "pages", "timeout", "cpu", "memory", "output")
FAILURE_REASONS = ("password", "unreadable", "type", "converter")
REASONS = LIMIT_REASONS + FAILURE_REASONS


@dataclass(frozen=True)
class Limits:
    """Resource limits of one conversion; each sandboxed process gets them separately."""

    # Wall clock for the whole conversion: this, plus an allowance per page once the page count
    # is known (a long scan with OCR takes long; a bomb is stopped by the other limits first).
    timeout_seconds: float = 120.0
    seconds_per_page: float = 30.0
    cpu_seconds: int = 120  # per sandboxed process (RLIMIT_CPU)
    memory_bytes: int = 2 * 1024**3  # address space per process (RLIMIT_AS)
    file_bytes: int = 256 * 1024**2  # largest file a process may write (RLIMIT_FSIZE)
    tmp_bytes: int = 512 * 1024**2  # the sandbox's private in-memory /tmp
    output_bytes: int = 1024**3  # pixels the converter may send back, all pages together
    expand_bytes: int = 256 * 1024**2  # content a PDF's streams or an office ZIP may inflate to
    max_pages: int = 100
    max_pixels: int = 40_000_000  # per page or image (a 60,000 x 60,000 PNG is 3.6 billion)
    dpi: int = 150
    ocr_processes: int = 2  # pages read by OCR at once, while the renderer draws the next


class Stopped(Exception):
    """The conversion did not produce a safe copy; `reason` is one of REASONS."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason if reason in REASONS else "converter"
        self.detail = detail

    @property
    def hit_a_limit(self) -> bool:
        return self.reason in LIMIT_REASONS
