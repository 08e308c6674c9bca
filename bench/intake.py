"""Intake figures: sealed submissions per second over HTTP, and server memory for a 20 MB upload.

    .venv/bin/python bench/intake.py [--submissions 400] [--attachment-mb 20]

A real `safepassage serve` (waitress) runs in a child process on a free loopback port with a
scratch instance; two client threads post the write form with 1 KB of text, as a browser would
(each submission derives two Argon2id keys and seals the message). Then one message with a plain
text attachment of 20 MB is posted while the server's peak resident memory is watched in /proc:
uploads are encrypted as they arrive and text is re-sealed chunk by chunk, so the growth should
stay far below the file's size. Photos and PDFs are stripped in memory and have their own,
smaller limit (INTAKE_STRIP_MAX_BYTES).
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import emit, percentile, postgres_reachable, run_child, scratch_instance

CLIENT_THREADS = 2
SERVER_THREADS = 4
BOUNDARY = "----safepassage-bench-boundary"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _text_of(size: int) -> str:
    """`size` bytes of UTF-8, Russian as a real message would be."""
    sentence = "Меня мобилизовали в сентябре, я в Казахстане и прошу помочь с документами. "
    text = ""
    while len(text.encode()) < size:
        text += sentence
    while len(text.encode()) > size:
        text = text[:-1]
    return text


FIELDS = {
    "who": "self",
    "situation": "mobilised",
    "country": "",
    "urgency": "days",
    "reply_via": "site",
    "handle": "",
}
HEADERS = {"Sec-Fetch-Site": "same-origin", "Host": "127.0.0.1"}


def _post_form(conn: http.client.HTTPConnection, text: str) -> float:
    body = urllib.parse.urlencode({**FIELDS, "text": text}).encode()
    start = time.perf_counter()
    conn.request(
        "POST",
        "/write/",
        body,
        {**HEADERS, "Content-Type": "application/x-www-form-urlencoded"},
    )
    response = conn.getresponse()
    page = response.read()
    elapsed = time.perf_counter() - start
    if response.status != 200 or b'class="words codename"' not in page:
        raise RuntimeError(f"submission refused: {response.status} {page[:300]!r}")
    return elapsed


def _multipart(text: str, file_size: int) -> tuple[bytes, str]:
    parts = []
    for name, value in {**FIELDS, "text": text}.items():
        parts.append(
            f"--{BOUNDARY}\r\nContent-Disposition: form-data; "
            f'name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    parts.append(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="statement.txt"'
        "\r\nContent-Type: text/plain\r\n\r\n".encode()
    )
    line = b"I was called up in September and ordered to report to the unit.\n"
    parts.append((line * (file_size // len(line) + 1))[:file_size])
    parts.append(f"\r\n--{BOUNDARY}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={BOUNDARY}"


def _status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/{pid}/status")


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _start_server(port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        # The benchmark measures throughput, not the flood limits.
        "SAFEPASSAGE_INTAKE_SUBMITS_PER_HOUR": "1000000",
        "SAFEPASSAGE_INTAKE_QUEUE_MAX": "1000000",
        "SAFEPASSAGE_LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "safepassage",
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--threads",
            str(SERVER_THREADS),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/", headers=HEADERS)
            if conn.getresponse().status == 200:
                conn.close()
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not start within 60 s")


def part(database: str, submissions: int, attachment_mb: int) -> None:
    with scratch_instance(database):
        from django.conf import settings

        from safepassage.accounts.services import create_organisation
        from safepassage.intake.models import Attachment, Conversation

        create_organisation("Bench", ["Desk"])
        if database == "sqlite":
            emit("codename_argon2id_opslimit", settings.INTAKE_CODENAME_OPSLIMIT)
            emit("codename_argon2id_memlimit_mib", settings.INTAKE_CODENAME_MEMLIMIT // 2**20)
        port = _free_port()
        server = _start_server(port)
        try:
            text = _text_of(1024)
            warm = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            for _ in range(5):
                _post_form(warm, text)
            warm.close()
            latencies: list[float] = []
            errors: list[BaseException] = []
            lock = threading.Lock()

            def client(count: int) -> None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                try:
                    for _ in range(count):
                        took = _post_form(conn, text)
                        with lock:
                            latencies.append(took)
                except BaseException as exc:  # reported below, the run fails
                    errors.append(exc)
                finally:
                    conn.close()

            # Other work on the machine slows every figure here; the load shows how much.
            emit(f"load_average_1min_{database}", f"{os.getloadavg()[0]:.2f}")
            each = submissions // CLIENT_THREADS
            threads = [threading.Thread(target=client, args=(each,)) for _ in range(CLIENT_THREADS)]
            cpu_before = _cpu_seconds(server.pid)
            start = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            seconds = time.perf_counter() - start
            cpu = (_cpu_seconds(server.pid) - cpu_before) / (each * CLIENT_THREADS)
            if errors:
                raise errors[0]
            assert Conversation.objects.count() == 5 + each * CLIENT_THREADS
            emit(f"sealed_submissions_per_s_{database}", f"{len(latencies) / seconds:.1f}")
            emit(f"submission_p50_ms_{database}", f"{statistics.median(latencies) * 1000:.1f}")
            emit(f"submission_p95_ms_{database}", f"{percentile(latencies, 95) * 1000:.1f}")
            # CPU the server spent per submission, which other load on the machine barely moves.
            emit(f"server_cpu_ms_per_submission_{database}", f"{cpu * 1000:.1f}")

            body, content_type = _multipart("see the attached statement", attachment_mb * 2**20)
            # Reset the peak to the current size, so the peak below belongs to this upload.
            Path(f"/proc/{server.pid}/clear_refs").write_text("5")
            before = _status_kb(server.pid, "VmRSS")
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            conn.request("POST", "/write/", body, {**HEADERS, "Content-Type": content_type})
            response = conn.getresponse()
            page = response.read()
            conn.close()
            if response.status != 200 or b'class="words codename"' not in page:
                raise RuntimeError(f"upload refused: {response.status} {page[:300]!r}")
            peak = _status_kb(server.pid, "VmHWM")
            stored = Attachment.objects.get()
            assert stored.stored_size > attachment_mb * 2**20
            emit(f"attachment_mb_{database}", attachment_mb)
            emit(f"server_rss_before_mb_{database}", f"{before / 1024:.1f}")
            emit(f"server_peak_rss_growth_mb_{database}", f"{(peak - before) / 1024:.1f}")
        finally:
            server.terminate()
            server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--part", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--submissions", type=int, default=400)
    parser.add_argument("--attachment-mb", type=int, default=20)
    args = parser.parse_args()
    if args.part:
        part(args.db, args.submissions, args.attachment_mb)
        return
    sizes = ["--submissions", str(args.submissions), "--attachment-mb", str(args.attachment_mb)]
    for line in run_child(__file__, "--part", "--db", "sqlite", *sizes):
        print(line, flush=True)
    if postgres_reachable():
        for line in run_child(__file__, "--part", "--db", "postgres", *sizes):
            print(line, flush=True)
    else:
        emit("sealed_submissions_per_s_postgres", "unavailable (PostgreSQL not reachable)")


if __name__ == "__main__":
    main()
