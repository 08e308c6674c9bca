"""Case pages and the alert timer at 100,000 cases, seeded through the vault.

    .venv/bin/python bench/cases.py [--cases 100000] [--db sqlite|postgres|both]

Each database runs in its own child process on a scratch instance. The cases are invented but
stored exactly as the application stores them: a random key per case sealed to each holder's
public key and to the organisation recovery key, then under the case's shred key in the key
folder; every filled field encrypted under the case key (or, for the dates the timer reads, under
the case's workflow key); the audit entries the service functions would have written.

Page times go through Django's test client signed in as a caseworker with 500 cases, so they
include the middleware, the session, the gate, the vault and the templates. The detail page is
also timed against cases sealed with a no-op cipher in the same run, requests alternating, and
`detail_overhead_vs_noop` is (encrypted - no-op) / no-op of the medians (the vault's goal: at
most 0.25).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from case_seeding import Seeder, make_actors, noop_cipher, plan_for
from harness import emit, peak_rss_mb, percentile, postgres_reachable, run_child, scratch_instance
from invented_cases import invent

WARMUP = 5
REQUESTS = 60  # timed requests per page

# -- timing pages ----------------------------------------------------------------------------------


def get_ms(client: Any, url: str, expect: str | None = None) -> float:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (url, response.status_code)
    if expect is not None:
        assert expect in response.content.decode(), f"{url} does not show {expect!r}"
    return elapsed


def timed(client: Any, urls: list[str]) -> list[float]:
    for url in urls[:WARMUP]:
        get_ms(client, url)
    return [get_ms(client, url) for url in urls[WARMUP:]]


def queries(client: Any, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        get_ms(client, url)
    return len(captured.captured_queries)


def emit_times(name: str, samples: list[float]) -> None:
    emit(f"{name}_p50_ms", f"{percentile(samples, 50):.1f}")
    emit(f"{name}_p95_ms", f"{percentile(samples, 95):.1f}")


def part_run(database: str, count: int, other_staff: int) -> None:
    with scratch_instance(database):
        scratch = Path(os.environ["SAFEPASSAGE_KEY_DIR"]).parent
        try:
            run(database, count, other_staff)
        finally:
            # 100,000 shred keys are left in the key folder otherwise.
            shutil.rmtree(scratch, ignore_errors=True)


def run(db: str, count: int, other_staff: int) -> None:
    from django.db import connection
    from django.urls import get_resolver
    from django.utils import timezone

    from safepassage.cases import alerts
    from safepassage.cases.models import Alert, Case, Person
    from safepassage.testing import verified_client
    from safepassage.vault import fields, objects

    # Every page's code is imported now, before the long seeding, so a broken import fails fast.
    get_resolver().url_patterns  # noqa: B018
    today = timezone.localdate()
    start = time.perf_counter()
    actors = make_actors(other_staff)
    plan, bench_indices = plan_for(count, actors)
    seeder = Seeder(actors, today)
    seeder.seed(plan, None)
    if connection.vendor == "postgresql":
        # In a deployment autovacuum keeps the planner's statistics current; a bulk load
        # outruns it (and a test server may run without it), so analyse once, as it would.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    emit(f"seed_seconds_{db}", f"{time.perf_counter() - start:.0f}")
    emit(f"seeded_cases_{db}", Case.objects.count())

    # What is stored opens as the application opens it: a recovery copy of the first case.
    first = Case.objects.order_by("pk").first()
    assert first is not None
    key = objects.open_with_recovery(objects.ring_of("case", first.pk), actors.recovery_secret)
    principal = Person.objects.filter(case=first).first()
    assert principal is not None
    story = invent(0, today)
    assert fields.read(key, principal, "name_cyrillic") == story.name_cyrillic
    assert story.name_cyrillic.encode() not in bytes(principal.name_cyrillic or b"")

    # The first run creates every alert; the timer's usual run replaces them, which is the one
    # the goal is about.
    start = time.perf_counter()
    alerts.compute(today)
    emit(f"alerts_first_run_seconds_{db}", f"{time.perf_counter() - start:.1f}")
    start = time.perf_counter()
    summary = alerts.compute(today)
    emit(f"alerts_run_seconds_{db}", f"{time.perf_counter() - start:.1f}")
    emit(f"alerts_{db}", summary.alerts)
    emit(f"bench_staff_alerts_{db}", Alert.objects.filter(staff=actors.bench).count())

    # Other work on the machine shows in the page times; the load says how much there was.
    emit(f"load_average_1m_{db}", f"{os.getloadavg()[0]:.1f}")
    client = verified_client(actors.bench)
    urls = ["/today/"] * (WARMUP + REQUESTS)
    emit(f"today_queries_{db}", queries(client, urls[0]))
    emit_times(f"today_{db}", timed(client, urls))

    pages = -(-len(bench_indices) // 50)
    urls = [f"/cases/?page={1 + i % pages}" for i in range(WARMUP + REQUESTS)]
    emit(f"case_list_queries_{db}", queries(client, urls[0]))
    emit_times(f"case_list_{db}", timed(client, urls))

    # Detail pages: the timed caseworker's cases, and no-op copies of the very same invented
    # cases held by another caseworker, requested in turn so both see the same conditions.
    sample = bench_indices[: WARMUP + REQUESTS]
    references = dict(
        Case.objects.filter(assignments__staff=actors.bench)
        .order_by("pk")
        .values_list("pk", "reference")
    )
    real_refs = [references[pk] for pk in sorted(references)][: len(sample)]
    with noop_cipher():
        seeder.seed([(index, actors.noop) for index in sample], None)
        noop_client = verified_client(actors.noop)
    noop_refs = list(
        Case.objects.filter(assignments__staff=actors.noop)
        .order_by("pk")
        .values_list("reference", flat=True)
    )
    emit(f"case_detail_queries_{db}", queries(client, f"/cases/{real_refs[0]}/"))
    real: list[float] = []
    plain: list[float] = []
    for number, (index, real_ref, noop_ref) in enumerate(
        zip(sample, real_refs, noop_refs, strict=True)
    ):
        name = invent(index, today).name_cyrillic
        real_ms = get_ms(client, f"/cases/{real_ref}/", expect=name)
        with noop_cipher():
            noop_ms = get_ms(noop_client, f"/cases/{noop_ref}/", expect=name)
        if number >= WARMUP:
            real.append(real_ms)
            plain.append(noop_ms)
    emit_times(f"case_detail_{db}", real)
    emit_times(f"case_detail_noop_{db}", plain)
    real_p50, plain_p50 = percentile(real, 50), percentile(plain, 50)
    emit(f"detail_overhead_vs_noop_{db}", f"{(real_p50 - plain_p50) / plain_p50:.2f}")
    emit(f"load_average_1m_end_{db}", f"{os.getloadavg()[0]:.1f}")
    emit(f"peak_rss_mb_{db}", f"{peak_rss_mb():.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--part", choices=["run"])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--staff", type=int, default=100, help="caseworkers besides the timed one")
    args = parser.parse_args()
    if args.part == "run":
        part_run(args.db, args.cases, args.staff)
        return
    sizes = ["--cases", str(args.cases), "--staff", str(args.staff)]
    emit(
        "seed_note",
        f"{args.staff + 3} staff (1 coordinator holds every case); shred keys written without "
        "fsync while seeding only; PostgreSQL analysed once after seeding, as autovacuum would",
    )
    if args.db in ("sqlite", "both"):
        for line in run_child(__file__, "--part", "run", "--db", "sqlite", *sizes):
            print(line, flush=True)
    if args.db in ("postgres", "both"):
        if postgres_reachable():
            for line in run_child(__file__, "--part", "run", "--db", "postgres", *sizes):
                print(line, flush=True)
        else:
            emit("seed_seconds_postgres", "unavailable (PostgreSQL not reachable)")


if __name__ == "__main__":
    main()
