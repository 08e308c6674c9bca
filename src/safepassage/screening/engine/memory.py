"""What the engine keeps in memory between calls, and how a client's names are forgotten.

Name parts are memoised because a list of a million names repeats the same given names and
surnames. A name parsed for a query about a client would stay in those memos after the query,
for as long as the process lives: every query made for a client runs inside `forgetting()`,
which empties every memo that holds name text when the query is over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

# Every memo that holds name text: `forget` empties them all.
MEMOS: list[Any] = []


def name_memo(maxsize: int) -> Callable[[F], F]:
    """`lru_cache` for a function of name text, registered so that `forget` reaches it."""

    def wrap(function: F) -> F:
        cached = lru_cache(maxsize=maxsize)(function)
        MEMOS.append(cached)
        return cached  # type: ignore[return-value]  # lru_cache keeps the signature

    return wrap


def forget() -> None:
    """Empty every memo of name text."""
    for cached in MEMOS:
        cached.cache_clear()


@contextmanager
def forgetting() -> Iterator[None]:
    """Run queries about clients; on leaving, nothing of their names is left in the memos."""
    try:
        yield
    finally:
        forget()
