"""Reading the organisation recovery key from the file an administrator typed it into."""

from __future__ import annotations

from pathlib import Path

from safepassage.crypto.words import WordsError, words_to_bytes

KEY_BYTES = 32


class RecoveryKeyError(ValueError):
    """The file does not hold the twenty words of a recovery key; the message says why."""


def read_recovery_key(path: Path) -> bytes:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RecoveryKeyError(f"cannot read the recovery key file {path}: {exc}") from None
    try:
        return words_to_bytes(text, KEY_BYTES)
    except WordsError as exc:
        raise RecoveryKeyError(f"{path} does not hold a recovery key: {exc}") from None
