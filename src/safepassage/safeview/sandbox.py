"""Starting a converter in a bubblewrap sandbox, with resource limits and a deadline.

The sandbox (Debian's `bwrap`): every namespace unshared (no network but a loopback nobody
listens on, its own process tree, its own user 65534 without capabilities), a read-only view of
`/usr` and of the fonts' configuration, the Python environment's packages read-only (Pillow and
pikepdf read the document there), a private in-memory `/tmp` of limited size, an empty
environment, and nothing else: no `/etc/passwd`, no home, no data folder, no key folder. The
document arrives on stdin and pixels leave on stdout, so no plain copy is ever written to a disk.

Limits are set on the process before it starts (CPU seconds, address space, largest file, no core
files) and inherited by everything it starts; a deadline kills the whole process group.

Where bubblewrap is missing or the kernel refuses namespaces, the same converter runs as a plain
process with the same limits and its working files in a private temporary folder (mode 0700,
in memory under /dev/shm when there is one) that is removed afterwards. That is weaker: the
converter could reach the network and read whatever the server's user can read. It is logged at
every conversion and reported by `sandbox_status()`.
"""

from __future__ import annotations

import logging
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from safepassage.safeview.limits import Limits

log = logging.getLogger("safepassage.safeview")

INNER_SCRIPT = Path(__file__).with_name("inner.py")
SANDBOX_SCRIPT = "/sandbox/inner.py"
NOBODY = "65534"
# Read-only configuration the converters need, when the system has it.
ETC_READ_ONLY = ("/etc/fonts", "/etc/libreoffice")


@dataclass(frozen=True)
class SandboxStatus:
    """What `safepassage doctor` says about the conversion sandbox."""

    isolated: bool
    summary: str
    detail: str


def _system_mounts() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for top in ("/bin", "/sbin", "/lib", "/lib64"):
        if os.path.islink(top):
            args += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            args += ["--ro-bind", top, top]
    for folder in ETC_READ_ONLY:
        if os.path.isdir(folder):
            args += ["--ro-bind", folder, folder]
    # Python and the virtual environment's packages (they hold no data and no keys).
    for prefix in dict.fromkeys((sys.base_prefix, sys.prefix)):
        real = str(Path(prefix).resolve())
        if not real.startswith("/usr/"):
            args += ["--ro-bind", real, real]
            if real != prefix:
                args += ["--symlink", real, prefix]
    return args


def bwrap_prefix(limits: Limits, extra_binds: Sequence[tuple[str, str]] = ()) -> list[str]:
    """The bubblewrap command line that every converter is started under."""
    bwrap = shutil.which("bwrap") or "bwrap"
    args = [
        bwrap,
        "--unshare-all",
        "--unshare-user",
        "--uid",
        NOBODY,
        "--gid",
        NOBODY,
        "--cap-drop",
        "ALL",
        "--die-with-parent",
        "--new-session",
        "--clearenv",
        "--setenv",
        "PATH",
        "/usr/bin:/bin",
        "--setenv",
        "HOME",
        "/tmp",  # noqa: S108 - the sandbox's own private tmpfs
        "--setenv",
        "TMPDIR",
        "/tmp",  # noqa: S108
        "--setenv",
        "LANG",
        "C.UTF-8",
        "--setenv",
        "OMP_THREAD_LIMIT",
        "1",
        "--setenv",
        "PYTHONDONTWRITEBYTECODE",
        "1",
        # The private /tmp first: Python's folders are bound after it, so an install that
        # lives under /tmp (a checkout there) is still seen, read-only, inside.
        "--size",
        str(limits.tmp_bytes),
        "--tmpfs",
        "/tmp",  # noqa: S108
        *_system_mounts(),
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--ro-bind",
        str(INNER_SCRIPT),
        SANDBOX_SCRIPT,
    ]
    for source, target in extra_binds:
        args += ["--ro-bind", source, target]
    return [*args, "--chdir", "/tmp"]  # noqa: S108


def _limit_process(limits: Limits) -> None:
    """Runs in the child before it starts: limits inherited by everything it starts."""
    cpu = limits.cpu_seconds
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_bytes, limits.file_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # Conversions give way to the web server when both want the processors.
    os.nice(10)


@cache
def _probe() -> SandboxStatus:
    if shutil.which("bwrap") is None:
        return SandboxStatus(
            False,
            "weaker: bubblewrap is not installed; documents are converted without a sandbox",
            "install Debian's bubblewrap (scripts/setup-system does)",
        )
    try:
        result = subprocess.run(  # noqa: S603 - our own fixed command line
            [*bwrap_prefix(Limits()), "/usr/bin/true"],
            capture_output=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return SandboxStatus(False, "weaker: bubblewrap does not start", str(exc)[:200])
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", "replace").strip()[:200]
        return SandboxStatus(
            False,
            "weaker: the kernel refuses the sandbox's namespaces; documents are converted "
            "without a sandbox",
            reason or f"bwrap exited with {result.returncode}",
        )
    return SandboxStatus(
        True,
        "documents are converted in a bubblewrap sandbox without network",
        "all namespaces unshared, read-only system, private memory-backed /tmp",
    )


def sandbox_status(refresh: bool = False) -> SandboxStatus:
    """Whether conversions run isolated (checked once per process, or again on request)."""
    if refresh:
        _probe.cache_clear()
    return _probe()


@contextmanager
def _private_folder() -> Iterator[str]:
    """The fallback's working folder: private, in memory when possible, always removed."""
    shm = "/dev/shm"  # noqa: S108 - chosen because it is memory, not disk
    base = shm if os.path.isdir(shm) and os.access(shm, os.W_OK) else None
    folder = tempfile.mkdtemp(prefix="safeview-", dir=base)
    os.chmod(folder, 0o700)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def start(
    argv: Sequence[str],
    limits: Limits,
    *,
    sandboxed: bool | None = None,
    extra_binds: Sequence[tuple[str, str]] = (),
) -> Iterator[subprocess.Popen[bytes]]:
    """A converter process with stdin and stdout as pipes; killed with its group on exit.

    `argv` names programs as seen inside the sandbox; `SANDBOX_SCRIPT` is the converter script.
    """
    isolated = sandbox_status().isolated if sandboxed is None else sandboxed
    with _private_folder() if not isolated else _nothing() as folder:
        if isolated:
            command = [*bwrap_prefix(limits, extra_binds), *argv]
            env = {"PATH": "/usr/bin:/bin"}
            cwd = None
        else:
            log.warning("conversion sandbox unavailable: running the converter without it")
            command = [str(INNER_SCRIPT) if a == SANDBOX_SCRIPT else a for a in argv]
            env = {
                "PATH": "/usr/bin:/bin",
                "HOME": folder,
                "TMPDIR": folder,
                "LANG": "C.UTF-8",
                "OMP_THREAD_LIMIT": "1",
                "PYTHONDONTWRITEBYTECODE": "1",
            }
            cwd = folder
        process = subprocess.Popen(  # noqa: S603 - our own fixed command line
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=cwd,
            start_new_session=True,
            preexec_fn=lambda: _limit_process(limits),
        )
        try:
            yield process
        finally:
            kill(process)


@contextmanager
def _nothing() -> Iterator[str]:
    yield ""


def kill(process: subprocess.Popen[bytes]) -> None:
    """End the converter and everything it started."""
    if process.poll() is None:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    for pipe in (process.stdin, process.stdout):
        if pipe is not None:
            with suppress(OSError):
                pipe.close()
    process.wait()


def died_of(process: subprocess.Popen[bytes]) -> str | None:
    """The limit that killed the converter, if its exit says so."""
    code = process.returncode
    if code is None or code >= 0:
        # bwrap reports a child killed by a signal as 128 + the signal's number.
        signum = code - 128 if code is not None and code > 128 else None
    else:
        signum = -code
    if signum in (signal.SIGXCPU, signal.SIGKILL):
        return "cpu"
    if signum == signal.SIGXFSZ:
        return "expands"
    return None  # a crash says nothing certain about why
