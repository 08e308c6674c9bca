"""S9: a writer killed with SIGKILL at random moments loses nothing it committed and leaves no
half-encrypted data; the audit log still verifies."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SCRIPT = Path(__file__).with_name("crashwriter.py")
KILLS = 12


def _instance_env(tmp_path: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "SAFEPASSAGE_DATA_DIR": str(tmp_path / "data"),
        "SAFEPASSAGE_KEY_DIR": str(tmp_path / "keys"),
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "SAFEPASSAGE_AUDIT_HEAD_INTERVAL": "0.05",
    }
    base = os.environ.get("DATABASE_URL")
    if base:
        import psycopg

        name = f"safepassage_crash_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = base.rsplit("/", 1)[0] + "/" + name
    return env


def _drop(env: dict[str, str]) -> None:
    if "DATABASE_URL" in env and env["DATABASE_URL"] != os.environ.get("DATABASE_URL"):
        import psycopg

        base = os.environ["DATABASE_URL"]
        name = env["DATABASE_URL"].rsplit("/", 1)[1]
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_killed_writer_loses_nothing_committed(tmp_path):
    env = _instance_env(tmp_path)
    rng = random.Random(9)
    try:
        subprocess.run([sys.executable, str(SCRIPT), "setup"], env=env, check=True, timeout=120)
        printed: list[str] = []
        for _ in range(KILLS):
            writer = subprocess.Popen(
                [sys.executable, str(SCRIPT), "write"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
            # Wait for the first committed record (start-up is slow on a loaded machine), then
            # kill at a random moment mid-write.
            assert writer.stdout is not None
            first = writer.stdout.readline().split()
            time.sleep(rng.random() * 1.5)
            writer.send_signal(signal.SIGKILL)
            out, _ = writer.communicate(timeout=30)
            printed += first + out.split()
        assert len(printed) > KILLS  # records were being written when the kills came
        result = subprocess.run(
            [sys.executable, str(SCRIPT), "check"],
            env=env,
            input="\n".join(printed),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        summary = json.loads(result.stdout.strip().splitlines()[-1])
        assert summary["opened"] == len(set(printed)), summary
        assert summary["total"] >= summary["opened"]
        assert summary["audit_ok"], summary["problems"]
    finally:
        _drop(env)
