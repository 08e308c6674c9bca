"""Safe-copy figures: pages per minute with and without OCR, peak memory, first safe page.

    .venv/bin/python bench/safeview.py [--pages 20]

A scanned document is made on the spot: pages of Russian and English text drawn by fpdf2,
rendered to pictures at 150 dpi and put back into a PDF as images only, as a scanner would.
It is converted as the worker converts (sandbox, limits, OCR in Russian, Ukrainian, English and
French), with the renderer and OCR overlapping on the machine's two cores. Figures:

- pages_per_minute_ocr / pages_per_minute_no_ocr: the whole conversion, end to end;
- first_safe_page_seconds: from the start until the first page is pictured and recognised;
- peak_memory_mb_converter: the largest sandboxed process (renderer, OCR) by resident size;
- peak_memory_mb_worker: the worker's own peak (it holds page pictures and builds the PDF);
- sandbox_cost_ratio: the conversion without OCR against pdftoppm drawing the same pages
  directly, in this process, without sandbox or rebuild (the baseline);
- bomb_*: each decompression bomb of the tests (a 400 MB PDF stream, a 60,000 x 60,000 PNG, a
  1 GB ZIP-based Word file), the reason it was stopped and how long that took.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fpdf import FPDF

from harness import emit, peak_rss_mb
from safepassage.safeview import convert, ocr, sandbox
from safepassage.safeview.limits import Limits, Stopped
from safepassage.safeview.tests import hostile

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LINES = [
    "Повестка о призыве на военную службу по мобилизации.",
    "Гражданин Иванов Иван Иванович обязан явиться в военный комиссариат.",
    "Summons to report for military service under mobilisation.",
    "Convocation au service militaire dans le cadre de la mobilisation.",
    "Військовий квиток видано відповідно до закону.",
]


def scanned_document(pages: int) -> bytes:
    """A PDF of page pictures only, like a scan: no text a reader could select."""
    typed = FPDF(unit="pt", format="A4")
    typed.add_font("dejavu", fname=FONT)
    for number in range(pages):
        typed.add_page()
        typed.set_font("dejavu", size=12)
        y = 80
        for repeat in range(6):
            for line in LINES:
                typed.text(60, y, f"{number + 1}.{repeat + 1} {line}")
                y += 18
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "typed.pdf"
        source.write_bytes(bytes(typed.output()))
        subprocess.run(
            ["pdftoppm", "-r", "150", "-gray", "-jpeg", str(source), f"{folder}/page"],
            check=True,
        )
        scan = FPDF(unit="pt", format="A4")
        for picture in sorted(Path(folder).glob("page-*.jpg")):
            scan.add_page()
            scan.image(str(picture), x=0, y=0, w=595.28, h=841.89)
        return bytes(scan.output())


def children_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=20)
    args = parser.parse_args()
    status = sandbox.sandbox_status()
    emit("sandbox", "bubblewrap" if status.isolated else "none (weaker fallback)")
    emit("ocr_languages", "+".join(ocr.languages()) or "none")
    document = scanned_document(args.pages)
    emit("document_pages", args.pages)
    emit("document_kb", len(document) // 1024)
    limits = Limits()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "scan.pdf"
        path.write_bytes(document)
        started = time.monotonic()
        subprocess.run(["pdftoppm", "-r", "150", str(path), f"{folder}/plain"], check=True)
        baseline = time.monotonic() - started

    started = time.monotonic()
    plain = convert.convert([document], "pdf", limits, font_path=FONT, ocr_text=False)
    without_ocr = time.monotonic() - started
    assert plain.pages == args.pages

    first: list[float] = []

    def progress(done: int, total: int) -> None:
        if done == 1 and not first:
            first.append(time.monotonic() - started)

    started = time.monotonic()
    recognised = convert.convert(
        [document], "pdf", limits, font_path=FONT, ocr_text=True, progress=progress
    )
    with_ocr = time.monotonic() - started
    assert recognised.words > 0

    emit("pages_per_minute_no_ocr", round(args.pages / without_ocr * 60, 1))
    emit("pages_per_minute_ocr", round(args.pages / with_ocr * 60, 1))
    emit("first_safe_page_seconds", round(first[0], 2))
    emit("seconds_per_page_ocr", round(with_ocr / args.pages, 2))
    emit("words_recognised", recognised.words)
    emit("safe_copy_kb", len(recognised.data) // 1024)
    emit("peak_memory_mb_converter", round(children_peak_mb(), 1))
    emit("peak_memory_mb_worker", round(peak_rss_mb(), 1))
    emit("baseline_pdftoppm_seconds", round(baseline, 2))
    emit("sandbox_cost_ratio", round(without_ocr / baseline, 2))

    for name, kind, make in (
        ("pdf_stream", "pdf", hostile.pdf_stream_bomb),
        ("png_pixels", "png", hostile.png_pixel_bomb),
        ("docx_zip", "docx", hostile.docx_zip_bomb),
    ):
        bomb = make()
        started = time.monotonic()
        try:
            convert.convert([bomb], kind, limits, font_path=FONT)
            outcome = "NOT STOPPED"
        except Stopped as stopped:
            outcome = f"stopped ({stopped.reason})"
        emit(
            f"bomb_{name}",
            f"{len(bomb) // 1024} KB, {outcome} in {time.monotonic() - started:.2f} s",
        )


if __name__ == "__main__":
    main()
