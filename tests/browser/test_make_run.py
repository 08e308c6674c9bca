"""The README's first command: `make run` serves the sign-in page, and the demo coordinator signs
in with the details it printed (the current code from `safepassage demo --codes`)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_make_run_serves_and_the_demo_coordinator_signs_in(tmp_path, browser):
    port = _free_port()
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
        },
        "SAFEPASSAGE_DATA_DIR": str(tmp_path / "data"),
        "SAFEPASSAGE_KEY_DIR": str(tmp_path / "keys"),
    }
    log = tmp_path / "run.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            ["make", "run", f"BIND=127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.time() + 180
        while "serving on" not in log.read_text():
            assert server.poll() is None, log.read_text()[-3000:]
            assert time.time() < deadline, "make run did not start serving in time"
            time.sleep(0.5)
        printed = log.read_text()
        block = printed.split("  Coordinator", 1)[1]
        email = re.search(r"email:\s+(\S+)", block).group(1)  # type: ignore[union-attr]
        password = re.search(r"password:\s+(\S+)", block).group(1)  # type: ignore[union-attr]
        codes = subprocess.run(
            [str(ROOT / ".venv/bin/safepassage"), "demo", "--codes"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        code = re.search(rf"{re.escape(email)}: (\d{{6}})", codes).group(1)  # type: ignore[union-attr]

        page = browser.new_context().new_page()
        page.goto(f"http://127.0.0.1:{port}/start/")
        page.wait_for_url(re.compile(r"/signin/"))
        page.fill("input[name=email]", email)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]:has-text('Continue')")
        page.wait_for_url(re.compile(r"/signin/second-factor/"))
        page.fill("input[name=code]", code)
        page.click("main button[type=submit]")
        page.wait_for_url(re.compile(r"/today/$"))
        assert "Demo Coordinator" in page.inner_text("header.site")
        page.goto(f"http://127.0.0.1:{port}/cases/")
        assert page.locator("tbody tr").count() >= 5  # the sample cases, decrypted
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
