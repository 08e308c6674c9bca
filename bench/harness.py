"""Shared benchmark plumbing: a scratch instance on SQLite or PostgreSQL, timers, memory."""

from __future__ import annotations

import os
import resource
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/test"


def emit(name: str, value: object) -> None:
    """One `name: value` line, as every benchmark prints its figures."""
    print(f"{name}: {value}", flush=True)


def median_seconds(fn: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def scratch_instance(database: str) -> Iterator[str]:
    """Point Django at a fresh, migrated instance; yields a label for the database."""
    folder = Path(tempfile.mkdtemp(prefix="safepassage-bench-"))
    os.environ["SAFEPASSAGE_DATA_DIR"] = str(folder / "data")
    os.environ["SAFEPASSAGE_KEY_DIR"] = str(folder / "keys")
    os.environ["DJANGO_SETTINGS_MODULE"] = "safepassage.settings"
    created = None
    if database == "postgres":
        import psycopg

        base = os.environ.get("BENCH_PG_URL", DEFAULT_PG)
        created = f"safepassage_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{created}"')
        os.environ["DATABASE_URL"] = base.rsplit("/", 1)[0] + "/" + created
    else:
        os.environ.pop("DATABASE_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    try:
        yield database
    finally:
        if created:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(base, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{created}"')


def postgres_reachable() -> bool:
    import psycopg

    try:
        with psycopg.connect(os.environ.get("BENCH_PG_URL", DEFAULT_PG), connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def run_child(script: str, *args: str) -> list[str]:
    """Run a benchmark part in a fresh interpreter (one Django configuration per process)."""
    import subprocess

    result = subprocess.run(
        [sys.executable, script, *args], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"{script} {' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return [line for line in result.stdout.splitlines() if ": " in line]
