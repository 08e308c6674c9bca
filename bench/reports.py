"""Reports figures: the coordinator's dashboard over 100,000 cases with realistic histories, and
the time to compute and publish a release.

    .venv/bin/python bench/reports.py [--db sqlite|postgres|both] [--cases 100000]

Cases are written straight into the readable columns reports count (stage changes along the
stage machine, milestones, vetting decisions, intake threads: `reports/tests/bulk.py`), over
the three years before today. Page times are through Django's test client, in this process:
the dashboard (HTML, 12 months), one chart (SVG) and the CSV export, read from the monthly
roll-up (its rebuild, which a page pays once it is five minutes old, is timed apart). The
baseline, in the same process, is the same dashboard for a caseworker with no case
(`_vs_empty`). A release's time covers prepare, preview and publish (counted afresh twice).
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from harness import emit, peak_rss_mb, percentile, postgres_reachable, run_child, scratch_instance

WARMUP = 3
REQUESTS = 40


def get_ms(client: Any, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def timed(client: Any, url: str) -> list[float]:
    for _ in range(WARMUP):
        get_ms(client, url)
    return [get_ms(client, url) for _ in range(REQUESTS)]


def emit_times(name: str, samples: list[float]) -> None:
    emit(f"{name}_p50_ms", f"{percentile(samples, 50):.1f}")
    emit(f"{name}_p95_ms", f"{percentile(samples, 95):.1f}")


def run(db: str, count: int) -> None:
    from django.db import connection
    from django.utils import timezone

    from safepassage.accounts.services import create_organisation
    from safepassage.cases.models import Milestone, StageChange
    from safepassage.core.roles import Role
    from safepassage.reports import rollup, services
    from safepassage.reports.figures import Period
    from safepassage.reports.tests.bulk import make_cases
    from safepassage.testing import make_staff, verified_client

    organisation, _keys = create_organisation("Bench organisation", ["Desk"])
    coordinator = make_staff(organisation, role=Role.COORDINATOR)
    caseworker = make_staff(organisation, role=Role.CASEWORKER)
    today = timezone.localdate()
    start = time.perf_counter()
    rows = make_cases(organisation, coordinator, count, today - timedelta(days=3 * 365), 3 * 365)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would after a bulk load
    emit(f"seed_seconds_{db}", f"{time.perf_counter() - start:.0f}")
    emit(f"seeded_rows_{db}", rows)
    emit(f"stage_changes_{db}", StageChange.objects.count())
    emit(f"milestones_{db}", Milestone.objects.count())

    start = time.perf_counter()
    rollup.rebuild(organisation.pk)
    emit(f"rollup_rebuild_seconds_{db}", f"{time.perf_counter() - start:.2f}")

    last = today.replace(day=1) - timedelta(days=1)
    year = Period.of_months(f"{last.year - 1}-{last.month:02d}", f"{last:%Y-%m}")
    query = f"?first={year.start:%Y-%m}&last={year.end:%Y-%m}"
    client = verified_client(coordinator)
    dashboard = timed(client, "/figures/" + query)
    emit_times(f"dashboard_{db}", dashboard)
    emit_times(f"chart_{db}", timed(client, "/figures/chart/events_by_month.svg" + query))
    emit_times(f"csv_export_{db}", timed(client, "/figures/export.csv" + query))
    empty = timed(verified_client(caseworker), "/figures/" + query)
    emit(
        f"dashboard_vs_empty_{db}",
        f"{percentile(dashboard, 50) / percentile(empty, 50):.1f}",
    )

    tables = ["events_by_month", "transit_countries", "protecting_states", "service_categories"]
    start = time.perf_counter()
    draft = services.prepare(
        coordinator,
        title="Bench",
        first=f"{year.start:%Y-%m}",
        last=f"{year.end:%Y-%m}",
        tables=[*tables, "closed_by_reason", "vetting_by_outcome"],
    )
    preview = services.preview(draft, coordinator)
    assert not preview.problems, preview.problems
    services.publish(draft, coordinator)
    emit(f"threshold_release_seconds_{db}", f"{time.perf_counter() - start:.2f}")
    start = time.perf_counter()
    draft = services.prepare(
        coordinator,
        title="Bench, private",
        first=f"{year.start:%Y-%m}",
        last=f"{year.end:%Y-%m}",
        tables=tables,
        method="privacy",
        epsilon="1",
    )
    preview = services.preview(draft, coordinator)
    assert not preview.problems, preview.problems
    services.publish(draft, coordinator)
    emit(f"privacy_release_seconds_{db}", f"{time.perf_counter() - start:.2f}")
    emit(f"peak_rss_mb_{db}", f"{peak_rss_mb():.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--part", choices=["run"])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--cases", type=int, default=100_000)
    args = parser.parse_args()
    if args.part == "run":
        with scratch_instance(args.db):
            run(args.db, args.cases)
        return
    for db in ("sqlite", "postgres"):
        if args.db not in (db, "both"):
            continue
        if db == "postgres" and not postgres_reachable():
            emit("dashboard_postgres_p95_ms", "unavailable (PostgreSQL not reachable)")
            continue
        for line in run_child(__file__, "--part", "run", "--db", db, "--cases", str(args.cases)):
            print(line, flush=True)


if __name__ == "__main__":
    main()
