"""A client's name for a command without putting it on the command line, where it would stay in
the shell's history and be visible to every user of the server in the process list."""

from __future__ import annotations

from typing import TextIO

from django.core.management.base import CommandError

FROM_INPUT = "-"
HELP = "the name; leave it out (or give -) to type it at a prompt or pipe it in, off the history"


def name_argument(value: str | None, stdin: TextIO, prompt: str = "Name: ") -> str:
    """`value` as given, or, when it is missing or '-', one line read from `stdin` (with a
    prompt when a person is typing). An empty name is refused."""
    if value is None or value == FROM_INPUT:
        if stdin.isatty():
            print(prompt, end="", flush=True)
        value = stdin.readline()
    value = value.strip()
    if not value:
        raise CommandError("the name is empty")
    return value
