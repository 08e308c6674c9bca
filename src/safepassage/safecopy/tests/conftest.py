from __future__ import annotations

import io
from typing import Any

import pytest

from safepassage.safecopy import services
from safepassage.safecopy.models import SafeCopy


def run_queue() -> list[str]:
    """What the worker does: make every waiting safe copy, one after the other."""
    states = []
    while (copy := services.claim()) is not None:
        states.append(services.make(copy))
    return states


def named(name: str, data: bytes) -> io.BytesIO:
    handle = io.BytesIO(data)
    handle.name = name
    return handle


def body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def no_ocr(settings: Any) -> None:
    """Most tests need the pictures, not the words: OCR is what makes conversions slow."""
    settings.SAFECOPY_OCR = False


def only_copy() -> SafeCopy:
    return SafeCopy.objects.get()
