"""The sandbox is tried by converters that misbehave: they reach for the network, the key folder,
the system, more memory and more time than they are given."""

from __future__ import annotations

import contextlib
import logging
import socket
import sys
import textwrap
import threading
import time

import pytest

from safepassage.safeview import convert, sandbox
from safepassage.safeview.limits import Limits, Stopped
from safepassage.safeview.tests import hostile


@pytest.fixture(autouse=True)
def _isolated():
    status = sandbox.sandbox_status(refresh=True)
    # The project's setup installs bubblewrap; these tests are about the real sandbox.
    assert status.isolated, status


def run_hostile(code: str, limits: Limits | None = None, timeout: float = 30) -> tuple[int, str]:
    """Run a converter of our own making in the sandbox; its exit code and what it printed."""
    argv = [sys.executable, "-I", "-c", textwrap.dedent(code)]
    with sandbox.start(argv, limits or Limits()) as process:
        out, _ = process.communicate(timeout=timeout)
    return process.returncode, out.decode()


def test_a_converter_that_tries_to_connect_fails():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(3)
    port = listener.getsockname()[1]
    accepted: list[object] = []

    def accept() -> None:
        with contextlib.suppress(OSError):
            accepted.append(listener.accept())

    waiter = threading.Thread(target=accept)
    waiter.start()
    _code, out = run_hostile(
        f"""
        import socket
        for host in ("127.0.0.1", "::1"):
            try:
                socket.create_connection((host, {port}), timeout=2)
                print("connected", host)
            except OSError as exc:
                print("refused", host, type(exc).__name__)
        try:
            socket.getaddrinfo("example.org", 80)
            print("resolved")
        except OSError:
            print("no names")
        """
    )
    waiter.join()
    listener.close()
    assert "connected" not in out
    assert out.count("refused") == 2
    assert "no names" in out
    assert accepted == []


def test_a_converter_that_tries_to_read_the_key_folder_fails(settings, tmp_path):
    keys = tmp_path / "keys"
    keys.mkdir()
    (keys / "server.key").write_bytes(b"K" * 32)
    data = tmp_path / "files"
    data.mkdir()
    (data / "stored.bin").write_bytes(b"D" * 32)
    settings.KEY_DIR = keys
    _code, out = run_hostile(
        f"""
        import os
        for path in ({str(keys / "server.key")!r}, {str(keys)!r}, {str(data / "stored.bin")!r},
                     "/etc/passwd", "/etc/shadow", "/home", {str(tmp_path)!r}):
            try:
                if os.path.isdir(path):
                    print("listed", path, os.listdir(path))
                else:
                    print("read", path, len(open(path, "rb").read()))
            except OSError as exc:
                print("denied", path, type(exc).__name__)
        """
    )
    assert "read " not in out
    assert "listed " not in out
    assert out.count("denied") == 7


def test_the_system_is_read_only_and_the_converter_is_nobody():
    _code, out = run_hostile(
        """
        import os
        print("uid", os.getuid())
        for path in ("/usr/bin/evil", "/sandbox/inner.py"):
            try:
                open(path, "wb").write(b"x")
                print("wrote", path)
            except OSError:
                print("read-only", path)
        print("capabilities", open("/proc/self/status").read().split("CapEff:")[1].split()[0])
        """
    )
    assert "uid 65534" in out
    assert "wrote" not in out
    assert "capabilities 0000000000000000" in out


def test_a_converter_past_its_cpu_seconds_is_killed():
    started = time.monotonic()
    code, _ = run_hostile("while True: pass", Limits(cpu_seconds=2), timeout=30)
    assert code != 0
    assert time.monotonic() - started < 20


def test_a_converter_past_its_memory_gets_none():
    _code, out = run_hostile(
        """
        try:
            block = bytearray(3 * 1024**3)
            print("allocated")
        except MemoryError:
            print("refused")
        """,
        Limits(memory_bytes=1024**3),
    )
    assert "refused" in out


def test_a_converter_past_the_deadline_is_stopped(monkeypatch):
    # A renderer that never answers: the conversion stops at its deadline, not later.
    monkeypatch.setattr(
        convert,
        "_render_argv",
        lambda kind, limits: [sys.executable, "-I", "-c", "import time; time.sleep(60)"],
    )
    started = time.monotonic()
    with pytest.raises(Stopped) as stopped:
        convert.convert([b"%PDF-"], "pdf", Limits(timeout_seconds=2), font_path=hostile.FONT)
    assert stopped.value.reason == "timeout"
    assert time.monotonic() - started < 10


def test_without_bubblewrap_the_status_says_weaker(monkeypatch, caplog):
    monkeypatch.setattr("shutil.which", lambda name: None)
    try:
        status = sandbox.sandbox_status(refresh=True)
        assert not status.isolated
        assert status.summary.startswith("weaker")
        with caplog.at_level(logging.WARNING, logger="safepassage.safeview"):
            _code, out = run_hostile("print('ran')")
        assert "ran" in out
        assert "without it" in caplog.text
    finally:
        monkeypatch.undo()
        sandbox.sandbox_status(refresh=True)
