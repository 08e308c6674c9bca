"""The printable backup sheet of the organisation recovery key, and checking a transcription.

The twenty words are laid out in five rows of four, each row followed by a short check code (a
keyed hash of the row's words), and the sheet names the key's fingerprint (of its public half,
which the database holds). Someone who types the words back from paper learns at once whether
they are this organisation's key (the fingerprint), and if not, which row is wrong (its code).
The codes and the fingerprint say nothing about the key that the words themselves do not.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from nacl.encoding import RawEncoder
from nacl.hash import blake2b
from nacl.public import PrivateKey

from safepassage.crypto.words import WordsError, bytes_to_words, normalise, words_to_bytes

KEY_BYTES = 32
PER_ROW = 4


def fingerprint(recovery_public: bytes) -> str:
    digest = hashlib.sha256(b"safepassage recovery key\n" + recovery_public).hexdigest()[:16]
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


def row_code(words: list[str]) -> str:
    raw = blake2b(
        " ".join(words).encode(), digest_size=2, person=b"sp-sheet-row", encoder=RawEncoder
    )
    return raw.hex().upper()


def rows(words: list[str]) -> list[tuple[list[str], str]]:
    groups = [words[i : i + PER_ROW] for i in range(0, len(words), PER_ROW)]
    return [(group, row_code(group)) for group in groups]


@dataclass(frozen=True)
class Transcription:
    matches: bool
    rows: list[tuple[list[str], str]]
    message: str


def check(typed: str, recovery_public: bytes) -> Transcription:
    """Whether the typed words are the organisation's recovery key; the row codes either way."""
    try:
        words = normalise(typed)
    except WordsError as exc:
        return Transcription(False, [], f"not the recovery key: {exc}")
    laid_out = rows(words)
    try:
        secret = words_to_bytes(" ".join(words), KEY_BYTES)
    except WordsError as exc:
        return Transcription(False, laid_out, f"not the recovery key: {exc}")
    if bytes(PrivateKey(secret).public_key) != recovery_public:
        return Transcription(
            False,
            laid_out,
            "these words are not this organisation's recovery key: compare each row's code with "
            "the sheet to find the row that differs",
        )
    return Transcription(True, laid_out, f"the recovery key {fingerprint(recovery_public)}")


def render_pdf(organisation: str, secret: bytes, recovery_public: bytes, made_on: date) -> bytes:
    """The sheet as a one-page A4 PDF."""
    from fpdf import FPDF

    from safepassage.vetting.pdf import font_path

    if bytes(PrivateKey(secret).public_key) != recovery_public:
        raise ValueError("the key given is not this organisation's recovery key")
    words = bytes_to_words(secret)
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 18, 20)
    pdf.add_font("sheet", "", str(font_path()))
    pdf.set_title("Organisation recovery key")
    pdf.set_creator("safepassage")
    pdf.add_page()

    def line(text: str, size: float, gap: float = 2) -> None:
        pdf.set_font("sheet", size=size)
        pdf.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    line("Organisation recovery key", 18, 1)
    line(f"{organisation} — made {made_on.isoformat()}", 11, 4)
    line(f"Fingerprint: {fingerprint(recovery_public)}", 12, 5)
    pdf.set_font("sheet", size=15)
    for number, (group, code) in enumerate(rows(words), 1):
        cells = [f"{(number - 1) * PER_ROW + i + 1:>2}. {w}" for i, w in enumerate(group)]
        pdf.cell(0, 11, "     ".join(cells) + f"      [{code}]", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    for text in (
        "With these twenty words every case of the organisation can be opened, even if every "
        "staff member has lost his key. They are never stored on the server.",
        "Keep two copies, on paper, in two different safe places away from the server. Never "
        "photograph them, never type them into a computer except to recover or to check.",
        "To check a copy: sudo safepassage keys check-words, then type the words. It says "
        "whether they are this key (the fingerprint above) and shows each row's code in "
        "brackets; a row whose code differs from this sheet holds the mistake.",
    ):
        line(text, 10, 3)
    return bytes(pdf.output())
