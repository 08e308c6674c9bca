"""The codename derivations, a few at a time.

Every codename typed on the follow-up page costs one Argon2id derivation before any row can be
looked up, so a flood of wrong codenames is a flood of work. Counting wrong guesses per hour and
refusing everyone once the count is reached would hand the flood the power to lock every person
out. Instead the work itself is bounded: at most INTAKE_DERIVATIONS_AT_ONCE derivations run at
once in this process, the others wait their turn (in arrival order) for up to
INTAKE_DERIVATION_WAIT_SECONDS, and only a request that waited that long is asked to try again.
A flood then costs the server a fixed share of its processors and makes everyone wait a little,
but a person with his right codename still gets through. Limiting each sender is the proxy's job
(nginx `limit_req`, in memory) or Tor's (proof of work at the onion service), since the
application cannot tell senders apart, by design.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.utils.translation import gettext as _

_lock = threading.Lock()
_slots: tuple[int, threading.BoundedSemaphore] | None = None


class TooBusy(Exception):
    """No derivation slot came free in time; the person should try again in a minute."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Many people are using this page right now. Please wait a minute and try "
                "again; your codename is still valid."
            )
        )


def _semaphore() -> threading.BoundedSemaphore:
    global _slots
    size = max(1, settings.INTAKE_DERIVATIONS_AT_ONCE)
    with _lock:
        if _slots is None or _slots[0] != size:
            _slots = (size, threading.BoundedSemaphore(size))
        return _slots[1]


@contextmanager
def slot() -> Iterator[None]:
    """Hold one of the derivation slots while the body runs."""
    semaphore = _semaphore()
    if not semaphore.acquire(timeout=settings.INTAKE_DERIVATION_WAIT_SECONDS):
        raise TooBusy
    try:
        yield
    finally:
        semaphore.release()
