"""The safe-copy worker as a process of its own beside the web server (what `serve` starts)."""

from __future__ import annotations

import os
import subprocess
import sys


def start_converter() -> subprocess.Popen[bytes]:
    """`safepassage safecopies work` as a child process: conversions never run in the web
    process, and the worker stops by itself once the server is gone."""
    return subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "-m", "safepassage", "safecopies", "work", "--parent", str(os.getpid())]
    )
